import { makeOnTime } from './on-time.js';

/** Requires needs-missing.ts, so it is disabled in turn. */
export default makeOnTime({ id: 'test.needs-needs-missing', dependsOn: ['test.needs-missing'] });
