import { makeOnTime } from './on-time.js';

/** Claims the id healthy.ts already has. */
export default makeOnTime({ id: 'test.healthy', version: '2.0.0' });
