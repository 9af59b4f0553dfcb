import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definitionProblems } from './definition-check.js';

const good = {
  apiVersion: 1,
  id: 'todo',
  title: 'To do',
  defaultHostname: 'todo',
  defaultDevPort: 8097,
  defaultCapName: 'example.com/cap/todo',
  fullAccessCaps: [{ admin: true }],
  configSchema: z.object({}),
  migrations: [{ version: 1, name: 'create items', up: 'CREATE TABLE items (id INTEGER PRIMARY KEY)' }],
  flags: [{ flag: 'todo-limit', key: 'limit', description: 'most open items', kind: 'number' }],
  create: () => undefined,
};

describe('definitionProblems', () => {
  it('accepts an app definition', () => {
    expect(definitionProblems(good)).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(definitionProblems({ ...good, id: '../todo', configSchema: {}, migrations: [{ version: 0, name: 'x', up: 3 }], registerCli: 'no' })).toEqual([
      'id: an app id is a lower-case letter and up to 31 more lower-case letters or digits',
      'configSchema: expected a zod schema, e.g. z.object({})',
      'migrations.0.version: Too small: expected number to be >0',
      'migrations.0.up: Invalid input',
      'registerCli: expected a function (program, cli) => void',
    ]);
  });

  it("keeps flags to the app's own names", () => {
    expect(definitionProblems({ ...good, flags: [{ ...good.flags[0], flag: 'links-readonly' }, { ...good.flags[0], flag: 'todo-port' }] })).toEqual([
      'flags.0.flag: "links-readonly" must start with "todo-" (every flag of an app carries its id)',
      'flags.1.flag: "todo-port" is the platform\'s (it sets serve.todo.devPort)',
    ]);
  });
});
