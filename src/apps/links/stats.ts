/**
 * Click statistics: counted in memory on the redirect path, written to the `stats` table every
 * couple of seconds (a task the platform schedules: `flush`) and on shutdown (`close`), so a crash
 * loses at most one flush interval of clicks.
 *
 * Rows are per link and per minute (`created` is the minute's start), upserted, so the table grows
 * by at most one row per link per minute rather than one per flush (golink grows it without bound).
 * Popularity over 7 days, 30 days or all time is a sum over that table.
 *
 * @example
 *   const stats = new ClickStats(db);
 *   ctx.schedule('flush click stats', 2000, () => stats.flush());
 *   stats.click('docs'); stats.flush();
 *   stats.popular('7d') // [{ id: 'docs', clicks: 1 }]
 */
import type { Database, Statement } from 'better-sqlite3';
import { nowSeconds } from './link.js';

export type PopularWindow = '7d' | '30d' | 'all';

export const POPULAR_WINDOWS: readonly PopularWindow[] = ['7d', '30d', 'all'];

const WINDOW_SECONDS: Record<PopularWindow, number | undefined> = { '7d': 7 * 86400, '30d': 30 * 86400, all: undefined };

export class ClickStats {
  private pending = new Map<string, number>();
  /** Clicks since this process started, per link id (exported as golink_clicks_total). */
  readonly sinceStart = new Map<string, number>();
  private readonly upsert: Statement;
  private readonly totalsStmt: Statement;
  private readonly oneStmt: Statement;
  private readonly popularAll: Statement;
  private readonly popularSince: Statement;
  private readonly exportStmt: Statement;
  private readonly flushTx: (entries: Array<[string, number]>, minute: number) => void;

  constructor(db: Database) {
    this.upsert = db.prepare('INSERT INTO stats (id, created, clicks) VALUES (?, ?, ?) ON CONFLICT (id, created) DO UPDATE SET clicks = clicks + excluded.clicks');
    this.totalsStmt = db.prepare('SELECT id, sum(clicks) AS clicks FROM stats GROUP BY id').raw();
    this.oneStmt = db.prepare('SELECT coalesce(sum(clicks), 0) FROM stats WHERE id = ?').pluck();
    const popular = (where: string) =>
      db.prepare(
        `SELECT s.id AS id, l.short AS short, l.long AS long, sum(s.clicks) AS clicks FROM stats s JOIN links l ON l.id = s.id
         WHERE l.deleted_at IS NULL ${where} GROUP BY s.id HAVING clicks > 0 ORDER BY clicks DESC, l.short LIMIT ?`,
      );
    this.popularAll = popular('');
    this.popularSince = popular('AND s.created >= ?');
    this.exportStmt = db.prepare('SELECT id, created, clicks FROM stats ORDER BY created, id').raw();
    this.flushTx = db.transaction((entries: Array<[string, number]>, minute: number) => {
      for (const [id, n] of entries) this.upsert.run(id, minute, n);
    });
  }

  /** Counts one click on link `id` (its normalised id). */
  click(id: string): void {
    this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
    this.sinceStart.set(id, (this.sinceStart.get(id) ?? 0) + 1);
  }

  /** Writes pending clicks in one transaction; on failure they stay pending and the error is thrown. */
  flush(): void {
    if (this.pending.size === 0) return;
    const entries = [...this.pending];
    this.pending = new Map();
    try {
      this.flushTx(entries, Math.floor(nowSeconds() / 60) * 60);
    } catch (err) {
      for (const [id, n] of entries) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      throw err;
    }
  }

  /** Drops pending clicks of a link (its stats rows are handled by the store). */
  forget(id: string): void {
    this.pending.delete(id);
    this.sinceStart.delete(id);
  }

  /** All-time clicks per link id, pending ones included. */
  totals(): Map<string, number> {
    this.flush();
    return new Map(this.totalsStmt.all() as Array<[string, number]>);
  }

  /** All-time clicks of one link, pending ones included. */
  clicksOf(id: string): number {
    return (this.oneStmt.get(id) as number) + (this.pending.get(id) ?? 0);
  }

  /** The most-clicked live links in a window, ties by name; only links with clicks. */
  popular(window: PopularWindow, limit = 200): Array<{ id: string; short: string; long: string; clicks: number }> {
    this.flush();
    const secs = WINDOW_SECONDS[window];
    const rows = secs === undefined ? this.popularAll.all(limit) : this.popularSince.all(nowSeconds() - secs, limit);
    return rows as Array<{ id: string; short: string; long: string; clicks: number }>;
  }

  /**
   * golink's `/.export-stats`: `ID,unixSeconds,clicks` lines without a header, by time then id.
   *
   * @example stats.exportCsv() // 'docs,1654131720,3\n'
   */
  exportCsv(): string {
    this.flush();
    let out = '';
    for (const [id, created, clicks] of this.exportStmt.all() as Array<[string, number, number]>) out += `${id},${created},${clicks}\n`;
    return out;
  }

  /** Writes what is pending (on shutdown). */
  close(): void {
    this.flush();
  }
}
