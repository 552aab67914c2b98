-- Hand-written baseline for bench/batch.ts: what an integrator would write in SQLite for this
-- indicator over the same events table. Parameters: :start, :end (epoch ms, the period), and
-- :months where noted. Rows: kind ('person' | 'unit'), subject, value. Units roll up the org tree
-- through a recursive closure (each unit and all its ancestors), as the kernel does.
-- business.on-time-rate: completed matters with completedAt ≤ deadlineAt ÷ completed matters
WITH RECURSIVE up(unit_id, ancestor) AS (
  SELECT id, id FROM units
  UNION ALL
  SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor WHERE u.parent_id IS NOT NULL
),
ev AS MATERIALIZED (
  SELECT e.actor_id, COALESCE(e.unit_id, p.unit_id) AS unit_id, 1 AS n,
         COALESCE(json_extract(e.attrs, '$.completedAt'), e.occurred_at) <= json_extract(e.attrs, '$.deadlineAt') AS k
  FROM events e LEFT JOIN people p ON p.id = e.actor_id
  WHERE e.type = 'tax.matter.completed' AND e.occurred_at >= :start AND e.occurred_at < :end
    AND typeof(json_extract(e.attrs, '$.deadlineAt')) IN ('integer', 'real')
)
SELECT 'person' AS kind, actor_id AS subject, CAST(sum(k) AS REAL) / sum(n) AS value FROM ev WHERE actor_id IS NOT NULL GROUP BY actor_id
UNION ALL
SELECT 'unit', up.ancestor, CAST(sum(k) AS REAL) / sum(n) FROM ev JOIN up ON up.unit_id = ev.unit_id GROUP BY up.ancestor
;
