import fc from 'fast-check';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, makeEvent, makePerson, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import orgLife, { type OrganisationalLifeParams } from './index.js';

const meeting = (date: string, status: 'attended' | 'absent') =>
  makeEvent({ source: 'party-affairs', type: 'party.life.recorded', occurredAt: date, attrs: { status } });

const member = makePerson({ politicalStatus: '中共党员' });
const nonMember = makePerson({ politicalStatus: '群众' });
const year = [meeting('2026-01-10', 'attended'), meeting('2026-02-10', 'attended'), meeting('2026-03-10', 'absent'), meeting('2026-04-10', 'attended'), meeting('2026-05-10', 'attended')];

describe('party.organisational-life', () => {
  it('matches hand-computed values for members', () => {
    const cases: GoldenCase<OrganisationalLifeParams>[] = [
      { name: '4 of 5 attended', period: '2026', person: member, expected: 0.8, events: year },
      { name: 'Q1: 2 of 3', period: '2026-Q1', person: member, expected: 2 / 3, events: year },
      { name: 'no meetings: null', period: '2026-Q3', person: member, expected: null, events: year },
      { name: 'a non-member is null whatever the records', period: '2026', person: nonMember, expected: null, events: year },
      { name: 'a person without 政治面貌 is null', period: '2026', person: makePerson({ politicalStatus: undefined }), expected: null, events: year },
      { name: 'who counts as a member is a param', period: '2026', person: makePerson({ politicalStatus: '中共预备党员' }), params: { memberStatus: '中共预备党员' }, expected: 0.8, events: year },
    ];
    expect(checkIndicator(orgLife, cases).failed).toBe(0);
  });

  it('applies to members only, by the configured 政治面貌', () => {
    expect(orgLife.appliesTo!(member, orgLife.params.defaults)).toBe(true);
    expect(orgLife.appliesTo!(nonMember, orgLife.params.defaults)).toBe(false);
    expect(orgLife.appliesTo!(member, { ...orgLife.params.defaults, memberStatus: '共青团员' })).toBe(false);
  });

  it('obeys the indicator laws on random meetings (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(orgLife, {
      arbitraryEvent: eventArbitrary({ type: 'party.life.recorded', source: 'party-affairs', attrs: { status: fc.constantFrom('attended', 'absent') } }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});
