/**
 * The message of the ConfigError a raw config gets (the test fails if it is accepted).
 *
 * @example expect(configProblem({ mode: 'cloud' }, [whoamiApp])).toMatch(/mode: /);
 */
import { expect } from 'vitest';
import type { AppDefinition } from '../../src/platform/app.js';
import { ConfigError, resolveConfig } from '../../src/platform/config.js';

export function configProblem(raw: unknown, apps: AppDefinition[]): string {
  try {
    resolveConfig(raw, apps);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}
