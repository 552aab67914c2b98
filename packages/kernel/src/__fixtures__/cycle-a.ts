import { makeOnTime } from './on-time.js';

export default makeOnTime({ id: 'test.cycle-a', dependsOn: ['test.cycle-b'] });
