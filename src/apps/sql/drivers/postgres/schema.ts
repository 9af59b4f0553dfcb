/**
 * The schema browser's view of a PostgreSQL database: tables and views outside the system
 * schemas, their columns with types, and their indexes, in one catalog query.
 *
 * @example
 *   schemaFromRows((await client.query(SCHEMA_SQL)).rows)
 */
import type { SchemaObject } from '../types.js';

export const SCHEMA_SQL = `
SELECT n.nspname AS schema, c.relname AS name, CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END AS kind,
  COALESCE((SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'pk', EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)),
      'notNull', a.attnotnull) ORDER BY a.attnum)
    FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS columns,
  COALESCE((SELECT json_agg(json_build_object('name', ic.relname, 'unique', i.indisunique,
      'columns', (SELECT json_agg(COALESCE(pg_get_indexdef(i.indexrelid, k.n, true), '') ORDER BY k.n)
                  FROM generate_series(1, i.indnkeyatts) AS k(n))) ORDER BY ic.relname)
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid), '[]') AS indexes
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
  AND has_schema_privilege(n.oid, 'USAGE')
ORDER BY n.nspname = 'public' DESC, n.nspname, c.relname`;

interface Row {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: SchemaObject['columns'] | string;
  indexes: SchemaObject['indexes'] | string;
}

export function schemaFromRows(rows: unknown[]): SchemaObject[] {
  return (rows as Row[]).map((r) => ({
    schema: String(r.schema),
    name: String(r.name),
    kind: r.kind,
    columns: typeof r.columns === 'string' ? JSON.parse(r.columns) : r.columns,
    indexes: typeof r.indexes === 'string' ? JSON.parse(r.indexes) : r.indexes,
  }));
}
