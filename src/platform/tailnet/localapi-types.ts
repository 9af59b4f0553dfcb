/**
 * zod schemas for the few tailscaled LocalAPI responses tailyard reads (status, the IPN bus's
 * Notify, prefs; WhoIs, read on every identity miss, has a hand-checked decoder instead). Only
 * the fields we use are declared; unknown fields are dropped, so newer tailscaleds that add fields
 * keep working. IDs are plain numbers (they fit in 2^53 for every
 * control server we know) and nodes are keyed on `StableID` anyway.
 */
import { z } from 'zod';

const StrList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

/** `ipnstate.PeerStatus` (the subset we read). */
export const PeerStatusSchema = z.object({
  ID: z.string().default(''),
  HostName: z.string().default(''),
  DNSName: z.string().default(''),
  TailscaleIPs: StrList,
  Tags: StrList,
  Online: z.boolean().optional(),
  /** Node capabilities (only Self's are read: `service-host` carries the Tailscale Services' addresses). */
  CapMap: z.record(z.string(), z.array(z.unknown()).nullable()).nullish(),
});

/** `ipnstate.Status` from `GET /localapi/v0/status`. */
export const StatusSchema = z.object({
  Version: z.string().default(''),
  BackendState: z.string(),
  HaveNodeKey: z.boolean().optional(),
  AuthURL: z.string().default(''),
  TailscaleIPs: StrList,
  Self: PeerStatusSchema.nullish(),
  Health: StrList,
  MagicDNSSuffix: z.string().default(''),
  CertDomains: StrList,
  Peer: z.record(z.string(), PeerStatusSchema).nullish(),
});
export type Status = z.output<typeof StatusSchema>;

/** `apitype.WhoIsResponse` is decoded by hand on the identity hot path: see `whois-decode.ts`. */
export type { WhoIs } from './whois-decode.js';

/** IPN backend states as the bus sends them (`Notify.State` is an integer). */
export const IpnState = {
  NoState: 0,
  InUseOtherUser: 1,
  NeedsLogin: 2,
  NeedsMachineAuth: 3,
  Stopped: 4,
  Starting: 5,
  Running: 6,
} as const;
export const IPN_STATE_NAMES = Object.keys(IpnState) as (keyof typeof IpnState)[];

/** `6` → `'Running'`. */
export function stateName(n: number): string {
  return IPN_STATE_NAMES[n] ?? `State(${n})`;
}

/** `ipn.Notify`, one line of `watch-ipn-bus`. */
export const NotifySchema = z.object({
  Version: z.string().optional(),
  ErrMessage: z.string().nullish(),
  LoginFinished: z.object({}).nullish(),
  State: z.number().int().nullish(),
  BrowseToURL: z.string().nullish(),
  NetMap: z.unknown().optional(),
  SelfChange: z.unknown().optional(),
  PeerChanges: z.unknown().optional(),
});
export type Notify = z.output<typeof NotifySchema>;

/** Bits of the `watch-ipn-bus?mask=` option (`ipn.NotifyWatchOpt`). */
export const NotifyMask = {
  InitialState: 2,
  InitialPrefs: 4,
  InitialNetMap: 8,
  RateLimit: 256,
} as const;

/** `ipn.Prefs` as read back: the fields tailyard checks, the rest kept as-is. */
export const PrefsSchema = z.looseObject({
  ControlURL: z.string().default(''),
  WantRunning: z.boolean().default(false),
  Hostname: z.string().default(''),
  AdvertiseTags: StrList,
});
export type Prefs = z.output<typeof PrefsSchema>;

/** The body of `POST /localapi/v0/start` (`ipn.Options`); `UpdatePrefs` replaces every pref but Persist. */
export interface StartOptions {
  AuthKey?: string;
  UpdatePrefs: Record<string, unknown>;
}

/** `PATCH /localapi/v0/prefs` body: pref fields plus `<Field>Set: true` for each one to change. */
export type MaskedPrefs = Record<string, unknown>;

/** One port's handler in a serve config (`ipn.TCPPortHandler`). */
export interface TcpPortHandler {
  HTTPS?: boolean;
  HTTP?: boolean;
  TCPForward?: string;
  TerminateTLS?: string;
  ProxyProtocol?: number;
}

/** `ipn.HTTPHandler`: what one mount point of a Web server does. */
export interface HttpHandler {
  Proxy?: string;
  Text?: string;
  Redirect?: string;
}

/** `ipn.ServeConfig`, the part tailyard writes; map keys are strings (`"80"`, `"go.ts.net:80"`). */
export interface ServeConfig {
  TCP?: Record<string, TcpPortHandler>;
  Web?: Record<string, { Handlers: Record<string, HttpHandler> }>;
  AllowFunnel?: Record<string, boolean>;
  [other: string]: unknown;
}
