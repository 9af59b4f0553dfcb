/**
 * Checks gathered settings the way `serve` will use them and reports every problem at once:
 * the config file's syntax errors, every invalid key of the platform and of every app section
 * (plugins' included), and port clashes, each where it was written: `ty.hujson:12:7:` for a key
 * in the file, the flag or variable (`--links-port:`, `TAILYARD_DATA:`) for one set there. One
 * run shows the whole list, so fixing a config takes one edit, not one run per error.
 *
 * @example
 *   checkSettings(gatherSettings({ config: 'ty.hujson' }, process.env, apps), apps, { ports: true })
 *   // throws ConfigError:
 *   // invalid configuration (2 problems):
 *   //   ty.hujson:3:3: mode: expected one of "dev", "managed", "host", got "cloud"
 *   //   ty.hujson:7:7: apps.links.readOnly: unknown key; did you mean "readonly"? (known here: …)
 */
import type { AppDefinition } from '../platform/app.js';
import { ConfigError, type ConfigProblem, type LoadedConfig, resolveConfig } from '../platform/config.js';
import { problemLine } from '../platform/config-error.js';
import { byPosition, type ConfigSource, formatSyntax, locatedLine, type ReportLine, reportText } from '../platform/config-source.js';
import { portClashes } from '../platform/ports.js';
import type { GatheredSettings } from './settings.js';

/** Where a problem was written: the flag or variable that set its key (or a parent), else the file. */
function placeProblem(p: ConfigProblem, source: ConfigSource | undefined, origins: ReadonlyMap<string, string>): ReportLine {
  for (let n = p.path.length; n > 0; n--) {
    const origin = origins.get(p.path.slice(0, n).map(String).join('.'));
    if (origin) return { text: `${origin}: ${problemLine(p)}` };
  }
  return source ? locatedLine(source, p) : { text: problemLine(p) };
}

export interface CheckOptions {
  /** Report port clashes too (`serve`, `config check`; not commands that open no listener). */
  ports?: boolean;
  /** A plugin's app id → its file, to name it in a clash. */
  sources?: Readonly<Record<string, string>>;
}

/**
 * The configuration `serve` would run with; throws one `ConfigError` listing every problem (see
 * the module comment).
 */
export function checkSettings(g: GatheredSettings, defs: AppDefinition[], opts: CheckOptions = {}): LoadedConfig {
  const source = g.source;
  const lines: ReportLine[] = (source?.syntax ?? []).map((p) => ({ text: formatSyntax(source as ConfigSource, p), at: p }));
  const problems: ConfigProblem[] = [];
  let resolved: LoadedConfig | undefined;
  try {
    resolved = resolveConfig(g.settings, defs);
  } catch (err) {
    if (!(err instanceof ConfigError) || err.problems.length === 0) throw err;
    problems.push(...err.problems);
  }
  lines.push(...problems.map((p) => placeProblem(p, source, g.origins)));
  // Clashes only make sense between valid settings; each names the keys to change.
  if (resolved && lines.length === 0 && opts.ports) lines.push(...portClashes(resolved, opts.sources).map((text) => ({ text })));
  if (lines.length === 0 && resolved) return resolved;
  throw new ConfigError(reportText('invalid configuration', lines.sort(byPosition)), problems);
}
