/**
 * The public landing page anonymous (Funnel) visitors get at `/`: tclip's "private pastebin"
 * notice. (Pages for failures come from the platform's renderer, in the suite's frame.)
 *
 * @example <PublicLandingPage ctx={ctx} />
 */
import type { PageCtx } from './models.js';
import { PastePage } from './page.js';

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
