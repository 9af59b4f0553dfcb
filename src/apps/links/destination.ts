/**
 * The one check a link passes before it is stored, whoever stores it: `POST /`, the detail
 * page's edit, `POST /.import`, `tailyard links import` and the `--links-snapshot` restore all
 * call {@link validateLink}, so nothing arrives through an import that a save would refuse.
 *
 * In golink's order (reference §A.1.1): both fields present, a valid name, a destination that
 * parses as a template (the parse also enforces the engine's limits on source size, nesting
 * depth and number of actions); beyond golink, field sizes, and no control character in the
 * text the destination writes: `url.Parse` refuses those, so such a link would answer 500 on
 * every visit.
 *
 * @example
 *   validateLink({ short: 'docs', long: 'https://x/{{.Path}' })
 *   // { status: 400, message: 'long contains an invalid template: template: long:1: unexpected "}" in operand' }
 *   validateLink({ short: 'docs', long: 'https://x/{{.Path}}' }) // undefined
 */
import { isValidShort } from './resolve.js';
import { linkFuncs, parseTemplate, TemplateParseError } from './template/index.js';
import { type ListNode, parseTrees } from './template/parse.js';

/** Field size limits; a larger value is refused with 413. */
export const LIMITS = { short: 128, long: 16 * 1024, description: 4 * 1024, owner: 320 } as const;

export const INVALID_SHORT_MESSAGE = 'short may only contain letters, numbers, dash, underscore, and period (and must not start with dash or period)';

/** A link as submitted or imported. */
export interface LinkFields {
  short: string;
  long: string;
  owner?: string;
  description?: string;
}

/** Why a link is refused, and the status a request gets for it. */
export interface LinkProblem {
  status: 400 | 413;
  message: string;
}

/**
 * The first field over its limit, as a 413 message; undefined when all fit.
 *
 * @example oversized({ short: 'x'.repeat(200) }) // 'short is too long: at most 128 bytes'
 */
export function oversized(fields: Partial<Record<keyof typeof LIMITS, string | undefined>>): string | undefined {
  for (const [name, max] of Object.entries(LIMITS) as Array<[keyof typeof LIMITS, number]>) {
    const v = fields[name];
    if (v !== undefined && Buffer.byteLength(v) > max) return `${name} is too long: at most ${max} bytes`;
  }
  return undefined;
}

/** The texts a template writes as they are (outside `{{…}}`). */
function* texts(list: ListNode | undefined): Generator<string> {
  for (const n of list?.nodes ?? []) {
    if (n.kind === 'text') yield n.text;
    else if (n.kind === 'list') yield* texts(n);
    else if (n.kind === 'if' || n.kind === 'with' || n.kind === 'range') {
      yield* texts(n.list);
      yield* texts(n.elseList);
    }
  }
}

/** A control character a (parsed) destination writes into its URL, as a message. */
function controlCharacter(long: string): string | undefined {
  if (!/[\x00-\x1f\x7f]/.test(long)) return undefined;
  for (const tree of parseTrees(long, 'long', () => true).trees.values()) {
    for (const text of texts(tree)) {
      const m = /[\x00-\x1f\x7f]/.exec(text);
      if (m) return `long contains a control character (U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}), which no URL can hold`;
    }
  }
  return undefined;
}

/**
 * Why a destination cannot be stored (a message for a 400), or undefined when it can.
 *
 * @example validateDestination('https://x/\n') // 'long contains a control character (U+000A), which no URL can hold'
 */
export function validateDestination(long: string): string | undefined {
  try {
    parseTemplate(long, { funcs: linkFuncs });
  } catch (err) {
    if (err instanceof TemplateParseError) return `long contains an invalid template: ${err.message}`;
    throw err;
  }
  return controlCharacter(long);
}

/**
 * Checks a whole link before it is stored; undefined when it may be.
 *
 * @example validateLink({ short: 'a b', long: 'https://x/' })?.status // 400
 */
export function validateLink(link: LinkFields): LinkProblem | undefined {
  if (link.short === '' || link.long === '') return { status: 400, message: 'short and long required' };
  const tooBig = oversized(link);
  if (tooBig) return { status: 413, message: tooBig };
  if (!isValidShort(link.short)) return { status: 400, message: INVALID_SHORT_MESSAGE };
  const bad = validateDestination(link.long);
  return bad === undefined ? undefined : { status: 400, message: bad };
}
