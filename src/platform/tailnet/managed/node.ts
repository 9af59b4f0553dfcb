/**
 * One supervised tailnet node: a tailscaled child brought up over the LocalAPI, watched on its
 * IPN bus, and restarted with exponential backoff plus jitter on the same state dir when it dies
 * (the auth key is not used again once the node has registered). `ready` is false whenever the
 * node is not Running, so the platform answers 503 for its app meanwhile.
 *
 * Used for each app's node in managed mode, and by the test harness and bench for client nodes.
 *
 * @example
 *   const node = new ManagedNode({ name: 'go', bin, dirs, env: {}, log, controlURL, authKey, advertiseTags: [],
 *     ephemeral: false, upTimeoutMs: 60_000, onRunning: async (client, status) => installServe(client, status) });
 *   await node.start();          // rejects with a BringUpError that says what is wrong
 *   node.health();               // { ready: true, state: 'Running', pid, ips, restarts }
 *   await node.close();
 */
import type { Logger } from 'pino';
import { LocalApiClient } from '../localapi.js';
import { IpnState, NotifyMask, stateName, type Notify, type Status } from '../localapi-types.js';
import type { NodeHealth } from '../mode.js';
import { BringUpError, bringUp } from './bringup.js';
import { spawnTailscaled, type ExitInfo, type NodeDirs, type TailscaledProcess } from './tailscaled.js';

export interface ManagedNodeOptions {
  /** The node's hostname on the tailnet. */
  name: string;
  bin: string;
  dirs: NodeDirs;
  env: Record<string, string>;
  log: Logger;
  controlURL: string;
  authKey?: string;
  advertiseTags: string[];
  ephemeral: boolean;
  upTimeoutMs: number;
  extraArgs?: string[];
  /** Runs each time the node reaches Running (after every restart), before it is marked ready. */
  onRunning?: (client: LocalApiClient, status: Status) => Promise<void>;
  /** Sees every bus message while the node runs (e.g. to flush a WhoIs cache). */
  onNotify?: (n: Notify) => void;
  /** Restart backoff bounds (ms). */
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

/** How long a node must stay up before its crash counter resets. */
const STABLE_MS = 60_000;
const STOP_TIMEOUT_MS = 5000;

export class ManagedNode {
  readonly client: LocalApiClient;
  private proc: TailscaledProcess | undefined;
  private state = 'Stopped';
  private ready = false;
  private lastError: string | undefined;
  private restarts = 0;
  private failures = 0;
  private registered = false;
  private runningSince = 0;
  private closing = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private watch: AbortController | undefined;
  private lastStatus: Status | undefined;

  constructor(private readonly o: ManagedNodeOptions) {
    this.client = new LocalApiClient({ socketPath: o.dirs.socket });
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The status taken when the node last reached Running. */
  get status(): Status | undefined {
    return this.lastStatus;
  }

  get pid(): number | undefined {
    return this.proc && !this.proc.hasExited ? this.proc.pid : undefined;
  }

  get process(): TailscaledProcess | undefined {
    return this.proc;
  }

  /** First bring-up; rejects (and stops the child) if the node cannot reach Running. */
  async start(): Promise<void> {
    try {
      await this.runOnce();
    } catch (err) {
      this.lastError = (err as Error).message;
      this.state = 'Failed';
      throw err;
    }
  }

  health(): NodeHealth {
    const st = this.lastStatus;
    return {
      ready: this.ready,
      state: this.state,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      pid: this.pid ?? null,
      ips: st?.TailscaleIPs ?? [],
      dnsName: st?.Self?.DNSName.replace(/\.$/, '') ?? null,
      restarts: this.restarts,
    };
  }

  /** Stops supervision and the child (an ephemeral node logs out first). */
  async close(): Promise<void> {
    this.closing = true;
    this.ready = false;
    clearTimeout(this.restartTimer);
    this.watch?.abort();
    const proc = this.proc;
    if (proc && !proc.hasExited) {
      if (this.o.ephemeral) {
        await this.client.logout({ timeoutMs: 3000 }).catch((err: Error) => this.o.log.warn({ node: this.o.name, err: err.message }, 'ephemeral node logout failed'));
      }
      await proc.stop(STOP_TIMEOUT_MS);
      this.state = 'Stopped';
    }
    await this.client.close();
  }

  private async runOnce(): Promise<void> {
    this.state = 'Starting';
    const proc = spawnTailscaled({ bin: this.o.bin, dirs: this.o.dirs, name: this.o.name, env: this.o.env, log: this.o.log, extraArgs: this.o.extraArgs });
    this.proc = proc;
    const exited = new AbortController();
    void proc.exited.then(() => exited.abort());
    let status: Status;
    try {
      status = await bringUp({
        client: this.client,
        hostname: this.o.name,
        controlURL: this.o.controlURL,
        // Once the node has registered, its state carries the node key: never send the key again.
        authKey: this.registered ? undefined : this.o.authKey,
        advertiseTags: this.o.advertiseTags,
        timeoutMs: this.o.upTimeoutMs,
        signal: exited.signal,
        log: this.o.log,
      });
      await this.o.onRunning?.(this.client, status);
    } catch (err) {
      await proc.stop(STOP_TIMEOUT_MS);
      if (err instanceof BringUpError && err.reason === 'daemon-exited') {
        const tail = proc.recentOutput().slice(-5).join(' | ');
        throw new BringUpError(`${err.message}${tail ? `: ${tail}` : ''}`, err.reason);
      }
      throw err;
    }
    this.registered = true;
    this.lastStatus = status;
    this.state = 'Running';
    this.ready = true;
    this.lastError = undefined;
    this.runningSince = Date.now();
    this.o.log.info({ node: this.o.name, ips: status.TailscaleIPs, pid: proc.pid }, 'tailnet node running');
    this.watchBus(proc);
    void proc.exited.then((info) => this.onExit(proc, info));
  }

  private onExit(proc: TailscaledProcess, info: ExitInfo): void {
    if (this.closing || proc !== this.proc) return;
    this.ready = false;
    this.watch?.abort();
    if (Date.now() - this.runningSince > STABLE_MS) this.failures = 0;
    const tail = proc.recentOutput().slice(-3).join(' | ');
    this.lastError = `tailscaled exited (${info.signal ?? `code ${info.code}`})${tail ? `: ${tail}` : ''}`;
    this.o.log.error({ node: this.o.name, pid: proc.pid, ...info }, 'tailscaled exited; restarting it');
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.closing) return;
    this.state = 'Restarting';
    const min = this.o.backoffMinMs ?? 1000;
    const max = this.o.backoffMaxMs ?? 60_000;
    const base = Math.min(max, min * 2 ** Math.min(this.failures, 16));
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.failures++;
    this.restartTimer = setTimeout(() => {
      this.restarts++;
      this.runOnce().catch((err: Error) => {
        if (this.closing) return;
        this.lastError = err.message;
        this.o.log.error({ node: this.o.name, err: err.message }, 'restarting tailscaled failed');
        this.scheduleRestart();
      });
    }, delay);
  }

  /** Follows the bus for the life of this child: readiness tracks the state; messages go to onNotify. */
  private watchBus(proc: TailscaledProcess): void {
    const ac = new AbortController();
    this.watch = ac;
    const loop = async () => {
      while (!ac.signal.aborted && !proc.hasExited) {
        try {
          for await (const n of this.client.watchIpnBus(NotifyMask.InitialState | NotifyMask.RateLimit, { signal: ac.signal })) {
            this.o.onNotify?.(n);
            if (n.State != null) await this.onState(n.State);
          }
        } catch (err) {
          if (ac.signal.aborted || proc.hasExited) return;
          this.o.log.warn({ node: this.o.name, err: (err as Error).message }, 'IPN bus watch failed; reconnecting');
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    void loop();
  }

  private async onState(state: number): Promise<void> {
    const name = stateName(state);
    if (name === this.state) return;
    this.state = name;
    if (state === IpnState.Running) {
      try {
        const status = await this.client.status();
        await this.o.onRunning?.(this.client, status);
        this.lastStatus = status;
        this.ready = true;
        this.lastError = undefined;
      } catch (err) {
        this.lastError = `re-installing after Running failed: ${(err as Error).message}`;
      }
      return;
    }
    this.ready = false;
    this.lastError =
      state === IpnState.NeedsLogin
        ? 'the node needs to log in again (its key expired or it was logged out); re-authenticate it or remove its state dir and provide a new auth key'
        : state === IpnState.NeedsMachineAuth
          ? 'the node is waiting for device approval in the admin console'
          : `node state is ${name}`;
    this.o.log.warn({ node: this.o.name, state: name }, 'tailnet node is not running');
  }
}
