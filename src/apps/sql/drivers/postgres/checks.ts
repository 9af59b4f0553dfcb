/**
 * What a PostgreSQL source's role could do beyond reading, checked when the source is opened.
 *
 * Refused (the source answers every query with the reason): a superuser, a member of
 * `pg_execute_server_program` / `pg_read_server_files` / `pg_write_server_files` (`COPY … TO
 * PROGRAM`, server files), or a role that may execute file or cross-connection functions
 * (`pg_read_file`, `lo_export`, `dblink_exec`, …), since those reach past a read-only transaction.
 * Warned about (logged): a role that can write tables or create objects; the read-only
 * transaction still stops every write, but a least-privilege role is the safer setup.
 *
 * @example
 *   const verdict = assessRole(await driver.inspect(ROLE_SQL)); // → { refused?: string, warnings: string[] }
 */

export const ROLE_SQL = `
SELECT current_user AS role, r.rolsuper AS super,
  ARRAY(SELECT p.rolname::text FROM pg_roles p
        WHERE p.rolname IN ('pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files')
          AND pg_has_role(current_user, p.oid, 'MEMBER')) AS file_roles,
  ARRAY(SELECT f FROM unnest(ARRAY['pg_read_file(text)', 'pg_read_binary_file(text)', 'pg_ls_dir(text)', 'pg_stat_file(text)',
          'lo_import(text)', 'lo_export(oid,text)', 'dblink_exec(text)', 'dblink_exec(text,text)', 'dblink(text,text)',
          'dblink_connect(text)', 'dblink_connect_u(text)']) AS f
        WHERE to_regprocedure(f) IS NOT NULL AND has_function_privilege(current_user, to_regprocedure(f), 'EXECUTE')) AS functions,
  (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')
           OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE')))::int AS writable_tables,
  ARRAY(SELECT n.nspname::text FROM pg_namespace n WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
        AND has_schema_privilege(n.oid, 'CREATE')) AS create_schemas
FROM pg_roles r WHERE r.rolname = current_user`;

export interface RoleRow {
  role: string;
  super: boolean;
  file_roles: string[];
  functions: string[];
  writable_tables: number;
  create_schemas: string[];
}

export interface RoleVerdict {
  refused?: string;
  warnings: string[];
}

export function assessRole(rows: readonly RoleRow[]): RoleVerdict {
  const r = rows[0];
  if (!r) return { refused: 'cannot read the role of the connection', warnings: [] };
  const who = `role "${r.role}"`;
  if (r.super) return { refused: `${who} is a superuser, which no read-only transaction can contain (COPY … TO PROGRAM, server files); connect with a read-only role`, warnings: [] };
  if (r.file_roles.length) return { refused: `${who} is a member of ${r.file_roles.join(', ')} (programs or files on the server); connect with a read-only role`, warnings: [] };
  if (r.functions.length) return { refused: `${who} may execute ${r.functions.join(', ')}, which reach past a read-only transaction; connect with a read-only role`, warnings: [] };
  const warnings: string[] = [];
  if (r.writable_tables > 0) warnings.push(`${who} can write ${r.writable_tables} table(s); queries still run read-only, but a role with SELECT only is safer`);
  if (r.create_schemas.length) warnings.push(`${who} can create objects in schema(s) ${r.create_schemas.join(', ')}`);
  return { warnings };
}
