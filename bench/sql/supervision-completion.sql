-- Hand-written baseline for bench/batch.ts: what an integrator would write in SQLite for this
-- indicator over the same events table. Parameters: :start, :end (epoch ms, the period), and
-- :months where noted. Rows: kind ('person' | 'unit'), subject, value. Units roll up the org tree
-- through a recursive closure (each unit and all its ancestors), as the kernel does.
-- gov.supervision-completion: supervised items completed on or before their due day ÷ items due
WITH RECURSIVE up(unit_id, ancestor) AS (
  SELECT id, id FROM units
  UNION ALL
  SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor WHERE u.parent_id IS NOT NULL
),
ev AS MATERIALIZED (
  SELECT e.actor_id, COALESCE(e.unit_id, p.unit_id) AS unit_id, 1 AS n,
         COALESCE((json_extract(e.attrs, '$.completedAt') + 28800000) / 86400000
           <= (COALESCE(json_extract(e.attrs, '$.dueAt'), e.occurred_at) + 28800000) / 86400000, 0) AS k
  FROM events e LEFT JOIN people p ON p.id = e.actor_id
  WHERE e.type = 'gov.supervision.due' AND e.occurred_at >= :start AND e.occurred_at < :end
)
SELECT 'person' AS kind, actor_id AS subject, CAST(sum(k) AS REAL) / sum(n) AS value FROM ev WHERE actor_id IS NOT NULL GROUP BY actor_id
UNION ALL
SELECT 'unit', up.ancestor, CAST(sum(k) AS REAL) / sum(n) FROM ev JOIN up ON up.unit_id = ev.unit_id GROUP BY up.ancestor
;
