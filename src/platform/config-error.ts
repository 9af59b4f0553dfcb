/**
 * The error every configuration problem becomes: the CLI prints it and exits 2. It carries the
 * problems one by one (`problems`, each with its key path) so that the CLI can name each one's
 * file, line and column (`cli/config-report.ts`); its message lists them without, for anything
 * that prints only the message. In a module of its own so that what the config schema is built
 * from (replicate/settings.ts) can throw it without importing the config module back.
 *
 * @example
 *   throw ConfigError.of([{ path: ['mode'], message: 'expected one of "dev", "managed", "host", got "cloud"' }]);
 *   // message: 'invalid configuration:\n  mode: expected one of "dev", "managed", "host", got "cloud"'
 */

/** One problem with a setting: its key path (`['apps', 'links', 'readonly']`) and what is wrong. */
export interface ConfigProblem {
  path: ReadonlyArray<string | number>;
  message: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    /** The problems, when the error is a list of them. */
    readonly problems: readonly ConfigProblem[] = [],
  ) {
    super(message);
  }

  /** An error listing `problems` (at least one). */
  static of(problems: readonly ConfigProblem[]): ConfigError {
    return new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${problemLine(p)}`).join('\n')}`, problems);
  }
}

/** A key path as users write it: `apps.links.readonly`, `tailnet.advertiseTags[0]`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** `path: message`, or the message alone for a problem of the whole config. */
export function problemLine(p: ConfigProblem): string {
  return p.path.length ? `${formatPath(p.path)}: ${p.message}` : p.message;
}
