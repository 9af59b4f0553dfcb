/**
 * The identity provider's page shell and small shared pieces (dates, banners).
 *
 * @example <IdpPage title="Clients" login="alice@example.com">…</IdpPage>
 */
import type { Child } from 'hono/jsx';
import { Layout } from '../layout.js';

export function IdpPage(props: { title: string; login?: string; children?: Child }) {
  const nav = props.login ? [{ href: '/', label: 'Clients' }, { href: '/new', label: 'New client' }] : undefined;
  return (
    <Layout title={`${props.title} · idp`} brand="idp" tagline="Sign in with your tailnet identity" nav={nav}>
      {props.children}
    </Layout>
  );
}

/** Unix seconds as `2026-11-30 14:05 UTC`, or a dash. */
export function When(props: { t: number | null | undefined }) {
  if (!props.t) return <span class="muted">never</span>;
  const iso = new Date(props.t * 1000).toISOString();
  return <time datetime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;
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
export function MessagePage(props: { title: string; message: string; children?: Child }) {
  return (
    <IdpPage title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.children}
    </IdpPage>
  );
}
