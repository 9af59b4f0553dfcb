/**
 * The editor's look in the suite's palette, light and dark: every colour is one of the page's
 * CSS variables (they reach into the editor's shadow root by inheritance), so the editor, its
 * gutter and active-line cell, selections, the completion list and the syntax colours follow the
 * OS theme like the rest of the page. `darkFlag` tells CodeMirror which of its own base rules
 * apply, and follows the OS switch while the page is open.
 *
 * Completion icons are ASCII letters drawn with CSS: CodeMirror's defaults are symbols (🔑, 𝑥,
 * □) that fonts without them show as empty boxes.
 *
 * @example
 *   extensions: [...editorTheme(), darkFlag(view => …)]
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const ICONS: Record<string, string> = {
  keyword: 'K',
  type: 'T',
  function: 'f',
  method: 'f',
  variable: 'v',
  constant: 'c',
  property: 'col',
  class: 'tbl',
  namespace: 'db',
  interface: 'i',
  enum: 'e',
  text: 'abc',
};

const icons = Object.fromEntries(Object.entries(ICONS).map(([type, letter]) => [`.cm-completionIcon-${type}:after`, { content: `'${letter}'` }]));

const theme = EditorView.theme({
  '&': { fontSize: '0.9rem', backgroundColor: 'var(--panel)', color: 'var(--fg)', minHeight: '10rem' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '.cm-scroller': { minHeight: '10rem', maxHeight: '24rem' },
  '&.cm-focused': { outline: 'none' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--sql-active-line)', color: 'var(--fg)' },
  '.cm-activeLine': { backgroundColor: 'var(--sql-active-line)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--sql-selection)',
  },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--sql-selection)', color: 'inherit' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)', borderColor: 'var(--line)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--accent-fg)' },
  '.cm-completionIcon': {
    width: 'auto',
    minWidth: '1.6em',
    paddingRight: '0',
    marginRight: '.5em',
    opacity: '1',
    fontFamily: 'var(--mono)',
    fontSize: '70%',
    fontWeight: '600',
    color: 'inherit',
    border: '1px solid var(--line)',
    borderRadius: '3px',
    verticalAlign: 'middle',
  },
  '.cm-completionIcon-text:after': { fontSize: 'inherit', verticalAlign: 'baseline' },
  ...icons,
});

/** Syntax colours from the page's variables (see console.css). */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], color: 'var(--sql-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--sql-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--sql-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--sql-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--sql-type)' },
  { tag: [tags.special(tags.name), tags.quote], color: 'var(--sql-string)' },
]);

export function editorTheme(): Extension {
  return [theme, syntaxHighlighting(highlight)];
}

/** CodeMirror's light/dark switch, following the OS theme (as the page's CSS does). */
export function darkFlag(onChange: (effect: ReturnType<Compartment['reconfigure']>) => void): Extension {
  const slot = new Compartment();
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', (e) => onChange(slot.reconfigure(EditorView.darkTheme.of(e.matches))));
  return slot.of(EditorView.darkTheme.of(query.matches));
}
