import { makeOnTime } from './on-time.js';

/** Attribution `period-end`: counts the event in every period ending after it (a stock). */
export default makeOnTime({ id: 'test.open-at-end', attribution: 'period-end', subjects: ['person'] });
