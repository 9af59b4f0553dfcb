import { describe, expect, it } from 'vitest';
import { initialize, namesTailyard, resolve } from './plugin-resolve.js';

describe('the tailyard resolve hook', () => {
  it('knows the package and its subpaths, and nothing else', () => {
    expect(['tailyard', 'tailyard/app', 'tailyard/secrets'].every(namesTailyard)).toBe(true);
    expect(['tailyard-extra', '@scope/tailyard', 'hono', './tailyard.js'].some(namesTailyard)).toBe(false);
  });

  it("resolves tailyard from the running package, and leaves other specifiers to the importer", async () => {
    const calls: Array<[string, string | undefined]> = [];
    const next = async (specifier: string, context?: { parentURL?: string }) => {
      calls.push([specifier, context?.parentURL]);
      return { url: `file:///resolved/${specifier}`, shortCircuit: true };
    };
    await initialize?.({ packageJson: 'file:///opt/tailyard/package.json' });
    const plugin = 'file:///srv/plugins/notes.mjs';
    const context = { conditions: ['node', 'import'], importAttributes: {}, importAssertions: {}, parentURL: plugin };
    await resolve('tailyard/app', context, next);
    await resolve('hono', context, next);
    expect(calls).toEqual([
      ['tailyard/app', 'file:///opt/tailyard/package.json'],
      ['hono', plugin],
    ]);
  });
});
