/**
 * Small DOM helpers for the console script: element lookup, element building without HTML
 * strings (so user data is always text), and copying to the clipboard where the Clipboard API is
 * missing (plain-http tailnet names are not a secure context).
 *
 * @example
 *   const li = el('li', { class: 'entry', title: query }, [el('code', {}, [query])]);
 */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

type Attrs = Record<string, string | undefined>;

/** Builds an element; string children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** Copies text; falls back to a hidden textarea and execCommand outside secure contexts. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = el('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' }, [text]);
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

/** A short status message next to the query controls (copied, saved, …). */
export function flash(message: string): void {
  const box = byId('flash') ?? document.body.appendChild(el('div', { id: 'flash', role: 'status', class: 'flash' }));
  box.textContent = message;
  box.hidden = false;
  window.setTimeout(() => {
    box.hidden = true;
  }, 1500);
}
