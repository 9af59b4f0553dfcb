/**
 * The paste app's config section (`apps.paste` in the tailyard config; flags `--paste-*`).
 *
 * @example
 *   { "apps": { "paste": { "policy": "grants", "maxBytes": 1048576, "maxExpiry": "30d", "hideFunnelUsers": true } } }
 */
import { z } from 'zod';
import type { AppFlag } from '../../platform/app.js';
import { rateLimitSchema } from '../../platform/ratelimit.js';
import { LIFETIMES } from './lifetime.js';
import { POLICIES } from './access.js';

/** Default paste size limit: 10 MiB, what tclip's Go form parser allows. */
export const DEFAULT_MAX_BYTES = 10 << 20;

export const PasteConfigSchema = z
  .object({
    /** `tclip`: every tailnet user may create, list and read; `grants`: the capability decides (see access.ts). */
    policy: z.enum(POLICIES).default('tclip'),
    /** Largest paste, in bytes of UTF-8; larger ones get 413. */
    maxBytes: z
      .number()
      .int()
      .positive()
      .max(64 << 20)
      .default(DEFAULT_MAX_BYTES),
    /** Lifetime of a paste whose creator names none. */
    defaultExpiry: z.enum(LIFETIMES).default('never'),
    /** The longest lifetime allowed; longer requests (and the default) are shortened to it. */
    maxExpiry: z.enum(LIFETIMES).default('never'),
    /** Hide who pasted from anonymous (Funnel) viewers (tclip's -hide-funnel-users). */
    hideFunnelUsers: z.boolean().default(false),
    /** Show line numbers (the anchors exist either way). */
    lineNumbers: z.boolean().default(true),
    /** Wrap long lines by default (viewers can toggle). */
    wordWrap: z.boolean().default(false),
    /** Paste creations per caller: a sustained rate and a burst. */
    rateLimit: rateLimitSchema({ perMinute: 60, burst: 30 }),
    /** Memory for rendered (highlighted) pastes, in bytes. */
    renderCacheBytes: z
      .number()
      .int()
      .min(0)
      .default(16 << 20),
    /** Pastes longer than this (characters) are shown without highlighting. */
    highlightMaxChars: z
      .number()
      .int()
      .positive()
      .default(512 * 1024),
    /** How often expired pastes are deleted (seconds). */
    sweepIntervalSeconds: z.number().int().min(1).max(86_400).default(60),
  })
  .strict();

export type PasteConfig = z.output<typeof PasteConfigSchema>;

export const PASTE_FLAGS: AppFlag[] = [
  { flag: 'paste-policy', key: 'policy', kind: 'string', description: 'who may do what: tclip (every tailnet user; default) or grants (the capability decides)' },
  { flag: 'paste-hide-funnel-users', key: 'hideFunnelUsers', kind: 'boolean', description: 'hide who pasted from anonymous (Funnel) viewers' },
  { flag: 'paste-max-bytes', key: 'maxBytes', kind: 'number', description: 'largest paste in bytes (default 10 MiB)' },
  { flag: 'paste-default-expiry', key: 'defaultExpiry', kind: 'string', description: 'lifetime of pastes that name none: 1h, 1d, 1w, 30d or never' },
  { flag: 'paste-max-expiry', key: 'maxExpiry', kind: 'string', description: 'longest lifetime allowed: 1h, 1d, 1w, 30d or never' },
];

/**
 * The request-body limit that fits a paste of `maxBytes`: an urlencoded body may spell every
 * byte as `%XX`, plus room for the other fields. The paste itself is then checked against
 * `maxBytes` (413 naming that limit).
 *
 * @example requestBodyLimit(10 << 20) // 32 MiB
 */
export function requestBodyLimit(maxBytes: number): number {
  return 3 * maxBytes + (2 << 20);
}
