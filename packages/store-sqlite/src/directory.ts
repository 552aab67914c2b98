import type { OrgUnit, Person } from '@kaoping/contract';
import type { Sql } from './sql.js';

interface UnitRow { id: string; name: string; parent_id: string | null; kind: OrgUnit['kind'] }
interface PersonRow {
  id: string; name: string; unit_id: string; post_id: string; post_name: string | null;
  political_status: string | null; since: number; until: number | null;
}

/** Units, people and the post names derived from people. Upserts: a re-import replaces rows. */
export class Directory {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  upsertUnits(units: readonly OrgUnit[]): void {
    const stmt = this.#sql.stmt(
      `INSERT INTO units (id, name, parent_id, kind) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, kind = excluded.kind`,
    );
    this.#sql.atomic(() => {
      for (const u of units) stmt.run(u.id, u.name, u.parentId ?? null, u.kind);
    });
  }

  upsertPeople(people: readonly Person[]): void {
    const person = this.#sql.stmt(
      `INSERT INTO people (id, name, unit_id, post_id, political_status, since, until) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id, post_id = excluded.post_id,
         political_status = excluded.political_status, since = excluded.since, until = excluded.until`,
    );
    const post = this.#sql.stmt(
      'INSERT INTO posts (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
    );
    this.#sql.atomic(() => {
      for (const p of people) {
        person.run(p.id, p.name, p.unitId, p.postId, p.politicalStatus ?? null, p.since, p.until ?? null);
        if (p.postName !== undefined && p.postName !== '') post.run(p.postId, p.postName);
      }
    });
  }

  listUnits(): OrgUnit[] {
    const rows = this.#sql.stmt('SELECT id, name, parent_id, kind FROM units ORDER BY id').all() as UnitRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, kind: r.kind }));
  }

  listPeople(): Person[] {
    const rows = this.#sql.stmt(
      `SELECT p.id, p.name, p.unit_id, p.post_id, posts.name AS post_name, p.political_status, p.since, p.until
       FROM people p LEFT JOIN posts ON posts.id = p.post_id ORDER BY p.id`,
    ).all() as PersonRow[];
    return rows.map(toPerson);
  }

  /** Post id → name, as the people export named them. */
  listPosts(): { id: string; name: string }[] {
    return this.#sql.stmt('SELECT id, name FROM posts ORDER BY id').all() as { id: string; name: string }[];
  }
}

// Optional fields stay absent when unknown, as the contract's Person describes ("absent while employed").
function toPerson(r: PersonRow): Person {
  const p: Person = { id: r.id, name: r.name, unitId: r.unit_id, postId: r.post_id, since: r.since };
  if (r.post_name !== null) p.postName = r.post_name;
  if (r.political_status !== null) p.politicalStatus = r.political_status;
  if (r.until !== null) p.until = r.until;
  return p;
}
