import { expect, test } from 'vitest';
import { openAppDatabase } from '../../../platform/storage.js';
import { LinkError } from '../errors.js';
import { LinkExpander } from '../expand.js';
import { migrations } from '../schema.js';
import { ClickStats } from '../stats.js';
import { LinkStore } from '../store.js';
import { TemplateLane } from '../template-lane.js';
import { LinkResolver, resolveIn } from './resolver.js';

function resolver(links: Record<string, string>, options: { followAliases?: boolean; lane?: TemplateLane } = {}) {
  const db = openAppDatabase(':memory:', migrations);
  const store = new LinkStore(db);
  for (const [short, long] of Object.entries(links)) store.save({ short, long, owner: '' }, 'test');
  const stats = new ClickStats(db);
  let misses = 0;
  const r = new LinkResolver({
    store,
    stats,
    expander: new LinkExpander(),
    lane: options.lane ?? new TemplateLane(),
    config: { followAliases: options.followAliases ?? false },
    brand: 'go',
    notFound: { inc: () => misses++ },
  });
  return { r, stats, store, misses: () => misses };
}

/** What a call threw (or its promise rejected with), as `status message`. */
async function failure(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof LinkError) return `${err.status} ${err.message}`;
    throw err;
  }
  throw new Error('did not fail');
}

test('a visit finds a link by any spelling, counts a click, and expands path and query', () => {
  const { r, stats } = resolver({ 'Meet-Notes': 'https://notes.example/' });
  expect(r.visit('/meetnotes/a b', 'x=1', '', 'go')).toEqual({ kind: 'found', location: 'https://notes.example/a%20b?x=1' });
  expect(stats.clicksOf('meetnotes')).toBe(1);
});

test('name+ is the detail page; a miss is counted and gets suggestions', () => {
  const { r, misses } = resolver({ docs: 'https://docs/' });
  expect(r.visit('/docs+', '', '', 'go')).toEqual({ kind: 'detail', short: 'docs' });
  expect(r.visit('/doc', '', '', 'go')).toEqual({ kind: 'missing', short: 'doc', suggestions: ['docs'] });
  expect(misses()).toBe(1);
});

test('a failed expansion is the LinkError golink answers with', async () => {
  const { r } = resolver({ who: 'https://x/{{.User}}', broken: 'https://x/{{.Invalid}}', a: '/b', b: '/a' }, { followAliases: true });
  expect(r.visit('/who', '', 'amy@example.com', 'go')).toEqual({ kind: 'found', location: 'https://x/amy@example.com' });
  expect(await failure(() => r.visit('/who', '', '', 'go'))).toBe('401 link requires a valid user');
  expect(await failure(() => r.visit('/broken', '', '', 'go'))).toMatch(/^500 template: long:1:12: executing "long" at <.Invalid>/);
  expect(await failure(() => r.visit('/a', '', '', 'go'))).toBe('508 go/ link loop: b → a → b');
});

test('an expensive template refused a share of the CPU is a 503', async () => {
  let clock = 0;
  const lane = new TemplateLane({ now: () => clock, maxWaitMs: 1 });
  const { r } = resolver({ slow: 'https://x/{{.Path}}' }, { lane });
  // Its last run took 20 s of the lane's clock: the next would wait far longer than the lane allows.
  lane.run('slow', () => {
    clock += 20_000;
  });
  expect(await failure(() => r.visit('/slow', '', '', 'go'))).toMatch(/^503 this link's template is expensive/);
});

test('resolveFrom: 400 for a start that is no URL, 404 naming the chain, the chain when it ends', () => {
  const { r } = resolver({ chat: '/meet', meet: 'https://meet.example/' });
  expect(r.resolveFrom('go/chat/x', 'go')).toEqual({ url: 'https://meet.example/x', chain: ['chat', 'meet'] });
  expect(() => r.resolveFrom(':x', 'go')).toThrow(new LinkError(400, 'parse ":x": missing protocol scheme'));
  expect(() => r.resolveFrom('nope', 'go')).toThrow(new LinkError(404, 'go/nope not found'));
});

test('resolution tells the detail page where a link leads, or why it cannot', () => {
  const { r, store } = resolver({ who: 'https://x/{{.User}}', a: '/b' });
  const link = (short: string) => {
    const found = store.get(short);
    if (!found) throw new Error(`no ${short}`);
    return found;
  };
  expect(r.resolution(link('who'), 'go')).toEqual({ problem: 'depends on the visitor (.User)' });
  expect(r.resolution(link('a'), 'go')).toEqual({ problem: 'go/b not found (via a)' });
});

test('resolveIn reads the store’s live links (the CLI’s offline resolution)', () => {
  const { store } = resolver({ chat: '/meet', meet: 'https://meet.example/' });
  expect(resolveIn(store, 'chat/x?y=1', { hostname: 'go' }).url).toBe('https://meet.example/x?y=1');
});
