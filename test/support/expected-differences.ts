/**
 * The check behind the generated-oracle replays: in one category, exactly the listed cases may
 * answer otherwise than the upstream program. A difference not on the list fails, and so does a
 * listed case that now matches (until it is taken off), so the lists of known differences can
 * only shrink; a listed id that is not a case of the category fails too (a stale list).
 *
 * @example expectOnlyListed('ascii', idsOfAscii, EXPECTED_DIFFERENCES.ascii, differences, 'generated-differences.ts');
 */
import { expect } from 'vitest';

/** `differences`: per case id, undefined when the answers matched, else a description. */
export function expectOnlyListed(
  category: string,
  ids: readonly number[],
  listed: readonly number[],
  differences: ReadonlyMap<number, string | undefined>,
  listFile: string,
): void {
  const inCategory = new Set(ids);
  const known = new Set(listed);
  const stale = listed.filter((id) => !inCategory.has(id));
  expect(stale, `ids listed under ${category} in ${listFile} that are not cases of ${category}`).toEqual([]);
  const unexpected = ids.filter((id) => !known.has(id) && differences.get(id) !== undefined);
  expect(
    unexpected.map((id) => differences.get(id)),
    'answers that differ from the upstream program',
  ).toEqual([]);
  const nowSame = listed.filter((id) => differences.has(id) && differences.get(id) === undefined);
  expect(nowSame, `these now answer as upstream: remove them from ${listFile} (${category})`).toEqual([]);
}
