import { makeOnTime } from './on-time.js';

/** Its setup never settles. */
export default makeOnTime({
  id: 'test.hanging-setup',
  setup: () => new Promise<void>(() => {}),
});
