/**
 * Pages that say why nothing else is shown: an error with its status (404 missing, 410 deleted or
 * expired or burnt, 403, 405…), and the public landing page anonymous (Funnel) visitors get at
 * `/` (tclip's "private pastebin" notice).
 *
 * @example <StatusPage ctx={ctx} status={410} message="gone: this paste was deleted (2024-05-01 12:00 UTC)" />
 */
import type { PageCtx } from './models.js';
import { PastePage } from './page.js';

const HEADINGS: Readonly<Record<number, string>> = {
  400: 'That request is not right',
  403: 'Not allowed',
  404: 'No such paste',
  405: 'Wrong method',
  409: 'Not shown yet',
  410: 'This paste is gone',
  413: 'Too large',
  415: 'Not text',
  429: 'Slow down',
  500: 'Something broke',
};

export function StatusPage(props: { ctx: PageCtx; status: number; message: string }) {
  const heading = HEADINGS[props.status] ?? `Error ${props.status}`;
  return (
    <PastePage ctx={props.ctx} title={heading}>
      <h1>{heading}</h1>
      <p class="banner error" role="alert">
        {props.message}
      </p>
      <p>
        <a href="/">Back to the start</a>
      </p>
    </PastePage>
  );
}

export function PublicLandingPage(props: { ctx: PageCtx }) {
  return (
    <PastePage ctx={props.ctx} title="Private pastebin">
      <h1>Hello!</h1>
      <p>
        You have connected to a private pastebin run by a Tailscale user. Pastes here are shared by link; there is nothing to browse. If
        someone sent you a link to a paste, open that link.
      </p>
    </PastePage>
  );
}
