import { makeOnTime } from './on-time.js';

export default makeOnTime({
  id: 'test.throwing-stop',
  stop() {
    throw new Error('lost the connection while closing');
  },
});
