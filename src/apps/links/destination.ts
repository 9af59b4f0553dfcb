/**
 * The one check a link destination passes before it is stored, whoever stores it: `POST /`,
 * the detail page's edit, `POST /.import` and the `--links-snapshot` restore. golink parses the
 * destination as a template on save; here that parse also enforces the template engine's limits
 * (source size, nesting depth, number of actions), so a destination that could not be saved
 * through the form cannot arrive through an import either.
 *
 * @example
 *   validateDestination('https://x/{{.Path}') // 'long contains an invalid template: template: long:1: unexpected "}" in operand'
 *   validateDestination('https://x/{{.Path}}') // undefined
 */
import { linkFuncs, parseTemplate, TemplateParseError } from './template/index.js';

/** Why `long` cannot be stored (a message for a 400), or undefined when it can. */
export function validateDestination(long: string): string | undefined {
  try {
    parseTemplate(long, { funcs: linkFuncs });
    return undefined;
  } catch (err) {
    if (err instanceof TemplateParseError) return `long contains an invalid template: ${err.message}`;
    throw err;
  }
}
