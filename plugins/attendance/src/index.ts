import {
  counters, defineIndicator, ratio, targetScale, trendOf, type TargetParams,
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

const days = (s: AttendanceState): number => s.present + s.absent;

/** present ÷ (present + absent); null with no such days. */
const rate = (s: AttendanceState): number | null => ratio(s.present, days(s));

export default defineIndicator<AttendanceState, AttendanceParams>({
  id: ID,
  version: '1.0.0',
  api: '^1',
  title: TITLE,
  description: { zh: '出勤 ÷ (出勤 + 缺勤)，请假不计入', en: 'Present days ÷ (present + absent days); leave counts in neither.' },
  domain: 'government',
  subjects: ['person'],
  consumes: ['hr.attendance.recorded'],
  ...targetScale({ id: ID, direction: 'higher', defaults: DEFAULTS }),
  attribution: 'event-time',
  categories: ['出勤', '纪律'],
  ...counters('present', 'absent'),
  add(s, e) {
    const status = e.attrs.status;
    if (status === 'present') s.present++;
    else if (status === 'absent') s.absent++;
  },
  value: (s) => rate(s),
  risks: trendOf({ title: TITLE, direction: 'higher', value: rate, count: days }),
});
