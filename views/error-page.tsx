/**
 * The page a browser gets when a request fails outside an app's own pages: the platform's
 * refusals (not a tailnet node, cross-origin form, body too large, misdirected host), unknown
 * paths, and errors an app maps to a failure. The composition root (`src/suite.ts`) hands it to
 * the platform as the suite's page frame. The page words the failure for people
 * (`error-wording.ts`: no machine prefixes, and what to do next); JSON and text keep the wording.
 *
 * @example errorPage({ status: 403, app: 'go/ links', message: 'forbidden: …' }) // '<!DOCTYPE html>…' (via the layout)
 */
import type { FailurePage } from '../src/platform/errors.js';
import { humanMessage, nextStep } from './error-wording.js';
import { Layout } from './layout.js';

const HEADINGS: Readonly<Record<number, string>> = {
  400: 'That request is not right',
  403: 'Not allowed',
  404: 'Nothing here',
  405: 'Wrong method',
  409: 'Conflict',
  410: 'Gone',
  413: 'Too large',
  415: 'Not supported',
  421: 'Wrong address',
  429: 'Slow down',
  500: 'Something broke',
  503: 'Not available right now',
};

function ErrorPage(props: FailurePage) {
  const heading = HEADINGS[props.status] ?? `Error ${props.status}`;
  return (
    <Layout title={heading} frame={props.suite} brand={props.app}>
      <h1>{heading}</h1>
      <p class="banner error" role="alert">
        {humanMessage(props.message)}
      </p>
      <p class="next-step">{nextStep(props.status, props.hint)}</p>
      <p>
        <a href="/">Go to the {props.app} home page</a>
      </p>
    </Layout>
  );
}

/** The whole document for a failure. */
export function errorPage(page: FailurePage): string {
  return String(<ErrorPage {...page} />);
}
