/**
 * SQL for a counter in `meta` (key `<table>.version`) that every insert, update and delete on
 * `table` moves, by triggers. SQLite's `data_version` tells a connection that another one
 * committed, not what it touched; once the hook's event groups are committed by the background
 * writer, that is every group. A cache of a table's rows reads the counter when `data_version`
 * moved and is dropped only when the counter moved too (see TableVersion).
 */
export function writeCounter(table: string): string {
  const bump = `BEGIN UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = '${table}.version'; END;`;
  const trigger = (op: 'INSERT' | 'UPDATE' | 'DELETE') =>
    `CREATE TRIGGER ${table}_version_${op.toLowerCase()} AFTER ${op} ON ${table}\n${bump}\n`;
  return `\nINSERT INTO meta (key, value) VALUES ('${table}.version', '0');\n${trigger('INSERT')}${trigger('UPDATE')}${trigger('DELETE')}`;
}
