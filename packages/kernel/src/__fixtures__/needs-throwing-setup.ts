import { makeOnTime } from './on-time.js';

export default makeOnTime({ id: 'test.needs-throwing-setup', dependsOn: ['test.throwing-setup'] });
