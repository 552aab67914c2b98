import { shiftDateDays } from './calendar.js';
import { pad, q, type FileSpec } from './file-spec.js';
import type { DocumentRow, PartyRec, SupervisionRow } from './records.js';

/** Party affairs (党务): one JSON array, one object per line. */
export function activitiesFile(year: number): FileSpec<PartyRec> {
  return {
    path: 'party/activities.json',
    encoding: 'utf8',
    layout: 'json-array',
    format: (r) =>
      `{"id":"${r.id}","memberCode":"${r.memberCode}","branchUnitCode":"${r.branchUnitCode}","kind":"${r.kind}","date":"${r.date}",` +
      (r.kind === 'study' ? `"credits":${r.credits}}` : `"status":${q(r.status ?? null)}}`),
    events: () => 1,
    fresh: (r, n) => ({ ...r, id: `DW${year}9${pad(n, 8)}` }),
    defects: {
      'unknown-person': (r, t) => ({ ...r, memberCode: t.unknownPerson() }),
      'bad-date': (r, t) => ({ ...r, date: t.badDate() }),
      'duplicate-id': true,
      'truncated-line': true,
      'dirty-code': (r, t) => ({ ...r, memberCode: t.dirtyCode(r.memberCode) }),
    },
  };
}

/** Government affairs (OA 政务): CSV, UTF-8 with BOM, Chinese headers; ids carry Chinese (〔年〕号). */
export function documentsFile(year: number): FileSpec<DocumentRow> {
  return {
    path: 'oa/documents.csv',
    encoding: 'utf8-bom',
    layout: 'csv',
    header: ['文号', '承办人代码', '承办机构代码', '收文日期', '办结时限', '办结日期'],
    format: (r) => `${r.id},${r.person},${r.unit},${r.received},${r.deadline},${r.closed}`,
    events: (r) => (r.closed === '' ? 1 : 2),
    fresh: (r, n) => ({ ...r, id: documentNumber(year, 9_000_000 + n) }),
    defects: {
      'unknown-person': (r, t) => ({ ...r, person: t.unknownPerson() }),
      'unknown-unit': (r, t) => ({ ...r, unit: t.unknownUnit() }),
      'bad-date': (r, t) => ({ ...r, received: t.badDate() }),
      'deadline-before-acceptance': (r, t) => ({ ...r, deadline: shiftDateDays(r.received, -t.rng.int(1, 5)) }),
      'wrong-cell-count': true,
      'wrong-encoding': true,
      'dirty-code': (r, t) => ({ ...r, person: t.dirtyCode(r.person) }),
    },
  };
}

export function documentNumber(year: number, n: number): string {
  return `示税收〔${year}〕${pad(n, 7)}号`;
}

export function supervisionFile(year: number): FileSpec<SupervisionRow> {
  return {
    path: 'oa/supervision.csv',
    encoding: 'utf8-bom',
    layout: 'csv',
    header: ['督办编号', '责任人代码', '责任机构代码', '下达日期', '要求完成日期', '完成日期'],
    format: (r) => `${r.id},${r.person},${r.unit},${r.assigned},${r.due},${r.completed}`,
    events: () => 1,
    fresh: (r, n) => ({ ...r, id: supervisionNumber(year, 9_000_000 + n) }),
    defects: {
      'unknown-person': (r, t) => ({ ...r, person: t.unknownPerson() }),
      'bad-date': (r, t) => ({ ...r, assigned: t.badDate() }),
      'wrong-cell-count': true,
      'wrong-encoding': true,
    },
  };
}

export function supervisionNumber(year: number, n: number): string {
  return `督办〔${year}〕${pad(n, 7)}号`;
}
