import { makeOnTime } from './on-time.js';

/** A person-only indicator for party members, like the party indicators. */
export default makeOnTime({
  id: 'test.members-only',
  subjects: ['person'],
  appliesTo: (p) => p.politicalStatus === '中共党员',
});
