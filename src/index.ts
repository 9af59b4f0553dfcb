/**
 * `tailyard`: the app API (everything `tailyard/app` exports) plus what embeds the platform in
 * another program: `startPlatform` (a config and app definitions in, running listeners out),
 * the suite as `tailyard serve` runs it (`builtInApps`, and `suite()`: the page frame and
 * shared static files), and `loadPlugins` (apps from ES module files, as `--app` loads them).
 *
 * @example
 *   import { builtInApps, startPlatform, suite } from 'tailyard';
 *   const p = await startPlatform({ config: { dataDir: './data' }, apps: builtInApps, ...suite() });
 *   console.log(p.urls); // { links: ['http://127.0.0.1:8080/'], … }
 *   await p.close();
 */
export * from './app/index.js';
export { type RunningPlatform, type StartOptions, startPlatform } from './platform/platform.js';
export { type LoadedPlugins, loadPlugins } from './platform/plugins.js';
export { builtInApps, suite } from './suite.js';
