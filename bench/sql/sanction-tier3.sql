-- Hand-written baseline for bench/batch.ts: what an integrator would write in SQLite for this
-- indicator over the same events table. Parameters: :start, :end (epoch ms, the period), and
-- :months where noted. Rows: kind ('person' | 'unit'), subject, value.
-- rule.sanction-tier3: the sanctions imposed on each person in the year (the rule fires on any)
SELECT 'person' AS kind, actor_id AS subject, CAST(count(*) AS REAL) AS value
FROM events
WHERE type = 'hr.sanction.imposed' AND occurred_at >= :start AND occurred_at < :end AND actor_id IS NOT NULL
GROUP BY actor_id;
