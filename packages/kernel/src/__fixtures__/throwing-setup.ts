import { makeOnTime } from './on-time.js';

export default makeOnTime({
  id: 'test.throwing-setup',
  setup() {
    throw new Error('cannot reach the tax database');
  },
});
