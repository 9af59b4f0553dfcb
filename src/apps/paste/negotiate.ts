/**
 * Which representation a client wants, from its `Accept` header. Browsers send `text/html`;
 * tclip's CLI and Emacs client send `Accept: text/plain` and want the paste URL as the body;
 * JSON clients say `application/json`. Anything else (curl's `*\/*`) gets the fallback.
 *
 * @example
 *   answerFor('text/plain', 'redirect')                      // 'text'
 *   answerFor('text/html,application/xhtml+xml', 'text')     // 'html'
 */
export type Answer = 'html' | 'json' | 'text' | 'redirect';

export function answerFor(accept: string | undefined, fallback: Answer): Answer {
  const a = (accept ?? '').toLowerCase();
  if (a.includes('text/html')) return fallback === 'redirect' ? 'redirect' : 'html';
  if (a.includes('application/json')) return 'json';
  if (a.includes('text/plain')) return 'text';
  return fallback;
}
