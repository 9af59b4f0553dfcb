/**
 * The schema browser panel: the source's tables and views with their columns (types, keys) and
 * indexes, from `/api/schema`. Clicking a name inserts it into the editor; the same data feeds
 * the editor's completion.
 *
 * @example
 *   await loadSchema(base, 'main', panel, editor);
 */
import type { SQLNamespace } from '@codemirror/lang-sql';
import { el } from './dom.js';
import type { Editor } from './editor.js';

interface SchemaObject {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: Array<{ name: string; type: string; pk: boolean; notNull: boolean }>;
  indexes: Array<{ name: string; columns: string[]; unique: boolean }>;
}

function ident(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function qualified(o: SchemaObject): string {
  return o.schema === 'main' || o.schema === 'public' ? ident(o.name) : `${ident(o.schema)}.${ident(o.name)}`;
}

function insertButton(label: string, text: string, cls: string): HTMLButtonElement {
  return el('button', { type: 'button', class: `schema-name ${cls}`, 'data-insert': text, title: `Insert ${text}` }, [label]);
}

function render(objects: SchemaObject[]): HTMLElement {
  if (objects.length === 0) return el('p', { class: 'muted' }, ['No tables or views.']);
  return el(
    'ul',
    { class: 'schema-list' },
    objects.map((o) =>
      el('li', { class: `schema-object ${o.kind}` }, [
        el('details', {}, [
          el('summary', {}, [insertButton(qualified(o), qualified(o), 'table'), ' ', el('span', { class: 'kind muted' }, [o.kind])]),
          el(
            'ul',
            { class: 'columns' },
            o.columns.map((c) =>
              el('li', {}, [insertButton(c.name, ident(c.name), 'column'), ' ', el('span', { class: 'type muted' }, [`${c.type}${c.pk ? ' PK' : ''}${c.notNull ? ' NOT NULL' : ''}`])]),
            ),
          ),
          ...(o.indexes.length
            ? [el('ul', { class: 'indexes muted' }, o.indexes.map((i) => el('li', {}, [`${i.unique ? 'unique ' : ''}index ${i.name} (${i.columns.join(', ')})`])))]
            : []),
        ]),
      ]),
    ),
  );
}

function namespace(objects: SchemaObject[]): SQLNamespace {
  const ns: Record<string, string[]> = {};
  for (const o of objects) ns[o.schema === 'main' || o.schema === 'public' ? o.name : `${o.schema}.${o.name}`] = o.columns.map((c) => c.name);
  return ns;
}

/** Fetches and draws the schema of `src` into `target`; wires clicks to `editor`. */
export async function loadSchema(base: string, src: string, dialect: 'sqlite' | 'postgres', target: HTMLElement, editor: Editor | undefined): Promise<void> {
  target.replaceChildren(el('p', { class: 'muted' }, ['Loading…']));
  const res = await fetch(`${base}/api/schema?${new URLSearchParams({ src })}`, { headers: { 'X-Tailsql-Console': '1' } });
  if (!res.ok) {
    target.replaceChildren(el('p', { class: 'banner error' }, [(await res.text()).trim()]));
    return;
  }
  const { objects } = (await res.json()) as { objects: SchemaObject[] };
  target.replaceChildren(render(objects));
  editor?.setSchema(dialect, namespace(objects));
  target.onclick = (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-insert]');
    if (b?.dataset.insert) editor?.insert(b.dataset.insert);
  };
}
