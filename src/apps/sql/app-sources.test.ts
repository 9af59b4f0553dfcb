import { describe, expect, test } from 'vitest';
import { appSourceIds } from './app-sources.js';

const offered = {
  links: { label: 'go/ links (tailyard)', database: '/data/links.db' },
  paste: { label: 'paste (tailyard)', database: '/data/paste.db', views: { pastes: 'select 1' } },
};
const all = () => true;

describe('appSourceIds', () => {
  test('unset in dev mode: links and paste', () => {
    expect(appSourceIds(undefined, 'dev', offered, all)).toEqual(['links', 'paste']);
  });

  test('unset in managed and host mode: none (an explicit grant of data stays explicit)', () => {
    expect(appSourceIds(undefined, 'managed', offered, all)).toEqual([]);
    expect(appSourceIds(undefined, 'host', offered, all)).toEqual([]);
  });

  test('set: as given, in every mode, also empty', () => {
    expect(appSourceIds(['paste'], 'dev', offered, all)).toEqual(['paste']);
    expect(appSourceIds([], 'dev', offered, all)).toEqual([]);
    expect(appSourceIds(['links'], 'managed', offered, all)).toEqual(['links']);
  });

  test('the dev default leaves out apps that offer no views or whose database does not exist yet', () => {
    expect(appSourceIds(undefined, 'dev', { paste: offered.paste }, all)).toEqual(['paste']);
    expect(appSourceIds(undefined, 'dev', offered, (p) => p === '/data/links.db')).toEqual(['links']);
  });
});
