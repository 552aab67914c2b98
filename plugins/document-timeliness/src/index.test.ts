import fc from 'fast-check';
import { checkIndicator, checkIndicatorProperties, eventArbitrary, localTime, makeEvent, type GoldenCase } from '@kaoping/testkit';
import { describe, expect, it } from 'vitest';
import timeliness, { type DocumentTimelinessParams } from './index.js';

/** The gov-affairs adapter's closed event: occurredAt = 办结日期, every date a local midnight. */
const closed = (received: string, deadline: string, closedOn: string) =>
  makeEvent({
    source: 'gov-affairs', type: 'gov.document.closed', occurredAt: closedOn,
    attrs: { receivedAt: localTime(received), deadline: localTime(deadline), closedAt: localTime(closedOn) },
  });

describe('gov.document-timeliness', () => {
  it('matches hand-computed values', () => {
    const cases: GoldenCase<DocumentTimelinessParams>[] = [
      {
        name: 'closed on the deadline day is on time; the day after is late',
        period: '2026-04',
        expected: 2 / 3,
        events: [closed('2026-04-01', '2026-04-10', '2026-04-10'), closed('2026-04-01', '2026-04-10', '2026-04-11'), closed('2026-04-01', '2026-04-20', '2026-04-05')],
      },
      { name: 'nothing closed: null', period: '2026-04', expected: null, events: [] },
      {
        name: 'counts in the month it was closed, not received',
        period: '2026-05',
        expected: 0,
        events: [closed('2026-04-20', '2026-04-30', '2026-05-01'), closed('2026-04-20', '2026-04-30', '2026-04-30')],
      },
      { name: 'unit subject', period: '2026', subjectKind: 'unit', expected: 1, events: [closed('2026-01-01', '2026-01-02', '2026-01-02')] },
    ];
    expect(checkIndicator(timeliness, cases).failed).toBe(0);
  });

  it('compares dates as dates: a closing time later on the deadline day is still on time', () => {
    const e = makeEvent({
      type: 'gov.document.closed', occurredAt: '2026-04-10 16:30',
      attrs: { receivedAt: localTime('2026-04-01'), deadline: localTime('2026-04-10'), closedAt: localTime('2026-04-10 16:30') },
    });
    expect(checkIndicator(timeliness, [{ name: 'same day, later hour', period: '2026-04', expected: 1, events: [e] }]).failed).toBe(0);
  });

  it('obeys the indicator laws on random closed documents (merge, partitions, order, clone, finite values, small state)', () => {
    const report = checkIndicatorProperties(timeliness, {
      arbitraryEvent: eventArbitrary({ type: 'gov.document.closed', source: 'gov-affairs', attrs: { deadline: fc.constantFrom(localTime('2026-01-31'), localTime('2026-06-30'), localTime('2026-12-31')) }, derive: (e) => ({ ...e, attrs: { ...e.attrs, closedAt: e.occurredAt, receivedAt: e.occurredAt - 86_400_000 } }) }),
      periods: ['2026', '2026-Q1', '2026-12'],
      maxStateBytes: 256,
      seed: 20260101,
    });
    expect(report.failed).toBe(0);
  });
});
