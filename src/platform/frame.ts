/**
 * The suite frame: what every page of every app shows around its content — the app's display
 * name (for the one title scheme, "<page> · <app> · tailyard") and the suite navigation, the
 * enabled apps by the URLs people reach them at (dev: `http://127.0.0.1:8080`; managed and host
 * modes: their tailnet names, `https://go.example.ts.net`).
 *
 * The platform puts it on every request (`c.get('frame')`) once the caller is known; an
 * anonymous caller (a Funnel visitor on a public paste) gets the frame without the navigation, so
 * the tailnet's other apps and names are never shown to the internet. Apps hand it to their page
 * shell, which hands it to the shared layout (`views/layout.tsx`); error pages get it from the
 * renderer (`errors.ts`).
 *
 * Display names come from one place: each app's `title` (`AppDefinition.title`).
 *
 * @example
 *   const frames = suiteFrames([{ id: 'links', name: 'go/ links', url: () => mode.baseUrl?.('links') }, …]);
 *   c.set('frame', frames.forApp('links', caller.kind === 'anonymous'));
 *   // { app: { id: 'links', name: 'go/ links' }, apps: [{ id: 'links', name: 'go/ links', url: 'http://127.0.0.1:8080/' }, …] }
 */

/** One app in the suite navigation. */
export interface SuiteApp {
  id: string;
  /** Its display name (`AppDefinition.title`), e.g. `go/ links`. */
  name: string;
  /** Its home page, e.g. `https://go.example.ts.net/`. */
  url: string;
}

/** What the shared layout needs to frame a page. */
export interface SuiteFrame {
  /** The app the page belongs to. */
  app: { id: string; name: string };
  /** The enabled apps in start-up order, for the navigation; empty for anonymous callers. */
  apps: readonly SuiteApp[];
}

/** An enabled app as the platform knows it; `url` is read late (dev listeners pick their ports at start). */
export interface FrameMember {
  id: string;
  name: string;
  url(): string | undefined;
}

/** The frames of the suite's apps, built once each when first asked for. */
export interface SuiteFrames {
  forApp(appId: string, anonymous: boolean): SuiteFrame;
}

/**
 * The frames over the enabled apps. An app's frame is built on its first request (when every
 * app is served, so every URL is known) and then reused: a request costs no allocation.
 *
 * @example suiteFrames(members).forApp('paste', true).apps // []
 */
export function suiteFrames(members: readonly FrameMember[]): SuiteFrames {
  const built = new Map<string, { signedIn: SuiteFrame; anonymous: SuiteFrame }>();
  const build = (appId: string) => {
    const apps = members.flatMap((m) => {
      const url = m.url();
      return url ? [{ id: m.id, name: m.name, url: url.endsWith('/') ? url : `${url}/` }] : [];
    });
    const app = { id: appId, name: members.find((m) => m.id === appId)?.name ?? appId };
    // Only cache once every app has its URL; before that (a managed node still starting) build per request.
    const frames = { signedIn: { app, apps }, anonymous: { app, apps: [] } };
    if (apps.length === members.length) built.set(appId, frames);
    return frames;
  };
  return {
    forApp(appId, anonymous) {
      const frames = built.get(appId) ?? build(appId);
      return anonymous ? frames.anonymous : frames.signedIn;
    },
  };
}

/** The frame of a page rendered outside a request's pipeline (no navigation). */
export function bareFrameOf(appId: string, name: string): SuiteFrame {
  return { app: { id: appId, name }, apps: [] };
}
