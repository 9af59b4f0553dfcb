import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { goDuration, litestreamConfig } from './litestream-config.js';
import { replicatePaths } from './paths.js';
import { litestreamEnv, ReplicateSchema, readCredentials, replicaUrl, shownUrl } from './settings.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-replicate-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('replica URLs', () => {
  it('puts each database under the replica URL, by its file name', () => {
    expect(replicaUrl('file:///backups/tailyard', 'links.db')).toBe('file:///backups/tailyard/links.db');
    expect(replicaUrl('s3://bucket/prod/', 'secrets.audit.db')).toBe('s3://bucket/prod/secrets.audit.db');
    expect(replicaUrl('s3://bucket', 'idp.db')).toBe('s3://bucket/idp.db');
    expect(replicaUrl('sftp://backup.example:2222/srv/tailyard', 'sql.db')).toBe('sftp://backup.example:2222/srv/tailyard/sql.db');
  });

  it('shows a URL without its query string', () => {
    expect(shownUrl('s3://bucket/prod?endpoint=http://minio:9000&token=x')).toBe('s3://bucket/prod');
  });
});

describe('the generated Litestream config', () => {
  it('lists every database with its replica, state directory and intervals, and names no credential', () => {
    const s = ReplicateSchema.parse({ url: 's3://bucket/prod', endpoint: 'http://127.0.0.1:7070', forcePathStyle: true, region: 'eu-west-1', monitorIntervalMs: 500, syncIntervalMs: 1500, retentionSeconds: 3600 });
    const paths = replicatePaths(dir);
    const config = JSON.parse(litestreamConfig(s, [path.join(dir, 'links.db'), path.join(dir, 'links.audit.db')], paths)) as Record<string, unknown>;
    expect(config).toMatchObject({
      socket: { enabled: true, path: paths.socket, permissions: 0o600 },
      snapshot: { interval: '86400s', retention: '3600s' },
      'l0-retention': '300s',
      'shutdown-sync-timeout': '10s',
      dbs: [
        {
          path: path.join(dir, 'links.db'),
          'meta-path': path.join(dir, 'replicate', 'links.db-litestream'),
          'monitor-interval': '500ms',
          'busy-timeout': '5s',
          replica: { url: 's3://bucket/prod/links.db', 'sync-interval': '1500ms', endpoint: 'http://127.0.0.1:7070', region: 'eu-west-1', 'force-path-style': true },
        },
        { path: path.join(dir, 'links.audit.db'), replica: { url: 's3://bucket/prod/links.audit.db' } },
      ],
    });
    expect(JSON.stringify(config)).not.toMatch(/access|secret|password/i);
  });

  it('writes Go durations', () => {
    expect([goDuration(1000), goDuration(250), goDuration(86_400_000)]).toEqual(['1s', '250ms', '86400s']);
  });

  it('puts the control socket elsewhere when the data directory is too deep for a Unix socket path', () => {
    const deep = path.join(dir, 'x'.repeat(120));
    expect(replicatePaths(deep).socket).toMatch(new RegExp(`^${os.tmpdir()}/tailyard-litestream-[0-9a-f]{16}\\.sock$`));
    expect(replicatePaths(dir).socket).toBe(path.join(dir, 'replicate', 'litestream.sock'));
  });
});

describe('credentials', () => {
  const file = () => path.join(dir, 'replica.env');

  it('reads KEY=VALUE lines, comments, export and quotes', () => {
    fs.writeFileSync(file(), '# for the replica\nexport LITESTREAM_ACCESS_KEY_ID=AKIA1\n\nLITESTREAM_SECRET_ACCESS_KEY="s3cr=t"\nAWS_SESSION_TOKEN=\'tok\'\n', { mode: 0o600 });
    expect(readCredentials(file())).toEqual({ LITESTREAM_ACCESS_KEY_ID: 'AKIA1', LITESTREAM_SECRET_ACCESS_KEY: 's3cr=t', AWS_SESSION_TOKEN: 'tok' });
  });

  it('refuses a file other users can read, and a bad line by its number, never its value', () => {
    fs.writeFileSync(file(), 'A=1\n', { mode: 0o644 });
    fs.chmodSync(file(), 0o644);
    expect(() => readCredentials(file())).toThrow(`replicate.credentialsFile ${file()} can be read by other users: chmod 600 ${file()}`);
    fs.writeFileSync(file(), 'A=1\nthe-secret-value\n', { mode: 0o600 });
    fs.chmodSync(file(), 0o600);
    expect(() => readCredentials(file())).toThrow(`replicate.credentialsFile ${file()}: line 2 is not KEY=VALUE`);
    expect(() => readCredentials(path.join(dir, 'missing.env'))).toThrow(/replicate\.credentialsFile .*missing\.env: ENOENT/);
  });

  it("hands Litestream tailyard's environment and the file's lines, less AWS_CA_BUNDLE (which it cannot start with)", () => {
    fs.writeFileSync(file(), 'LITESTREAM_ACCESS_KEY_ID=AKIA1\n', { mode: 0o600 });
    const { env, warnings } = litestreamEnv({ url: 's3://bucket/prod', credentialsFile: file() }, { PATH: '/usr/bin', AWS_CA_BUNDLE: '/etc/ca.pem' });
    expect(env).toEqual({ PATH: '/usr/bin', LITESTREAM_ACCESS_KEY_ID: 'AKIA1' });
    expect(warnings).toEqual([expect.stringMatching(/AWS_CA_BUNDLE is not passed to Litestream .*SSL_CERT_FILE/)]);
    expect(litestreamEnv({ url: 'file:///backups' }, { PATH: '/bin', AWS_CA_BUNDLE: '/etc/ca.pem' })).toEqual({ env: { PATH: '/bin' }, warnings: [] });
  });
});
