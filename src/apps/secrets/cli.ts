/**
 * `tailyard secret …`: the setec CLI's client commands against any setec-compatible server, plus
 * local administration of the secrets data directory.
 *
 *   tailyard secret list | info NAME | get NAME [--version N] [--if-changed]
 *   tailyard secret put NAME [--from-file F] [--empty-ok] | create-version NAME VERSION [--from-file F]
 *   tailyard secret activate NAME VERSION | delete NAME --yes | delete-version NAME VERSION --yes
 *   tailyard secret rotate-kek | init-kek [--config F] [--data DIR] [--key-file F]
 *   tailyard secret audit verify [--config F] [--data DIR | --file F]
 *
 * The local commands find the data directory and key file as `tailyard serve` does (the CLI
 * context: `--config`, the environment, `--set`, `--data`; the key file from `--key-file`, else
 * `apps.secrets.kek.keyFile`, else `<data>/secrets.key`). They never take the data directory:
 * `rotate-kek` is safe while the server runs and records itself in the audit log through the
 * log's append lock; `audit verify` only reads.
 *
 * The server comes from `--server URL` or `SETEC_SERVER`. Values are read from `--from-file` or
 * a pipe on stdin, never from an interactive terminal (where they would be echoed and kept in
 * scrollback), and never printed except by `get`, which writes the raw bytes to stdout (adding a
 * newline only on a terminal, like setec).
 *
 * stdout carries exactly what setec's CLI prints there (scripts read it); every command that
 * changes something also says what it did on stderr (setec's `activate` and `delete` say
 * nothing). A missing secret or version is named, with the command that shows what there is.
 * `tailyard secrets …` is the same command (the app's name).
 *
 * @example
 *   printf 'hunter2' | tailyard secret put prod/db --server http://127.0.0.1:8082
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { chainReport } from '../../platform/audit-report.js';
import type { CliConfigOptions, CliContext, CliLoaded } from '../../platform/cli-context.js';
import { type CliIo, cliActor } from '../../platform/cli-io.js';
import { ConfigError } from '../../platform/config.js';
import { keyFilePath } from '../../platform/keys/kek-source.js';
import { fdLogger } from '../../platform/logging.js';
import { SecretsClient } from './client/client.js';
import { NotFoundError } from './client/errors.js';
import type { SecretsConfig } from './config.js';
import { initLocalKek, rotateLocalKek } from './rotate.js';

/** A failure to report on stderr with an exit status. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

interface ServerOpts {
  server?: string;
}

/**
 * Adds the `secret` command group to the tailyard CLI.
 *
 * @example
 *   registerSecretCli(program, cli); // then: tailyard secret list --server http://127.0.0.1:8082
 */
export function registerSecretCli(program: Command, cli: CliContext<SecretsConfig>): void {
  const io: CliIo = cli;
  const secret = program.command('secret').alias('secrets').description('use a setec-compatible secrets server, or manage local secrets data');
  const run =
    <A extends unknown[]>(fn: (...args: A) => Promise<void> | void) =>
    async (...args: A) => {
      try {
        await fn(...args);
      } catch (err) {
        io.stderr.write(`tailyard secret: ${describe(err)}\n`);
        // A bad configuration exits 2, as `tailyard serve` does.
        io.exit(err instanceof CliError ? err.code : err instanceof ConfigError ? 2 : 1);
      }
    };
  const api = (name: string, description: string) =>
    secret.command(name).description(description).option('-s, --server <url>', 'secrets server URL (default: $SETEC_SERVER)');
  const serverOf = (o: ServerOpts) => {
    const server = o.server ?? io.env.SETEC_SERVER;
    if (!server) throw new CliError('no server address is set: pass --server URL or set SETEC_SERVER', 2);
    return server;
  };
  const client = (o: ServerOpts) => new SecretsClient({ server: serverOf(o) });
  /** `call`, with a 404 named: which secret (or version), on which server, and what to run next. */
  const found = async <T>(o: ServerOpts, name: string, version: number, call: (c: SecretsClient) => Promise<T>): Promise<T> => {
    const c = client(o);
    try {
      return await call(c);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      throw new CliError(notFound(name, version, serverOf(o)));
    }
  };
  const done = (message: string) => io.stderr.write(`${message}\n`);

  api('list', 'list the secrets you may see').action(
    run(async (o: ServerOpts) => {
      const rows = (await client(o).list()).map((s) => [s.name, String(s.activeVersion), s.versions.join(',')]);
      io.stdout.write(table([['NAME', 'ACTIVE', 'VERSIONS'], ...rows]));
    }),
  );

  api('info', 'show a secret\'s versions').argument('<name>').action(
    run(async (name: string, o: ServerOpts) => {
      const s = await found(o, name, 0, (c) => c.info(name));
      io.stdout.write(`Name: ${s.name}\nActive version: ${s.activeVersion}\nVersions: ${s.versions.join(', ')}\n`);
    }),
  );

  api('get', 'print a secret\'s value (raw bytes) to stdout')
    .argument('<name>')
    .option('--version <n>', 'a specific version (default: the active one)')
    .option('--if-changed', 'with --version: fail with "value not changed" if that is still the active version')
    .action(
      run(async (name: string, o: ServerOpts & { version?: string; ifChanged?: boolean }) => {
        const version = o.version === undefined ? 0 : parseVersion(o.version);
        const { value } = await found(o, name, version, (c) => (o.ifChanged ? c.getIfChanged(name, version) : c.getVersion(name, version)));
        io.stdout.write(value);
        if (io.stdout.isTTY) io.stdout.write('\n');
      }),
    );

  api('put', 'store a new version of a secret (read from stdin or --from-file)')
    .argument('<name>')
    .option('--from-file <path>', 'read the value from this file')
    .option('--empty-ok', 'allow an empty value')
    .action(
      run(async (name: string, o: ServerOpts & { fromFile?: string; emptyOk?: boolean }) => {
        const value = await readValue(io, o.fromFile, o.emptyOk ?? false);
        const version = await client(o).put(name, value);
        io.stdout.write(`Secret saved as ${JSON.stringify(name)}, version ${version}\n`);
        if (version !== 1) io.stdout.write(`  To activate this version, run 'tailyard secret activate ${JSON.stringify(name)} ${version}'\n`);
      }),
    );

  api('create-version', 'store a value as a specific, never-used version and activate it')
    .argument('<name>')
    .argument('<version>')
    .option('--from-file <path>', 'read the value from this file')
    .option('--empty-ok', 'allow an empty value')
    .action(
      run(async (name: string, v: string, o: ServerOpts & { fromFile?: string; emptyOk?: boolean }) => {
        const version = parseVersion(v);
        const value = await readValue(io, o.fromFile, o.emptyOk ?? false);
        await client(o).createVersion(name, version, value);
        done(`Secret ${JSON.stringify(name)} version ${version} created and activated`);
      }),
    );

  api('activate', 'make a version the active one')
    .argument('<name>')
    .argument('<version>')
    .action(
      run(async (name: string, v: string, o: ServerOpts) => {
        const version = parseVersion(v);
        await found(o, name, version, (c) => c.activate(name, version));
        done(`Activated version ${version} of ${JSON.stringify(name)}`);
      }),
    );

  api('delete', 'delete a secret and all its versions')
    .argument('<name>')
    .option('--yes', 'confirm the deletion')
    .action(
      run(async (name: string, o: ServerOpts & { yes?: boolean }) => {
        if (!o.yes) throw new CliError(`refusing to delete ${JSON.stringify(name)} without --yes`, 2);
        await found(o, name, 0, (c) => c.delete(name));
        done(`Deleted ${JSON.stringify(name)} and all its versions`);
      }),
    );

  api('delete-version', 'delete one inactive version of a secret')
    .argument('<name>')
    .argument('<version>')
    .option('--yes', 'confirm the deletion')
    .action(
      run(async (name: string, v: string, o: ServerOpts & { yes?: boolean }) => {
        const version = parseVersion(v);
        if (!o.yes) throw new CliError(`refusing to delete version ${version} of ${JSON.stringify(name)} without --yes`, 2);
        await found(o, name, version, (c) => c.deleteVersion(name, version));
        done(`Deleted version ${version} of ${JSON.stringify(name)}`);
      }),
    );

  type LocalOpts = CliConfigOptions & { keyFile?: string };
  const local = (name: string, description: string) =>
    cli.configOptions(secret.command(name).description(description)).option('--key-file <path>', 'key file (default: apps.secrets.kek.keyFile, else <data>/secrets.key)');
  const log = () => fdLogger(2, 'info');
  /** The local key file: `--key-file`, else the configured one, else `<data>/secrets.key`. */
  const keyFileOf = (loaded: CliLoaded<SecretsConfig>, o: LocalOpts) => {
    if (o.keyFile) return o.keyFile;
    if (loaded.config.kek.provider !== 'local') throw new CliError('the secrets KEK is an AWS KMS key (apps.secrets.kek): there is no local key file; rotate the key in KMS', 2);
    return keyFilePath(loaded.config.kek, loaded.keys().defaultFile);
  };
  const withLoaded = async <T>(o: LocalOpts, fn: (loaded: CliLoaded<SecretsConfig>) => Promise<T> | T): Promise<T> => {
    const loaded = cli.load(o);
    try {
      return await fn(loaded);
    } finally {
      loaded.close();
    }
  };

  local('rotate-kek', 're-wrap every data key under a new local key (safe while the server runs; recorded in the secrets audit log)').action(
    run(async (o: LocalOpts) => {
      const r = await withLoaded(o, (l) => rotateLocalKek({ dataDir: l.dataDir, keyFile: keyFileOf(l, o), log: log(), audit: l.audit(), actor: cliActor() }));
      done(`rotated ${r.rewrapped} data keys from ${r.from} to ${r.to}; the key is now ${r.keyFile}`);
      if (r.retired) done(`the old key is kept at ${r.retired}: backups made before now need it; delete it once they expire`);
    }),
  );

  local('init-kek', 'create the local key file (managed and host mode do not create one); never overwrites one, so harmless while serving').action(
    run(async (o: LocalOpts) => {
      const r = await withLoaded(o, (l) => initLocalKek({ dataDir: l.dataDir, keyFile: keyFileOf(l, o), log: log() }));
      done(`created ${r.keyFile} (${r.id}); back it up: without it no stored secret can be decrypted`);
    }),
  );

  cli
    .configOptions(
      secret
        .command('audit')
        .description('audit log tools')
        .command('verify')
        .description("check the secrets audit log's hash chain; exits 1 naming the first bad entry (safe while serving; `tailyard audit verify` checks every app)"),
    )
    .option('--file <path>', 'the audit database (default <data>/secrets.audit.db)')
    .action(run(async (o: CliConfigOptions & { file?: string }) => auditVerify(o.file ?? (await withLoaded(o, (l) => l.auditFile)), io)));
}

/**
 * Verifies an audit log's kept chain and reports on `io`: the entries, the head, and where the
 * kept entries begin (the oldest anchor, once the retention deleted entries). Throws
 * {@link CliError} naming the first bad entry.
 *
 * @example
 *   auditVerify('data/secrets.audit.db', io)
 *   // stdout: "data/secrets.audit.db: ok, 12 entries, head 9f2c… (1 segment, seq 1 to 12)
 *   //          oldest entry kept: seq 1, the start of the log (nothing deleted by the retention)"
 */
export function auditVerify(file: string, io: Pick<CliIo, 'stdout'>): void {
  const r = chainReport(file);
  if (!r.ok) throw new CliError(r.problem);
  for (const line of r.lines) io.stdout.write(`${line}\n`);
}

/** An error in words; a server that cannot be reached at all is named as such (fetch says only "fetch failed"). */
function describe(err: unknown): string {
  const cause = (err as { cause?: { message?: string } }).cause;
  if (err instanceof TypeError && err.message === 'fetch failed' && cause?.message) {
    return `cannot reach the secrets server: ${cause.message} (the address comes from --server URL or SETEC_SERVER)`;
  }
  return (err as Error).message;
}

/** A 404 in words: the secret (or its version), the server, and the command that shows what there is. */
function notFound(name: string, version: number, server: string): string {
  const quoted = JSON.stringify(name);
  if (version === 0) return `no secret ${quoted} on ${server} (or you may not see it): \`tailyard secret list\` shows the secrets you may see; \`tailyard secret put ${quoted}\` stores one`;
  return `no version ${version} of ${quoted} on ${server} (or no secret of that name you may see): \`tailyard secret info ${quoted}\` lists its versions`;
}

function parseVersion(s: string): number {
  if (!/^\d+$/.test(s) || Number(s) > 4294967295) throw new CliError(`invalid version ${JSON.stringify(s)}: expected an integer from 0 to 4294967295`, 2);
  return Number(s);
}

/** The value to store: from a file, or a piped stdin; never from an interactive terminal. */
async function readValue(io: CliIo, fromFile: string | undefined, emptyOk: boolean): Promise<Uint8Array> {
  let value: Uint8Array;
  if (fromFile !== undefined) {
    value = readFileSync(fromFile);
  } else {
    if (io.stdin.isTTY) {
      throw new CliError('refusing to read a secret from the terminal (it would be echoed): pipe it in, or use --from-file', 2);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    value = Buffer.concat(chunks);
    io.stderr.write(`Read ${value.length} bytes from stdin\n`);
  }
  if (value.length === 0 && !emptyOk) throw new CliError('empty secret value (pass --empty-ok to store one)');
  return value;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 2))).join('')}\n`).join('');
}
