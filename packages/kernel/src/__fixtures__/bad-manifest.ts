import { makeOnTime } from './on-time.js';

/** `version` is not semver: refused before any of its code runs (setup would throw if it did). */
export default makeOnTime({
  id: 'test.bad-manifest',
  version: 'one',
  setup() {
    throw new Error('setup of a plugin with a bad manifest must never run');
  },
});
