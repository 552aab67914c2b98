import { makeOnTime } from './on-time.js';

/** Written for a contract 2.x this kernel does not provide. */
export default makeOnTime({ id: 'test.api-mismatch', api: '^2' });
