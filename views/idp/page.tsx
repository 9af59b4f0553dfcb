/**
 * The identity provider's page shell and small shared pieces (dates, banners).
 *
 * @example <IdpPage title="Clients" viewer={{ login: 'alice@example.com', frame: c.get('frame') }}>…</IdpPage>
 */
import type { Child } from 'hono/jsx';
import type { SuiteFrame } from '../../src/platform/frame.js';
import { assetUrl } from '../assets.js';
import { Layout } from '../layout.js';
import { UnixTime } from '../local-time.js';

/** The admin's login (their pages get the admin navigation) and the request's suite frame. */
export interface IdpViewer {
  login?: string;
  frame?: SuiteFrame;
}

export function IdpPage(props: { title: string; viewer?: IdpViewer; children?: Child }) {
  const nav = props.viewer?.login ? [{ href: '/', label: 'Clients' }, { href: '/new', label: 'New client' }] : undefined;
  return (
    <Layout
      title={props.title}
      frame={props.viewer?.frame}
      brand="idp"
      icon={assetUrl('idp-favicon.svg')}
      tagline="Sign in with your tailnet identity"
      nav={nav}
    >
      {props.children}
    </Layout>
  );
}

/** Unix seconds in the suite's date format (`LocalTime`), or "never". */
export function When(props: { t: number | null | undefined }) {
  return <UnixTime t={props.t} empty="never" />;
}

export function Banner(props: { kind?: 'ok' | 'error'; message?: string }) {
  if (!props.message) return null;
  return (
    <p class={`banner ${props.kind ?? ''}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.message}
    </p>
  );
}

/** A page with a heading and a sentence (errors, logout confirmations). */
export function MessagePage(props: { title: string; message: string; viewer?: IdpViewer; children?: Child }) {
  return (
    <IdpPage title={props.title} viewer={props.viewer}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.children}
    </IdpPage>
  );
}
