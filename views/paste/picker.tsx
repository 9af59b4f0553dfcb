/**
 * The language `<option>` list of a picker. The markup is built once per list and selected
 * language, and reused on every page that shows it.
 *
 * @example <select name="lang"><LanguageOptions options={r.pickerLanguages(['go'])} selected="go" /></select>
 */
import { raw } from 'hono/html';
import { escapeToBuffer } from 'hono/utils/html';
import type { LanguageList } from './models.js';

const built = new WeakMap<LanguageList, Map<string, string>>();

/** HTML-escapes text as hono/jsx escapes attribute values and text. */
function escapeText(text: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
}

function optionsHtml(options: LanguageList, wanted: string): string {
  let byLanguage = built.get(options);
  if (!byLanguage) {
    byLanguage = new Map();
    built.set(options, byLanguage);
  }
  // Unknown ids (a form sent back with an error) select nothing, so the map stays bounded.
  const selected = options.some((o) => o.id === wanted) ? wanted : '';
  let html = byLanguage.get(selected);
  if (html === undefined) {
    html = options.map((o) => `<option value="${escapeText(o.id)}"${o.id === selected ? ' selected' : ''}>${escapeText(o.name)}</option>`).join('');
    byLanguage.set(selected, html);
  }
  return html;
}

export function LanguageOptions(props: { options: LanguageList; selected: string }) {
  return raw(optionsHtml(props.options, props.selected));
}
