/**
 * A folder laid out as the tailsql recordings were made: `<dir>/DATA/<name>.db` built from the
 * fixtures' SQL dumps, and the config file copied unchanged beside it (its `file:DATA/…` URLs
 * resolve against the working directory, so run the server from `<dir>`).
 *
 * @example const { config } = tailsqlWorkspace(fixtures, dir, ['main', 'other'], 'tailsql.hujson');
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export function tailsqlWorkspace(fixtures: string, dir: string, dumps: readonly string[], configName: string): { config: string } {
  const data = join(dir, 'DATA');
  mkdirSync(data, { recursive: true });
  for (const name of dumps) {
    const db = new Database(join(data, `${name}.db`));
    db.pragma('foreign_keys = OFF');
    db.exec(readFileSync(join(fixtures, `${name}.sql`), 'utf8'));
    db.close();
  }
  const config = join(dir, configName);
  copyFileSync(join(fixtures, configName), config);
  return { config };
}
