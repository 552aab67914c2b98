import { makeOnTime } from '../../__fixtures__/on-time.js';

/** Scores fine while events arrive, then throws when a period is closed. */
export default makeOnTime({
  id: 'test.throwing-value',
  value: () => {
    throw new Error('value exploded');
  },
});
