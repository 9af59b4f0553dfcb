/**
 * `npm run bench`: runs each benchmark section (or those named on the command line) and prints
 * its figures. Every figure that matters is a ratio against a baseline measured in the same run.
 *
 *   npm run bench             # all sections
 *   npm run bench -- links    # one section
 */
const sections: Record<string, () => Promise<{ run(): Promise<Record<string, string | number>> }>> = {
  platform: () => import('./platform.js'),
  release: () => import('./release.js'),
  links: () => import('./links.js'),
  'links-templates': () => import('./links.js').then((m) => ({ run: m.runTemplates })),
  paste: () => import('./paste.js'),
  secrets: () => import('./secrets.js'),
  sql: () => import('./sql.js'),
  'sql-tailsql': () => import('./sql.js').then((m) => ({ run: m.runShapes })),
  idp: () => import('./idp.js'),
  replication: () => import('./replication.js'),
  tailnet: () => import('./tailnet.js'),
  'tailnet-whois': () => import('./tailnet-whois.js'),
  'tailnet-gomem': () => import('./tailnet-gomem.js'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(sections);
  for (const name of names) {
    const section = sections[name];
    if (!section) throw new Error(`unknown bench section "${name}" (known: ${Object.keys(sections).join(', ')})`);
    process.stdout.write(`\n== ${name}\n`);
    const figures = await (await section()).run();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(52)} ${v}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
