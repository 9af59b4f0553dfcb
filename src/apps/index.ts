/**
 * The apps this build of tailyard hosts, in start-up order.
 */
import type { AppDefinition } from '../platform/app.js';
import { idpApp } from './idp/index.js';
import { linksApp } from './links/index.js';
import { pasteApp } from './paste/index.js';
import { secretsApp } from './secrets/index.js';
import { sqlApp } from './sql/index.js';

export const allApps: AppDefinition[] = [linksApp as AppDefinition, pasteApp as AppDefinition, secretsApp as AppDefinition, sqlApp as AppDefinition, idpApp as AppDefinition];
