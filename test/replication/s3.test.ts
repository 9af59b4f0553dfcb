/**
 * Replication to an S3-compatible object store, started by the test: versitygw v1.8.0 (built by
 * scripts/build-test-binaries.sh), posix backend on a temporary directory, path-style addressing,
 * credentials handed over in `replicate.credentialsFile`. The acceptance test of the file replica
 * (test/platform/replicate.test.ts) against it: continuous writes to every app, Litestream killed
 * in the middle of the load and started again by tailyard (losing nothing), then tailyard and
 * Litestream SIGKILLed, the data directory deleted, a restore from the bucket on a new
 * directory, and every write acknowledged more than monitor + sync interval before the kill
 * found again, every audit chain verifying.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRecovered, killAndRestore } from '../support/kill-test.js';
import { replicationBinaries, type S3Store, startVersitygw } from '../support/replication.js';

const bins = replicationBinaries('the S3 replication suite');
let s3: S3Store | undefined;
beforeAll(async () => {
  if (bins) s3 = await startVersitygw(bins.versitygw);
});
afterAll(async () => {
  await s3?.stop();
});

describe.skipIf(!bins)('replicating to an S3-compatible store (versitygw)', () => {
  it('restores after tailyard and Litestream are SIGKILLed with every write older than monitor + sync interval, and every chain verifies', async () => {
    const store = s3 as S3Store;
    const replicate = { url: store.url, endpoint: store.endpoint, forcePathStyle: true, region: 'us-east-1', credentialsFile: store.credentialsFile, litestream: bins?.litestream };
    const r = await killAndRestore({ replicate, loadMs: 4000, killLitestreamMidLoad: true });
    try {
      expectRecovered(r, 'S3 replica', store.url);
      // The objects are in the bucket, under <url>/<name>.
      expect(readdirSync(join(store.root, 'tailyard', 'prod')).sort()).toEqual(
        ['idp', 'links', 'paste', 'secrets', 'sql'].flatMap((id) => [`${id}.audit.db`, `${id}.db`]).sort(),
      );
    } finally {
      r.cleanup();
    }
  });
});
