import { makeOnTime } from './on-time.js';

/** The plugin every refusal test keeps running beside the broken one. */
export default makeOnTime({ id: 'test.healthy' });
