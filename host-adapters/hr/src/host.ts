import { hostConfig, type HostConfig, type HostSpec } from '@kaoping/contract/records';

export const ADAPTER_ID = 'hr';

export type HrFile = 'units' | 'people' | 'sanctions' | 'attendance' | 'tier-history';

/** 数字人事: CSV in GBK with Chinese headers. The directory files come first. */
export const HR: HostSpec<HrFile> = {
  adapterId: ADAPTER_ID,
  host: '数字人事',
  format: 'csv',
  encoding: 'gbk',
  files: {
    units: 'units.csv', people: 'people.csv', sanctions: 'sanctions.csv', attendance: 'attendance.csv', 'tier-history': 'tier-history.csv',
  },
  columns: {
    units: ['机构代码', '机构名称', '上级机构代码', '机构层级'],
    people: ['人员代码', '姓名', '机构代码', '岗位代码', '入职日期'],
    sanctions: ['记录号', '人员代码', '处分类型', '处分日期'],
    attendance: ['记录号', '人员代码', '日期', '状态'],
    'tier-history': ['人员代码', '年度', '段'],
  },
  idKeys: { units: '机构层级', people: '岗位代码', sanctions: '处分类型', attendance: '状态', 'tier-history': '段' },
};

export type HrConfig = HostConfig<HrFile>;

export const hrConfig = hostConfig({ folder: 'hr', encoding: HR.encoding, files: HR.files, delivery: 'outbox' });
