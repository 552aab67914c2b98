import { makeOnTime } from './on-time.js';

/** Throws on an event whose `attrs.boom` is true. */
export default makeOnTime({
  id: 'test.throwing-add',
  add(s, e) {
    if (e.attrs.boom === true) throw new Error('unexpected matter type');
    s.done++;
  },
});
