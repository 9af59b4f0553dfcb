/**
 * What the CLI must know before it can build its commands: which config file a command will read
 * (its `plugins` are apps, and apps add flags and subcommands) and which `--app FILE` plugins it
 * names. A pre-scan of the raw arguments, so that `tailyard serve --help` lists a plugin's flags,
 * `tailyard config check FILE` validates a plugin's section and a plugin's subcommands exist.
 *
 * Read: `-c F`, `--config F`, `--config=F`, `-cF` (the last wins; else `TAILYARD_CONFIG`);
 * `--app F`, `--app=F` (repeatable); `config check FILE` (its file). `audit verify --app ID`
 * names an app id, not a file (its older meaning): after `audit`, `--app` is left alone. Nothing
 * after `--` is an option.
 *
 * @example
 *   scanArgv(['serve', '--app', './notes.mjs', '-c', 'ty.hujson'], {})
 *   // { configFile: 'ty.hujson', appFiles: ['./notes.mjs'] }
 */

export interface ScannedArgv {
  /** The config file the command will read, as written (relative to the working directory). */
  configFile?: string;
  /** `--app` files, as written, in order. */
  appFiles: string[];
}

/** Options whose value is the next argument (unless written `--name=value`). */
const CONFIG = new Set(['-c', '--config']);

/**
 * Scans `args` (the arguments after the program name) with the environment `env`.
 *
 * @example scanArgv(['config', 'check', 'ty.hujson'], {}).configFile // 'ty.hujson'
 */
export function scanArgv(args: readonly string[], env: NodeJS.ProcessEnv): ScannedArgv {
  const appFiles: string[] = [];
  const positionals: string[] = [];
  let configFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => inline ?? args[++i];
    if (name === '--app') {
      const file = value();
      if (file !== undefined && positionals[0] !== 'audit') appFiles.push(file);
    } else if (CONFIG.has(name)) {
      configFile = value() ?? configFile;
    } else if (/^-c./.test(arg)) {
      configFile = arg.slice(2);
    } else if (!arg.startsWith('-')) {
      positionals.push(arg);
    }
  }
  if (positionals[0] === 'config' && positionals[1] === 'check') configFile = positionals[2] ?? env.TAILYARD_CONFIG;
  configFile ??= env.TAILYARD_CONFIG;
  return { configFile: configFile || undefined, appFiles };
}
