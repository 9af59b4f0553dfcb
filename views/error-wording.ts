/**
 * Error messages as people read them on an error page. The failures apps and the platform raise
 * carry wording made for programs too (the JSON and text answers keep it): a machine prefix
 * (`gone: …`, `forbidden: …`, `paste not found: …`, `Error: [400] …`) and Go's bare
 * `404 page not found`. The page already says what kind of failure it is in its heading, so the
 * prefix goes; the sentence starts with a capital and ends with a full stop; and when the failure
 * names nothing to do, a hint by status says what to do next.
 *
 * @example
 *   humanMessage('forbidden: the caller is not a node of this tailnet') // 'The caller is not a node of this tailnet.'
 *   nextStep(404) // 'Check the address for a typo, or start again from the app's home page.'
 */

/** A short lower-case label and a colon at the start: `gone: `, `paste not found: `, `invalid query: `. */
const MACHINE_PREFIX = /^[a-z][a-z_-]*(?: [a-z_-]+){0,3}: (?=\S)/;
/** tailsql's `Error: [400] …` (its page's own wording for a failed query). */
const BRACKETED_STATUS = /^(?:error: )?\[\d{3}\] /i;
/** Go's `http.NotFound` body and tailsql's bare `not found`. */
const BARE_NOT_FOUND = /^(?:404 page not found|not found)$/i;

/**
 * The message without machine prefixes, as a sentence.
 *
 * @example humanMessage('Error: [400] invalid query: near "SELEC": syntax error') // 'Near "SELEC": syntax error.'
 */
export function humanMessage(message: string): string {
  let m = message.trim().replace(BRACKETED_STATUS, '');
  // Prefixes nest (`service unavailable: cannot identify …`); three is more than any we raise.
  for (let i = 0; i < 3 && MACHINE_PREFIX.test(m); i++) m = m.replace(MACHINE_PREFIX, '');
  if (BARE_NOT_FOUND.test(m)) return 'There is no page at this address.';
  return sentence(m);
}

/** Capital first letter (of a plain word), and a full stop unless it already ends with one (or ! ?). */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  // Only a plain word gets a capital: `go/name`, `paste.db` or `abc123` stay as they are written.
  const capital = /^[a-z]+(?=[\s,;.!?]|$)/.test(t) ? t.charAt(0).toUpperCase() + t.slice(1) : t;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const NEXT_STEPS: Readonly<Record<number, string>> = {
  400: 'Check what was entered, correct it and try again.',
  401: 'Sign in again, then retry.',
  403: 'If you need this, ask a tailnet admin for access to this app.',
  404: "Check the address for a typo, or start again from the app's home page.",
  405: "Use the page's own buttons and forms; this address does not take that kind of request.",
  409: 'Reload the page to see the current state, then try again.',
  410: 'It was deleted or has expired, so it cannot be shown any more.',
  413: 'Send less at once, for example in smaller parts.',
  415: 'Send the form from the app’s own page.',
  421: 'Use the address the app is served at (see the suite navigation or the start-up output).',
  429: 'Wait a moment, then try again.',
  500: 'Try again; if it keeps failing, tell whoever runs this tailyard (the server log has the details).',
  503: 'Wait a moment and reload the page.',
};

/**
 * What to do next: the failure's own hint as a sentence, else one by status.
 *
 * @example nextStep(403, 'ask a tailnet admin for the tailscale.com/cap/tsidp grant') // 'Ask a tailnet admin for the tailscale.com/cap/tsidp grant.'
 */
export function nextStep(status: number, hint?: string): string {
  if (hint?.trim()) return sentence(hint);
  return NEXT_STEPS[status] ?? (status >= 500 ? (NEXT_STEPS[500] as string) : (NEXT_STEPS[400] as string));
}
