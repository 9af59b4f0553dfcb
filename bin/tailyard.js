#!/usr/bin/env node
// The `tailyard` command: runs the compiled CLI (built by `npm ci` through the `prepare` script).
import { main } from '../dist/src/cli/main.js';

main(process.argv).catch((err) => {
  process.stderr.write(`tailyard: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
