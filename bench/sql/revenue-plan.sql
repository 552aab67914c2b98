-- Hand-written baseline for bench/batch.ts: what an integrator would write in SQLite for this
-- indicator over the same events table. Parameters: :start, :end (epoch ms, the period), and
-- :months where noted. Rows: kind ('person' | 'unit'), subject, value. Units roll up the org tree
-- through a recursive closure (each unit and all its ancestors), as the kernel does.
-- business.revenue-plan: collected ÷ planned revenue, by unit
WITH RECURSIVE up(unit_id, ancestor) AS (
  SELECT id, id FROM units
  UNION ALL
  SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor WHERE u.parent_id IS NOT NULL
),
ev AS MATERIALIZED (
  SELECT e.unit_id, json_extract(e.attrs, '$.planned') AS planned, json_extract(e.attrs, '$.collected') AS collected
  FROM events e
  WHERE e.type = 'tax.revenue.reported' AND e.occurred_at >= :start AND e.occurred_at < :end
)
SELECT 'unit' AS kind, up.ancestor AS subject, CASE WHEN sum(planned) = 0 THEN NULL ELSE CAST(sum(collected) AS REAL) / sum(planned) END AS value
FROM ev JOIN up ON up.unit_id = ev.unit_id GROUP BY up.ancestor;
