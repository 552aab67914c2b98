import { hostConfig, type HostConfig, type HostSpec } from '@kaoping/contract/records';

export const ADAPTER_ID = 'gov-affairs';

export type OaFile = 'documents' | 'supervision';

/** OA 政务: CSV in UTF-8 with BOM, Chinese headers. */
export const OA: HostSpec<OaFile> = {
  adapterId: ADAPTER_ID,
  host: 'OA 政务系统',
  format: 'csv',
  encoding: 'utf-8',
  files: { documents: 'documents.csv', supervision: 'supervision.csv' },
  columns: {
    documents: ['文号', '承办人代码', '承办机构代码', '收文日期', '办结时限', '办结日期'],
    supervision: ['督办编号', '责任人代码', '责任机构代码', '下达日期', '要求完成日期', '完成日期'],
  },
  idKeys: { documents: '文号', supervision: '督办编号' },
};

export type OaConfig = HostConfig<OaFile>;

export const oaConfig = hostConfig({ folder: 'oa', encoding: OA.encoding, files: OA.files, delivery: 'outbox' });
