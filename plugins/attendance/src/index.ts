import {
  assertTargetParams, defineIndicator, targetParamsProperties, trendRisks,
  type AggregateContext, type TargetParams,
} from '@kaoping/contract';

/** Days marked 出勤 and 缺勤; 请假 counts in neither. */
export interface AttendanceState {
  present: number;
  absent: number;
}

export type AttendanceParams = TargetParams;

const ID = 'gov.attendance';
const TITLE = { zh: '出勤率', en: 'Attendance rate' };
const DEFAULTS: AttendanceParams = { target: 0.98, floor: 0.9, riskMargin: 0.25, riskMinCount: 10 };

function rate(s: AttendanceState): number | null {
  const days = s.present + s.absent;
  return days === 0 ? null : s.present / days;
}

export default defineIndicator<AttendanceState, AttendanceParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '出勤 ÷ (出勤 + 缺勤)，请假不计入', en: 'Present days ÷ (present + absent days); leave counts in neither.' },
  domain: 'government',
  subjects: ['person'],
  consumes: ['hr.attendance.recorded'],
  params: {
    schema: { type: 'object', additionalProperties: false, properties: targetParamsProperties(DEFAULTS) },
    defaults: DEFAULTS,
  },
  direction: 'higher',
  scale: { kind: 'target' },
  attribution: 'event-time',
  categories: ['出勤', '纪律'],
  setup: (ctx) => assertTargetParams(ID, ctx.params, 'higher'),
  init: () => ({ present: 0, absent: 0 }),
  add(s, e) {
    const status = e.attrs.status;
    if (status === 'present') s.present++;
    else if (status === 'absent') s.absent++;
  },
  merge: (a, b) => ({ present: a.present + b.present, absent: a.absent + b.absent }),
  value: (s) => rate(s),
  risks: (s, ctx: AggregateContext<AttendanceParams>) =>
    trendRisks({ title: TITLE, value: rate(s), count: s.present + s.absent, direction: 'higher', params: ctx.params }),
});
