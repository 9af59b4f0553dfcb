import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definitionProblems } from './definition-check.js';

const good = {
  apiVersion: 1,
  id: 'notes',
  title: 'Notes',
  defaultHostname: 'notes',
  defaultDevPort: 8090,
  defaultCapName: 'example.com/cap/notes',
  fullAccessCaps: [{ write: true }],
  configSchema: z.object({}),
  migrations: [{ version: 1, name: 'create notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY)' }],
  flags: [{ flag: 'notes-max-length', key: 'maxLength', description: 'longest note', kind: 'number' }],
  create: () => undefined,
};

describe('definitionProblems', () => {
  it('accepts an app definition', () => {
    expect(definitionProblems(good)).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(definitionProblems({ ...good, id: '../notes', configSchema: {}, migrations: [{ version: 0, name: 'x', up: 3 }], registerCli: 'no' })).toEqual([
      'id: an app id is a lower-case letter and up to 31 more lower-case letters or digits',
      'configSchema: expected a zod schema, e.g. z.object({})',
      'migrations.0.version: Too small: expected number to be >0',
      'migrations.0.up: Invalid input',
      'registerCli: expected a function (program, cli) => void',
    ]);
  });

  it("keeps flags to the app's own names", () => {
    expect(definitionProblems({ ...good, flags: [{ ...good.flags[0], flag: 'links-readonly' }, { ...good.flags[0], flag: 'notes-port' }] })).toEqual([
      'flags.0.flag: "links-readonly" must start with "notes-" (every flag of an app carries its id)',
      'flags.1.flag: "notes-port" is the platform\'s (it sets serve.notes.devPort)',
    ]);
  });
});
