import { hostConfig, type HostConfig, type HostSpec } from '@kaoping/contract/records';

export const ADAPTER_ID = 'party-affairs';

export type PartyFile = 'activities';

/** 党务: one JSON array in UTF-8. */
export const PARTY: HostSpec<PartyFile> = {
  adapterId: ADAPTER_ID,
  host: '党务系统',
  format: 'json-array',
  encoding: 'utf-8',
  files: { activities: 'activities.json' },
};

export type PartyConfig = HostConfig<PartyFile>;

export const partyConfig = hostConfig({ folder: 'party', encoding: PARTY.encoding, files: PARTY.files, delivery: 'outbox' });
