/**
 * A configuration problem: the message names the key and what to do. `tailyard` exits 2 on one.
 * In a module of its own so that what the config schema is built from (replicate/settings.ts)
 * can throw it without importing the config module back.
 *
 * @example throw new ConfigError('replicate.credentialsFile /etc/x.env can be read by other users: chmod 600 /etc/x.env');
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
