import { makeOnTime } from './on-time.js';

export default makeOnTime({ id: 'test.cycle-b', dependsOn: ['test.cycle-a'] });
