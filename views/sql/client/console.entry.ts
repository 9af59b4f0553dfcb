/**
 * The SQL console's script (bundled to `/.tailyard/static/sql-console.js`): everything the page
 * does without JavaScript still works; this adds the editor, running in place with a timer and
 * Cancel, Alt+1…9 source switching, the schema browser, grid tools, a quick chart, and the
 * history and saved-query panels (tailsql's localStorage keys).
 */
import './console.css';
import { chartData, drawChart } from './chart.js';
import { byId, el, flash } from './dom.js';
import { createEditor, type Editor } from './editor.js';
import { clearInspector, enhanceGrid } from './grid.js';
import { cancelRunning, runQuery } from './run.js';
import { loadSchema } from './schema.js';
import { clearHistory, deleteSaved, loadHistory, loadSaved, recordHistory, rememberOpen, saveQuery } from './storage.js';

const root = byId('console');
const form = byId<HTMLFormElement>('qform');
const textarea = byId<HTMLTextAreaElement>('query');
const picker = byId<HTMLSelectElement>('sources');

function dialectOf(): 'sqlite' | 'postgres' {
  return picker?.selectedOptions[0]?.dataset.dialect === 'postgres' ? 'postgres' : 'sqlite';
}

function entryItem(query: string, source: string, extra: Array<Node | string>, onPick: () => void): HTMLLIElement {
  const pick = el('button', { type: 'button', class: 'entry', title: query }, [el('span', { class: 'src muted' }, [source]), ' ', el('code', {}, [query])]);
  pick.onclick = onPick;
  return el('li', {}, [pick, ...extra]);
}

function choose(editor: Editor, query: string, source: string): void {
  editor.setText(query);
  if (picker && [...picker.options].some((o) => o.value === source)) picker.value = source;
  editor.focus();
}

function drawLists(editor: Editor): void {
  const history = byId('history-list');
  history?.replaceChildren(...loadHistory().map((h) => entryItem(h.query, h.source, [], () => choose(editor, h.query, h.source))));
  const saved = byId('saved-list');
  saved?.replaceChildren(
    ...loadSaved().map((s, i) => {
      const del = el('button', { type: 'button', class: 'secondary delete', 'aria-label': `Delete ${s.name}` }, ['×']);
      del.onclick = () => {
        deleteSaved(i);
        drawLists(editor);
      };
      return entryItem(s.query, s.source, [' ', el('span', { class: 'muted' }, [s.name]), del], () => choose(editor, s.query, s.source));
    }),
  );
}

function enhanceResult(editor: Editor): void {
  const table = byId<HTMLTableElement>('results');
  const q = editor.text().trim();
  if (byId('output') && !byId('error') && q) recordHistory(q, picker?.value ?? '');
  drawLists(editor);
  if (!table) return;
  enhanceGrid(table);
  const data = chartData(table);
  if (!data) return;
  const box = el('div', { id: 'chart', class: 'chart' });
  const bar = el('button', { type: 'button', class: 'secondary', id: 'chart-bar' }, ['Bar chart']);
  const line = el('button', { type: 'button', class: 'secondary', id: 'chart-line' }, ['Line chart']);
  bar.onclick = () => drawChart(box, data, 'bar');
  line.onclick = () => drawChart(box, data, 'line');
  byId('output')?.prepend(el('div', { class: 'chart-controls' }, [bar, line]), box);
}

function main(): void {
  if (!root || !form || !textarea) return;
  const base = root.dataset.base ?? '';
  let editor: Editor;
  const run = (explain = false) => {
    const q = editor.text().trim();
    if (q === '') return;
    clearInspector();
    void runQuery({ base, q, src: picker?.value ?? '', explain }, { done: () => enhanceResult(editor) });
  };
  editor = createEditor(textarea, { onRun: () => run(), dialect: dialectOf() });
  form.addEventListener('submit', (e) => {
    const id = (e.submitter as HTMLElement | null)?.id;
    if (id !== 'send-query' && id !== 'explain-query') return;
    e.preventDefault();
    run(id === 'explain-query');
  });
  byId('cancel-query')?.addEventListener('click', () => void cancelRunning(base));
  document.body.addEventListener('keydown', (e) => {
    const m = /^Digit([1-9])$/.exec(e.code);
    if (!e.altKey || !m || !picker) return;
    const option = picker.options[Number(m[1]) - 1];
    if (!option) return;
    e.preventDefault();
    picker.value = option.value;
    picker.dispatchEvent(new Event('input'));
  });
  const schemaTree = byId('schema-tree');
  const refreshSchema = () => {
    if (schemaTree && picker?.value) void loadSchema(base, picker.value, dialectOf(), schemaTree, editor);
  };
  picker?.addEventListener('input', refreshSchema);
  picker?.addEventListener('change', refreshSchema);
  refreshSchema();
  for (const id of ['schema-panel', 'history-panel', 'saved-panel']) {
    const panel = byId<HTMLDetailsElement>(id);
    if (panel) rememberOpen(panel);
  }
  const save = el('button', { type: 'button', id: 'save-query', class: 'secondary' }, ['Save query']);
  save.onclick = () => {
    const name = window.prompt('Name for this query:');
    if (!name) return;
    saveQuery({ query: editor.text().trim(), name, source: picker?.value ?? '' });
    drawLists(editor);
    flash('Saved');
  };
  byId('dl-button')?.after(save);
  const clear = el('button', { type: 'button', class: 'link', id: 'clear-history' }, ['(clear)']);
  clear.onclick = (e) => {
    e.preventDefault();
    clearHistory();
    drawLists(editor);
  };
  byId('history-actions')?.append(' · ', clear);
  window.addEventListener('popstate', () => window.location.reload());
  enhanceResult(editor);
  editor.focus();
}

main();
