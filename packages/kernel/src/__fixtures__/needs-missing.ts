import { makeOnTime } from './on-time.js';

/** Requires a plugin nobody installed. */
export default makeOnTime({ id: 'test.needs-missing', dependsOn: ['test.not-installed'] });
