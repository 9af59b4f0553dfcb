/**
 * The links app's own settings: the zod schema of `apps.links` (how it is hosted is
 * `serve.links`) and the `tailyard serve --links-*` flags that set its keys.
 *
 * @example
 *   // tailyard.json
 *   { "apps": { "links": { "readonly": true, "followAliases": true } } }
 *   // or: tailyard serve --links-readonly --links-snapshot golink-export.jsonl
 */
import { z } from 'zod';
import type { AppFlag } from '../../platform/app.js';
import { defaultLimits } from './template/index.js';

/** The app's own settings (`apps.links.*`, flags `--links-*`). */
export interface LinksConfig {
  /** `--links-readonly`: writes answer 405 and pages show a banner. */
  readonly: boolean;
  /** `--links-allow-unknown-users`: callers without a login may create (unowned) links. */
  allowUnknownUsers: boolean;
  /** `--links-snapshot FILE`: a golink export loaded at start (existing links win). */
  snapshot?: string;
  /** Resolve go/a → go/b alias chains on the server (one redirect, loops answered 508). */
  followAliases: boolean;
  /** How often click counts are written (ms). */
  statsFlushMs: number;
  /** Bytes of strings one template expansion may produce (intermediates and output). */
  templateBudgetBytes: number;
  templateDeadlineMs: number;
  /**
   * Not configurable (absent from the schema): expands templates without byte and work
   * metering. Only the benchmark sets it, to measure what the budget costs.
   */
  unmeteredTemplates?: boolean;
}

export const LinksConfigSchema = z
  .object({
    readonly: z.boolean().default(false),
    allowUnknownUsers: z.boolean().default(false),
    snapshot: z.string().min(1).optional(),
    followAliases: z.boolean().default(false),
    statsFlushMs: z.number().int().min(100).max(60_000).default(2000),
    templateBudgetBytes: z
      .number()
      .int()
      .min(4096)
      .max(64 * 1024 * 1024)
      .default(defaultLimits.maxBytes),
    /**
     * The wall-clock backstop of one template run (ms), behind the byte and step budgets that
     * decide in practice. Tests raise it so a loaded machine never turns a step-limit answer
     * into a deadline one.
     */
    templateDeadlineMs: z.number().int().min(10).max(60_000).default(defaultLimits.deadlineMs),
  })
  .strict();

export const linksFlags: AppFlag[] = [
  { flag: 'links-readonly', key: 'readonly', kind: 'boolean', description: 'serve links read-only: resolve, list and export, but refuse writes (405)' },
  { flag: 'links-snapshot', key: 'snapshot', kind: 'string', description: 'import a golink export (JSON Lines) at start; existing links win' },
  {
    flag: 'links-allow-unknown-users',
    key: 'allowUnknownUsers',
    kind: 'boolean',
    description: 'let callers without a tailnet login create (unowned) links',
  },
];
