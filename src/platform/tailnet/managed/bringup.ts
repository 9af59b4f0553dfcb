/**
 * Bringing one tailscaled up over its LocalAPI, the sidecar version of `tsnet.Server.Up`:
 * wait for the socket, watch the IPN bus, `start` with the auth key and prefs plus
 * `login-interactive` only when the node has no key yet, and wait for Running. A node that already
 * has state reconnects by itself and the auth key is never sent again (single-use keys stay valid
 * for nothing else, and a reused key would re-register the node).
 *
 * Failures end in a BringUpError that says what to do: a rejected auth key, device approval
 * pending, control unreachable, or tailscaled dying during bring-up.
 *
 * @example
 *   const status = await bringUp({ client, hostname: 'go', controlURL, authKey, advertiseTags: [], timeoutMs: 60_000, signal, log });
 */
import type { Logger } from 'pino';
import { DaemonNotRunningError, type LocalApiClient } from '../localapi.js';
import { IpnState, NotifyMask, stateName, type Status } from '../localapi-types.js';

export type BringUpFailure = 'no-auth-key' | 'auth-key-rejected' | 'needs-approval' | 'needs-login' | 'unreachable' | 'daemon-exited' | 'timeout';

export class BringUpError extends Error {
  override name = 'BringUpError';
  constructor(
    message: string,
    readonly reason: BringUpFailure,
  ) {
    super(message);
  }
}

export interface BringUpOptions {
  client: LocalApiClient;
  hostname: string;
  controlURL: string;
  /** Used only when the node has no node key yet. */
  authKey?: string;
  advertiseTags: string[];
  timeoutMs: number;
  /** Aborted when tailscaled exits; bring-up then fails at once. */
  signal: AbortSignal;
  log: Logger;
}

/** The prefs a managed node runs with (what tsnet sets; MagicDNS off: the Node process resolves nothing through it). */
export function nodePrefs(o: Pick<BringUpOptions, 'controlURL' | 'hostname' | 'advertiseTags'>): Record<string, unknown> {
  return {
    ControlURL: o.controlURL,
    Hostname: o.hostname,
    WantRunning: true,
    AdvertiseTags: o.advertiseTags.length ? o.advertiseTags : null,
    CorpDNS: false,
    RunSSH: false,
    RunWebClient: false,
    ShieldsUp: false,
    NoStatefulFiltering: true,
    AutoUpdate: { Check: false, Apply: false },
  };
}

/** Waits for the LocalAPI to answer, then drives the node to Running; resolves with its status. */
export async function bringUp(o: BringUpOptions): Promise<Status> {
  const deadline = Date.now() + o.timeoutMs;
  const ac = new AbortController();
  const onExit = () => ac.abort(new BringUpError(`tailscaled for "${o.hostname}" exited during bring-up`, 'daemon-exited'));
  if (o.signal.aborted) onExit();
  o.signal.addEventListener('abort', onExit, { once: true });
  const timer = setTimeout(() => ac.abort(new BringUpError('timeout', 'timeout')), Math.max(0, deadline - Date.now()));
  let lastState = -1;
  try {
    await waitForLocalApi(o.client, ac.signal);
    let started = false;
    for await (const n of o.client.watchIpnBus(NotifyMask.InitialState, { signal: ac.signal })) {
      if (n.ErrMessage) throw classifyError(n.ErrMessage, o);
      if (n.BrowseToURL) {
        throw new BringUpError(
          `control server ${o.controlURL} wants an interactive login for "${o.hostname}" (${n.BrowseToURL}): the auth key was not accepted (wrong, expired, or already used)`,
          'auth-key-rejected',
        );
      }
      if (n.State == null) continue;
      if (n.State !== lastState) o.log.debug({ node: o.hostname, state: stateName(n.State) }, 'tailscaled state');
      lastState = n.State;
      if (n.State === IpnState.Running) return await o.client.status({ signal: ac.signal });
      if (n.State === IpnState.Stopped) {
        await o.client.patchPrefs({ WantRunning: true, WantRunningSet: true }, { signal: ac.signal });
      } else if (!started && (n.State === IpnState.NeedsLogin || n.State === IpnState.NoState)) {
        const st = await o.client.status({ peers: false, signal: ac.signal });
        if (!st.HaveNodeKey && (st.BackendState === 'NeedsLogin' || st.BackendState === 'NoState')) {
          if (!o.authKey) {
            throw new BringUpError(
              `"${o.hostname}" has never joined the tailnet and no auth key is configured: set tailnet.authKey, tailnet.authKeyFile or TS_AUTHKEY`,
              'no-auth-key',
            );
          }
          o.log.info({ node: o.hostname, controlURL: o.controlURL }, 'registering a new node with the auth key');
          await o.client.start({ AuthKey: o.authKey, UpdatePrefs: nodePrefs(o) }, { signal: ac.signal });
          await o.client.loginInteractive({ signal: ac.signal });
          started = true;
        }
      }
    }
    throw new BringUpError(`the IPN bus of "${o.hostname}" ended during bring-up`, 'daemon-exited');
  } catch (err) {
    const reason = ac.signal.reason;
    if (reason instanceof BringUpError && reason.reason === 'timeout') throw await timeoutError(o, lastState);
    if (reason instanceof BringUpError) throw reason;
    throw err;
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onExit);
    ac.abort();
  }
}

async function waitForLocalApi(client: LocalApiClient, signal: AbortSignal): Promise<void> {
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      await client.status({ peers: false, signal, timeoutMs: 5000 });
      return;
    } catch (err) {
      if (!(err instanceof DaemonNotRunningError) || signal.aborted) throw err;
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

function classifyError(msg: string, o: BringUpOptions): BringUpError {
  if (/auth ?key|authkey|pre-?auth|invalid key|not valid|expired|used/i.test(msg)) {
    return new BringUpError(`control server ${o.controlURL} rejected the auth key for "${o.hostname}": ${msg}`, 'auth-key-rejected');
  }
  return new BringUpError(`tailscaled for "${o.hostname}" reported: ${msg}`, 'needs-login');
}

async function timeoutError(o: BringUpOptions, lastState: number): Promise<BringUpError> {
  let health: string[] = [];
  try {
    health = (await o.client.status({ peers: false, timeoutMs: 2000 })).Health;
  } catch {
    // the daemon is not answering either; the state alone has to do
  }
  const detail = health.length ? ` (tailscaled health: ${health.join('; ')})` : '';
  const secs = Math.round(o.timeoutMs / 1000);
  switch (lastState) {
    case IpnState.NeedsMachineAuth:
      return new BringUpError(`"${o.hostname}" is waiting for device approval: approve it in the tailnet's admin console (or use a pre-approved auth key)${detail}`, 'needs-approval');
    case IpnState.NeedsLogin:
      return new BringUpError(
        `"${o.hostname}" did not log in within ${secs}s: the control server at ${o.controlURL} did not accept the auth key, or its node key expired${detail}`,
        'needs-login',
      );
    default:
      return new BringUpError(
        `"${o.hostname}" did not reach Running within ${secs}s (last state ${lastState < 0 ? 'unknown' : stateName(lastState)}): is the control server at ${o.controlURL} reachable?${detail}`,
        'unreachable',
      );
  }
}
