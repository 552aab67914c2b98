-- Hand-written baseline for bench/batch.ts: what an integrator would write in SQLite for this
-- indicator over the same events table. Parameters: :start, :end (epoch ms, the period), and
-- :months where noted. Rows: kind ('person' | 'unit'), subject, value. Units roll up the org tree
-- through a recursive closure (each unit and all its ancestors), as the kernel does.
-- party.study-credits: min(1, credits ÷ (50 × :months / 12))
WITH RECURSIVE up(unit_id, ancestor) AS (
  SELECT id, id FROM units
  UNION ALL
  SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor WHERE u.parent_id IS NOT NULL
),
ev AS MATERIALIZED (
  SELECT e.actor_id, NULL AS unit_id, 1 AS n, json_extract(e.attrs, '$.credits') AS k
  FROM events e
  WHERE e.type = 'party.study.recorded' AND e.occurred_at >= :start AND e.occurred_at < :end
    AND typeof(json_extract(e.attrs, '$.credits')) IN ('integer', 'real')
)
SELECT 'person' AS kind, actor_id AS subject, min(1.0, sum(k) / (50.0 * :months / 12)) AS value FROM ev WHERE actor_id IS NOT NULL GROUP BY actor_id
;
