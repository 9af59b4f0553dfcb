/**
 * `tailyard notes list` and `tailyard notes add TEXT`: the notes from a shell, on the data
 * directory `serve` uses (`--config`, `--data`, `--set`, the environment: `cli.load` resolves
 * them as `serve` does). Both are safe while the server runs: SQLite lets them in beside it,
 * and the audit entry `add` writes takes the log's append lock.
 *
 * @example
 *   $ tailyard notes add "deploy at five" --app ./notes.mjs --data ./data
 *   note 3
 */
import { cliActor } from 'tailyard/app';
import { notesStore } from './store.mjs';

/**
 * @param {import('tailyard/app').Command} program
 * @param {import('tailyard/app').CliContext<import('./config.mjs').NotesConfigValues>} cli
 */
export function registerNotesCli(program, cli) {
  const notes = program.command('notes').description('the notes app (a plugin)');
  cli
    .configOptions(notes.command('list').description('print the newest notes, one a line (safe while serving)'))
    .option('--limit <n>', 'how many', '20')
    .action((/** @type {import('tailyard/app').CliConfigOptions & { limit: string }} */ o) => {
      const loaded = cli.load(o);
      try {
        for (const n of notesStore(loaded.database({ readonly: true })).list(Number(o.limit))) {
          cli.stdout.write(`${n.id}\t${n.author}\t${n.body.replace(/\s+/g, ' ')}\n`);
        }
      } finally {
        loaded.close();
      }
    });
  cli
    .configOptions(notes.command('add').description('add a note as the operator (cli:<os user>), recorded in the audit log (safe while serving)'))
    .argument('<text>', 'the note')
    .action((/** @type {string} */ text, /** @type {import('tailyard/app').CliConfigOptions} */ o) => {
      const loaded = cli.load(o);
      try {
        if (text.length > loaded.config.maxLength) {
          cli.stderr.write(`tailyard notes add: a note is at most ${loaded.config.maxLength} characters\n`);
          return cli.exit(2);
        }
        const id = notesStore(loaded.database()).add(text, cliActor());
        loaded.audit().append({ action: 'note.create', id, by: cliActor(), via: 'cli', length: text.length });
        cli.stdout.write(`note ${id}\n`);
      } finally {
        loaded.close();
      }
    });
}
