-- Hand-written baseline for bench/batch.ts: what an integrator would write in SQLite for this
-- indicator over the same events table. Parameters: :start, :end (epoch ms, the period), and
-- :months where noted. Rows: kind ('person' | 'unit'), subject, value. Units roll up the org tree
-- through a recursive closure (each unit and all its ancestors), as the kernel does.
-- business.overdue-open: matters accepted before the end, due before the end and not completed before it (a stock: every earlier event counts)
WITH RECURSIVE up(unit_id, ancestor) AS (
  SELECT id, id FROM units
  UNION ALL
  SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor WHERE u.parent_id IS NOT NULL
),
ev AS MATERIALIZED (
  SELECT e.actor_id, COALESCE(e.unit_id, p.unit_id) AS unit_id,
         (e.type = 'tax.matter.accepted' AND COALESCE(json_extract(e.attrs, '$.acceptedAt'), e.occurred_at) < :end) AS n,
         CASE
           WHEN COALESCE(json_extract(e.attrs, '$.acceptedAt'), e.occurred_at) >= :end OR json_extract(e.attrs, '$.deadlineAt') >= :end
             OR json_extract(e.attrs, '$.deadlineAt') IS NULL THEN 0
           WHEN e.type = 'tax.matter.accepted' THEN 1
           WHEN COALESCE(json_extract(e.attrs, '$.completedAt'), e.occurred_at) < :end THEN -1
           ELSE 0
         END AS k
  FROM events e LEFT JOIN people p ON p.id = e.actor_id
  WHERE e.type IN ('tax.matter.accepted', 'tax.matter.completed') AND e.occurred_at < :end
)
SELECT 'person' AS kind, actor_id AS subject, CASE WHEN sum(n) = 0 THEN NULL ELSE CAST(max(0, sum(k)) AS REAL) END AS value FROM ev WHERE actor_id IS NOT NULL GROUP BY actor_id
UNION ALL
SELECT 'unit', up.ancestor, CASE WHEN sum(n) = 0 THEN NULL ELSE CAST(max(0, sum(k)) AS REAL) END FROM ev JOIN up ON up.unit_id = ev.unit_id GROUP BY up.ancestor
;
