/** Records as the host systems export them: field names and string values exactly as written. */

export interface UnitRow { code: string; name: string; parent: string; level: string }
export interface PersonRow { code: string; name: string; unit: string; post: string; postName: string; political: string; hired: string; left: string }
export interface SanctionRow { id: string; person: string; type: string; date: string; until: string }
export interface AttendanceRow { id: string; person: string; date: string; status: '出勤' | '缺勤' | '请假' }
export interface TierRow { person: string; year: number; tier: number }

export interface MatterRec { swsxbh: string; swry_dm: string; swjg_dm: string; sxlx: string; slrq: string; blqx: string; bjrq: string | null }
export interface EnforcementRec { zfbh: string; swry_dm: string; swjg_dm: string; zflx: string; zfrq: string; fcjg: '正确' | '过错' | null }
export interface RatingRec { pjbh: string; swry_dm: string; swjg_dm: string; pjrq: string; pjfs: number }
export interface RevenueRec { swjg_dm: string; yf: string; jhs: number; sjs: number }

export interface PartyRec {
  id: string;
  memberCode: string;
  branchUnitCode: string;
  kind: 'organisational-life' | 'study';
  date: string;
  status?: 'attended' | 'absent';
  credits?: number;
}

export interface DocumentRow { id: string; person: string; unit: string; received: string; deadline: string; closed: string }
export interface SupervisionRow { id: string; person: string; unit: string; assigned: string; due: string; completed: string }
