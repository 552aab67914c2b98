-- Hand-written baseline for bench/batch.ts: what an integrator would write in SQLite for this
-- indicator over the same events table. Parameters: :start, :end (epoch ms, the period), and
-- :months where noted. Rows: kind ('person' | 'unit'), subject, value. Units roll up the org tree
-- through a recursive closure (each unit and all its ancestors), as the kernel does.
-- party.organisational-life: sessions attended ÷ (attended + absent)
WITH RECURSIVE up(unit_id, ancestor) AS (
  SELECT id, id FROM units
  UNION ALL
  SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor WHERE u.parent_id IS NOT NULL
),
ev AS MATERIALIZED (
  SELECT e.actor_id, NULL AS unit_id, json_extract(e.attrs, '$.status') IN ('attended', 'absent') AS n,
         json_extract(e.attrs, '$.status') = 'attended' AS k
  FROM events e
  WHERE e.type = 'party.life.recorded' AND e.occurred_at >= :start AND e.occurred_at < :end
)
SELECT 'person' AS kind, actor_id AS subject, CASE WHEN sum(n) = 0 THEN NULL ELSE CAST(sum(k) AS REAL) / sum(n) END AS value FROM ev WHERE actor_id IS NOT NULL GROUP BY actor_id
;
