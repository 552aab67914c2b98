import { hostConfig, type HostConfig, type HostSpec } from '@kaoping/contract/records';

export const ADAPTER_ID = 'tax-collection';

export type TaxFile = 'matters' | 'enforcement' | 'ratings' | 'revenue';

/** 金税: NDJSON in UTF-8, pinyin-abbreviation field names. */
export const TAX: HostSpec<TaxFile> = {
  adapterId: ADAPTER_ID,
  host: '金税',
  format: 'ndjson',
  encoding: 'utf-8',
  files: { matters: 'matters.ndjson', enforcement: 'enforcement.ndjson', ratings: 'ratings.ndjson', revenue: 'revenue.ndjson' },
  idKeys: { matters: 'swsxbh', enforcement: 'zfbh', ratings: 'pjbh', revenue: 'yf' },
};

export type TaxConfig = HostConfig<TaxFile>;

export const taxConfig = hostConfig({ folder: 'tax', encoding: TAX.encoding, files: TAX.files, delivery: 'webhook' });
