/**
 * Where the admin listener (`/healthz`, `/metrics`) goes by default, and the warning for a
 * configured address a tailnet peer could reach.
 *
 * Why not 127.0.0.1 in managed mode: a userspace tailscaled hands every tailnet connection to a
 * port its serve config does not claim to `127.0.0.1:<same port>` on this host, so a listener on
 * 127.0.0.1 is reachable by any peer the policy lets reach an app node on that port. Nothing
 * forwards to other loopback addresses, so managed mode uses 127.0.0.2, like the app backends.
 *
 * @example
 *   defaultAdminListen('managed') // '127.0.0.2:8079'
 *   sideDoorWarning('managed', '127.0.0.1:8079') // 'the admin listener is on 127.0.0.1:8079: ...'
 */
import { BACKEND_HOST } from './tailnet/backend.js';

export const ADMIN_PORT = 8079;

/** The admin listener's address when `admin.listen` is not set. */
export function defaultAdminListen(mode: 'dev' | 'managed' | 'host'): string {
  return `${mode === 'managed' ? BACKEND_HOST : '127.0.0.1'}:${ADMIN_PORT}`;
}

/**
 * A warning when managed mode is told to listen where tailscaled forwards tailnet traffic
 * (127.0.0.1, or `localhost`, which resolves to it); undefined otherwise.
 */
export function sideDoorWarning(mode: 'dev' | 'managed' | 'host', listen: string): string | undefined {
  if (mode !== 'managed') return undefined;
  const host = listen.slice(0, listen.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  if (host !== 'localhost' && host !== '127.0.0.1' && host !== '0:0:0:0:0:ffff:7f00:1' && host.toLowerCase() !== '::ffff:127.0.0.1') return undefined;
  const port = listen.slice(listen.lastIndexOf(':') + 1);
  return (
    `the admin listener is on ${listen} in managed mode: every tailnet peer the policy lets reach an app node on port ${port} ` +
    'can read /healthz and /metrics, because userspace tailscaled forwards unserved ports to 127.0.0.1. ' +
    `Leave admin.listen unset (managed mode uses ${defaultAdminListen('managed')}) or pick another 127.0.0.0/8 address, ` +
    'and restrict the app nodes to ports 80 and 443 in the tailnet policy ("ip": ["tcp:80", "tcp:443"])'
  );
}
