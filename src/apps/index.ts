/**
 * The apps this build of tailyard hosts, in start-up order.
 */
import type { AppDefinition } from '../platform/app.js';
import { linksApp } from './links/index.js';

export const allApps: AppDefinition[] = [linksApp as AppDefinition];
