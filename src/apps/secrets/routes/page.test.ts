import { describe, expect, it } from 'vitest';
import { secretsPage } from '../../../../views/secrets/list.js';
import { makeCaller, TAGGED_LOGIN } from '../../../platform/identity.js';
import { pageModel } from './page.js';

const amy = makeCaller({ kind: 'user', login: 'amy@example.com' });
const ci = makeCaller({ kind: 'tagged', login: TAGGED_LOGIN, tags: ['tag:ci', 'tag:deploy'] });

describe('the page model', () => {
  it('names a user by login and a tagged node by its tags', () => {
    expect(pageModel([], amy).viewer).toBe('amy@example.com');
    expect(pageModel([], ci).viewer).toBe('tag:ci, tag:deploy');
  });

  it('carries names and version numbers only, whatever else the secret has', () => {
    const stored = { name: 'prod/db', versions: [1, 2], activeVersion: 2, value: 'hunter2' };
    expect(pageModel([stored], amy).secrets).toEqual([{ name: 'prod/db', versions: [1, 2], activeVersion: 2 }]);
  });

  it('renders to a page that marks the active version and shows no value', () => {
    const stored = { name: 'prod/<db>', versions: [1, 2], activeVersion: 2, value: 'hunter2' };
    const html = String(secretsPage(pageModel([stored], amy)));
    expect(html).toContain('prod/&lt;db&gt;');
    expect(html).toContain('1, <b>2</b>');
    expect(html).toContain('Showing the secrets amy@example.com may see.');
    expect(html).not.toContain('hunter2');
  });
});
