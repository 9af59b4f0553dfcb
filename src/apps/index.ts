/**
 * The apps this build of tailyard hosts, in start-up order.
 */
import type { AppDefinition } from '../platform/app.js';

export const allApps: AppDefinition[] = [];
