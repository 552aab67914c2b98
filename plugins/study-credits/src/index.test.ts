import fc from 'fast-check';
import { parsePeriod } from '@kaoping/contract';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, localTime, makeEvent, makePerson, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import studyCredits, { type StudyCreditsParams } from './index.js';

const study = (date: string, credits: number) =>
  makeEvent({ source: 'party-affairs', type: 'party.study.recorded', occurredAt: date, attrs: { credits } });

const member = makePerson({ politicalStatus: '中共党员' });
const nonMember = makePerson({ politicalStatus: '群众' });

describe('party.study-credits', () => {
  it('matches hand-computed values', () => {
    const cases: GoldenCase<StudyCreditsParams>[] = [
      { name: 'year: 30 of 50', period: '2026', person: member, expected: 0.6, events: [study('2026-02-01', 10), study('2026-09-01', 20)] },
      { name: 'capped at 1', period: '2026', person: member, expected: 1, events: [study('2026-02-01', 40), study('2026-09-01', 20)] },
      { name: 'quarter needs 12.5: 10 ÷ 12.5', period: '2026-Q1', person: member, expected: 0.8, events: [study('2026-02-01', 10), study('2026-09-01', 20)] },
      { name: 'month needs 50 ÷ 12: 2 ÷ (50/12)', period: '2026-09', person: member, expected: 2 / (50 / 12), events: [study('2026-09-30 23:59', 2), study('2026-10-01 00:00', 5)] },
      { name: 'a member with no records has 0, not null', period: '2026', person: member, expected: 0, events: [] },
      { name: 'a non-member is null', period: '2026', person: nonMember, expected: null, events: [study('2026-02-01', 50)] },
      { name: 'annual requirement is a param', period: '2026', person: member, params: { annualCredits: 40 }, expected: 0.75, events: [study('2026-02-01', 30)] },
    ];
    expect(checkIndicator(studyCredits, cases).failed).toBe(0);
  });

  it('warns on pace: credits so far against the requirement due by now', () => {
    const ctx = (now: string) => ({ period: parsePeriod('2026'), params: studyCredits.params.defaults, subjectKind: 'person' as const, subjectId: 'P001', now: localTime(now) });
    // 2026-07-02 00:00 is 182 of 365 days in: 24.93 credits due; 14 earned ≈ 0.5615 < line 0.7.
    const [risk] = studyCredits.risks!({ credits: 14, records: 3 }, ctx('2026-07-02'));
    expect(risk).toMatchObject({ trigger: 'trend', severity: 'high' });
    expect(risk.message).toMatch(/^期内至今学习积分按进度完成率为 0\.5615，低于预警线 0\.7（3 条记录）/);
    // 20 earned ≈ 0.802 of pace: above the line, silent.
    expect(studyCredits.risks!({ credits: 20, records: 3 }, ctx('2026-07-02'))).toEqual([]);
    // 16 earned ≈ 0.642: inside the margin.
    expect(studyCredits.risks!({ credits: 16, records: 3 }, ctx('2026-07-02'))[0].severity).toBe('medium');
    // Nothing earned in the first quarter of the year is not yet a warning; afterwards it is.
    expect(studyCredits.risks!({ credits: 0, records: 0 }, ctx('2026-03-01'))).toEqual([]);
    expect(studyCredits.risks!({ credits: 0, records: 0 }, ctx('2026-04-15'))[0].severity).toBe('high');
  });

  it('obeys the indicator laws on random study records (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(studyCredits, {
      arbitraryEvent: eventArbitrary({ type: 'party.study.recorded', source: 'party-affairs', attrs: { credits: fc.constantFrom(0.5, 1, 2, 5, 10) } }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});
