import { makeOnTime } from './on-time.js';

/** Would use a plugin that is not there, but does not need it. */
export default makeOnTime({ id: 'test.optional-missing', optionalDependsOn: ['test.not-installed'], dependsOn: ['test.healthy'] });
