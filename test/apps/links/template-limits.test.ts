/**
 * Link templates are untrusted code: a destination over a parse limit is refused with 400
 * naming the limit on save and on import, and a visit of a template that hits a run-time bound
 * answers 500 naming it (golink's status for a failed expansion) while every other link keeps
 * working. Outcomes are asserted by status and message, never by timing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LinksConfigSchema } from '../../../src/apps/links/config.js';
import { LinkStore } from '../../../src/apps/links/store.js';
import { migrations } from '../../../src/apps/links/schema.js';
import { appDatabasePath, openAppDatabase } from '../../../src/platform/storage.js';
import type { TestApp } from '../../support/platform.js';
import { ATTACKS, DEEP_PARENTHESES, HEAVIEST_ALLOWED } from './attacks.js';
import { ADMIN_CAPS, apiPost, create, get, startLinks } from './helpers.js';

describe('parse-time limits refuse the save and the import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: 'admin@example.com', caps: ADMIN_CAPS });
  });
  afterAll(() => t.cleanup());

  test.each([
    ['8000 nested parentheses', DEEP_PARENTHESES, 'max expression depth exceeded: nesting deeper than 100'],
    ['101 nested ifs', `${'{{if .Path}}'.repeat(101)}x${'{{end}}'.repeat(101)}`, 'max expression depth exceeded: nesting deeper than 100'],
    ['1001 actions', `https://x/${'{{.Path}}'.repeat(1001)}`, 'more than 1000 actions'],
  ])('POST / with %s is a 400 naming the limit', async (_name, long, message) => {
    const res = await apiPost(t, '/', { short: 'bad', long });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(`long contains an invalid template: template: long:1: ${message}\n`);
    expect((await get(t, '/bad')).status).toBe(404);
  });

  test('editing a link into an over-limit template is refused the same way', async () => {
    await create(t, 'editme', 'https://ok.example/');
    const res = await apiPost(t, '/.detail/editme', { long: `{{${'('.repeat(500)}1${')'.repeat(500)}}}` });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('nesting deeper than 100');
    expect((await get(t, '/editme')).headers.get('location')).toBe('https://ok.example/');
  });

  test('POST /.import refuses the whole file with 400 naming the line and the limit', async () => {
    const lines = [
      '{"Short":"fine","Long":"https://fine.example/"}',
      JSON.stringify({ Short: 'deep', Long: DEEP_PARENTHESES }),
    ].join('\n');
    const res = await fetch(`${t.url}/.import`, { method: 'POST', body: lines, headers: { 'Sec-Golink': '1' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('import:2: long contains an invalid template: template: long:1: max expression depth exceeded');
    expect((await get(t, '/fine')).status).toBe(404);
  });

  test('the limits leave room for real templates', async () => {
    const long = `https://x/${'{{if .Path}}'.repeat(20)}{{QueryEscape .Path}}${'{{end}}'.repeat(20)}`;
    await create(t, 'nested', long);
    expect((await get(t, '/nested/a b')).headers.get('location')).toBe('https://x/a+b');
  });
});

describe('visiting a template that hits a run-time limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Only the deterministic limits may answer: the wall-clock backstop is raised out of reach.
    t = await startLinks({ login: 'amy@example.com', appConfig: { templateDeadlineMs: 60_000 } });
    await create(t, 'plain', 'https://plain.example/');
    for (const a of ATTACKS) await create(t, a.short, a.long);
  });
  afterAll(() => t.cleanup());

  test.each(ATTACKS.map((a) => [a.short, a] as const))('%s answers 500 naming the limit', async (_short, a) => {
    const res = await get(t, `/${a.short}`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toMatch(a.limit);
    expect(text.length).toBeLessThan(1500);
  });

  test('other links keep working during and after repeated attack visits', async () => {
    const visits = await Promise.all(
      Array.from({ length: 4 }, (_, i) => [get(t, `/${(ATTACKS[i % ATTACKS.length] as { short: string }).short}`), get(t, '/plain/p')]).flat(),
    );
    expect(visits.map((r) => r.status)).toEqual([500, 302, 500, 302, 500, 302, 500, 302]);
    expect(visits[1]?.headers.get('location')).toBe('https://plain.example/p');
    expect((await get(t, '/plain')).status).toBe(302);
  });
});

test('a template inside every budget but expensive runs in the fair-share lane, and still redirects', async () => {
  // The backstop deadline is raised: a loaded machine must not turn this visit into a 500.
  const t = await startLinks({ login: 'amy@example.com', appConfig: { templateDeadlineMs: 60_000 } });
  const lane = async () => {
    const text = await t.platform.metrics.registry.getSingleMetricAsString('tailyard_links_heavy_template_runs_total');
    const n = (outcome: string) => Number(new RegExp(`outcome="${outcome}"} (\\d+)`).exec(text)?.[1] ?? 0);
    return { immediate: n('immediate'), waited: n('waited'), refused: n('refused') };
  };
  try {
    await create(t, 'heavy', HEAVIEST_ALLOWED);
    // The first visit is timed; being over the lane's threshold makes the link heavy.
    expect((await get(t, '/heavy')).status).toBe(302);
    expect(await lane()).toEqual({ immediate: 0, waited: 0, refused: 0 });
    const visits = await Promise.all([get(t, '/heavy'), get(t, '/heavy'), get(t, '/heavy')]);
    expect(visits.map((r) => r.status)).toEqual([302, 302, 302]);
    const after = await lane();
    expect(after.immediate + after.waited).toBe(3);
    expect(after.refused).toBe(0);
  } finally {
    await t.cleanup();
  }
});

describe('the budget comes from apps.links.templateBudgetBytes', () => {
  test('defaults to 256 KiB and accepts 4 KiB to 64 MiB', () => {
    expect(LinksConfigSchema.parse({}).templateBudgetBytes).toBe(256 * 1024);
    expect(LinksConfigSchema.safeParse({ templateBudgetBytes: 100 }).success).toBe(false);
    expect(LinksConfigSchema.safeParse({ templateBudgetBytes: 128 * 1024 * 1024 }).success).toBe(false);
  });

  test('a smaller budget refuses what the default allows', async () => {
    const small = await startLinks({ login: 'amy@example.com', appConfig: { templateBudgetBytes: 4096 } });
    const normal = await startLinks({ login: 'amy@example.com' });
    try {
      for (const t of [small, normal]) await create(t, 'pad', 'https://x/{{$p := printf "%5000d" 1}}{{len $p}}');
      const refused = await get(small, '/pad');
      expect(refused.status).toBe(500);
      expect(await refused.text()).toContain('exceeded the 4096-byte budget');
      expect((await get(normal, '/pad')).headers.get('location')).toBe('https://x/5000');
    } finally {
      await small.cleanup();
      await normal.cleanup();
    }
  });
});

test('a link stored before the limits existed answers 500 naming the limit, on every visit', async () => {
  const t = await startLinks({ login: 'amy@example.com' });
  try {
    const db = openAppDatabase(appDatabasePath(t.dataDir, 'links'), migrations);
    new LinkStore(db).save({ short: 'old', long: DEEP_PARENTHESES, owner: 'amy@example.com' }, 'amy@example.com');
    db.close();
    for (let i = 0; i < 2; i++) {
      const res = await get(t, '/old');
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('max expression depth exceeded: nesting deeper than 100');
    }
  } finally {
    await t.cleanup();
  }
});
