import { describe, expect, it } from 'vitest';
import { suiteFrames } from './frame.js';

describe('suite frames', () => {
  const urls: Record<string, string | undefined> = { links: 'http://127.0.0.1:8080', paste: 'https://paste.example.ts.net/' };
  const frames = suiteFrames([
    { id: 'links', name: 'go/ links', url: () => urls.links },
    { id: 'paste', name: 'paste', url: () => urls.paste },
  ]);

  it('lists every enabled app by its URL, with a trailing slash, for tailnet callers', () => {
    expect(frames.forApp('paste', false)).toEqual({
      app: { id: 'paste', name: 'paste' },
      apps: [
        { id: 'links', name: 'go/ links', url: 'http://127.0.0.1:8080/' },
        { id: 'paste', name: 'paste', url: 'https://paste.example.ts.net/' },
      ],
    });
  });

  it('lists nothing for anonymous (Funnel) callers, but still names the app', () => {
    expect(frames.forApp('paste', true)).toEqual({ app: { id: 'paste', name: 'paste' }, apps: [] });
  });

  it('leaves out an app not served yet, and lists it once it is', () => {
    const late: Record<string, string | undefined> = { links: undefined };
    const f = suiteFrames([
      { id: 'links', name: 'go/ links', url: () => late.links },
      { id: 'paste', name: 'paste', url: () => 'https://paste.example.ts.net' },
    ]);
    expect(f.forApp('paste', false).apps.map((a) => a.id)).toEqual(['paste']);
    late.links = 'https://go.example.ts.net';
    expect(f.forApp('paste', false).apps.map((a) => a.id)).toEqual(['links', 'paste']);
    // Built once complete: the same object on every later request.
    expect(f.forApp('paste', false)).toBe(f.forApp('paste', false));
  });
});
