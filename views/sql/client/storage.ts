/**
 * History and saved queries in localStorage under tailsql's keys and shapes, so what users kept
 * in tailsql carries over: `tailsql-history` (`[{query, source, ts}]`, newest first, at most 20,
 * one entry per query text) and `tailsql-saved` (`[{query, name, source}]`); `history-panel` and
 * `saved-panel` remember whether those panels are open.
 *
 * @example
 *   recordHistory('select 1', 'main'); loadHistory()[0] // → { query: 'select 1', source: 'main', ts: … }
 */

export interface HistoryEntry {
  query: string;
  source: string;
  ts: number;
}

export interface SavedEntry {
  query: string;
  name: string;
  source: string;
}

const HISTORY = 'tailsql-history';
const SAVED = 'tailsql-saved';
const MAX_HISTORY = 20;

function read<T>(key: string): T[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: history is a convenience.
  }
}

export const loadHistory = () => read<HistoryEntry>(HISTORY).filter((e) => typeof e?.query === 'string');
export const loadSaved = () => read<SavedEntry>(SAVED).filter((e) => typeof e?.query === 'string');

export function recordHistory(query: string, source: string): void {
  const rest = loadHistory().filter((e) => e.query !== query);
  write(HISTORY, [{ query, source, ts: Date.now() }, ...rest].slice(0, MAX_HISTORY));
}

export function clearHistory(): void {
  localStorage.removeItem(HISTORY);
}

export function saveQuery(entry: SavedEntry): void {
  write(SAVED, [...loadSaved(), entry]);
}

export function deleteSaved(index: number): void {
  const all = loadSaved();
  all.splice(index, 1);
  write(SAVED, all);
}

/** Keeps a `<details>` panel's open state across pages (`history-panel`, `saved-panel`). */
export function rememberOpen(panel: HTMLDetailsElement): void {
  if (localStorage.getItem(panel.id) === 'open') panel.open = true;
  panel.addEventListener('toggle', () => {
    if (panel.open) localStorage.setItem(panel.id, 'open');
    else localStorage.removeItem(panel.id);
  });
}
