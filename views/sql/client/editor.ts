/**
 * The query editor: CodeMirror 6 with SQL highlighting for the source's dialect (SQLite or
 * PostgreSQL), completion of keywords and of the source's tables and columns, Ctrl/Cmd+Enter and
 * Shift+Enter to run, in the suite's colours (editor-theme.ts). It replaces the form's textarea on screen and keeps it up to date, so the
 * form still submits `q` as without JavaScript.
 *
 * The editor lives in a shadow root: CodeMirror then installs its generated styles as
 * constructed stylesheets (`adoptedStyleSheets`) instead of `<style>` elements, which the page's
 * CSP (`style-src 'self'`, no inline styles) would block.
 *
 * @example
 *   const editor = createEditor(textarea, { onRun: () => runQuery() });
 *   editor.setSchema('sqlite', { users: ['id', 'name'] });
 */
import { PostgreSQL, SQLite, type SQLNamespace, sql } from '@codemirror/lang-sql';
import { Compartment, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { darkFlag, editorTheme } from './editor-theme.js';

export interface Editor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  /** Inserts text at the cursor (the schema browser's click). */
  insert(text: string): void;
  setSchema(dialect: 'sqlite' | 'postgres', schema: SQLNamespace): void;
  focus(): void;
}

export function createEditor(textarea: HTMLTextAreaElement, opts: { onRun: () => void; dialect: 'sqlite' | 'postgres' }): Editor {
  const language = new Compartment();
  const langFor = (dialect: 'sqlite' | 'postgres', schema: SQLNamespace = {}) =>
    sql({ dialect: dialect === 'postgres' ? PostgreSQL : SQLite, schema, upperCaseKeywords: false });
  const run = () => {
    opts.onRun();
    return true;
  };
  const host = document.createElement('div');
  host.className = 'sql-editor';
  host.id = 'editor';
  const shadow = host.attachShadow({ mode: 'open' });
  textarea.hidden = true;
  textarea.after(host);
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    doc: textarea.value,
    extensions: [
      Prec.highest(
        keymap.of([
          { key: 'Mod-Enter', run },
          { key: 'Shift-Enter', run },
        ]),
      ),
      basicSetup,
      language.of(langFor(opts.dialect)),
      EditorView.lineWrapping,
      editorTheme(),
      darkFlag((effect) => view.dispatch({ effects: effect })),
      EditorView.contentAttributes.of({ 'aria-label': 'Query', spellcheck: 'false' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) textarea.value = u.state.doc.toString();
      }),
    ],
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    insert: (text) => {
      view.dispatch(view.state.replaceSelection(text));
      view.focus();
    },
    setSchema: (dialect, schema) => view.dispatch({ effects: language.reconfigure(langFor(dialect, schema)) }),
    focus: () => {
      view.focus();
      view.dispatch({ selection: { anchor: view.state.doc.length } });
    },
  };
}
