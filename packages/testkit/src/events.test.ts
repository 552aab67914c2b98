import { activityEventSchema, createAjv, personSchema } from '@kaoping/contract';
import { describe, expect, it } from 'vitest';
import { makeEvent, makePerson, taxMatter } from './events.js';
import { localTime } from './time.js';

const ajv = createAjv();
const validEvent = ajv.compile(activityEventSchema);
const validPerson = ajv.compile(personSchema);

describe('event factories', () => {
  it('makeEvent fills defaults that pass the contract schema and gives unique ids', () => {
    const a = makeEvent();
    const b = makeEvent({ type: 'tax.rating.submitted', occurredAt: '2026-03-05 10:00', attrs: { score: 5 } });
    expect(validEvent(a), JSON.stringify(validEvent.errors)).toBe(true);
    expect(validEvent(b), JSON.stringify(validEvent.errors)).toBe(true);
    expect(a.id).not.toBe(b.id);
    expect(b.occurredAt).toBe(localTime('2026-03-05 10:00'));
    expect(makeEvent({ actorId: null, unitId: null })).toMatchObject({ actorId: null, unitId: null });
  });

  it('makePerson passes the contract schema', () => {
    const p = makePerson({ id: 'P9', politicalStatus: '中共党员', until: '2026-06-30' });
    expect(validPerson(p), JSON.stringify(validPerson.errors)).toBe(true);
    expect(p.until).toBe(localTime('2026-06-30'));
  });

  it('taxMatter emits accepted and, once completed, completed events as the catalogue says', () => {
    const [accepted, completed] = taxMatter({ id: 'M1', acceptedAt: '2026-03-01 09:00', deadlineAt: '2026-03-10 17:00', completedAt: '2026-03-09 15:00' });
    expect(accepted).toMatchObject({ id: 'M1#a', source: 'tax-collection', type: 'tax.matter.accepted', occurredAt: localTime('2026-03-01 09:00') });
    expect(completed).toMatchObject({ id: 'M1#c', type: 'tax.matter.completed', occurredAt: localTime('2026-03-09 15:00') });
    expect(completed.attrs).toEqual({
      matterId: 'M1', matterType: 'general',
      acceptedAt: localTime('2026-03-01 09:00'), deadlineAt: localTime('2026-03-10 17:00'), completedAt: localTime('2026-03-09 15:00'),
    });
    expect(validEvent(completed), JSON.stringify(validEvent.errors)).toBe(true);
    const open = taxMatter({ id: 'M2', acceptedAt: '2026-03-01', deadlineAt: '2026-03-10' });
    expect(open).toHaveLength(1);
    expect(open[0].attrs.completedAt).toBeNull();
  });
});
