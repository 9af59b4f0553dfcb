import { describe, expect, test } from 'vitest';
import { openAppDatabase } from '../../platform/storage.js';
import { ZERO_TIME } from './link.js';
import { exportSnapshot, importLinks, parseSnapshot, SnapshotError } from './snapshot.js';
import { LinkStore } from './store.js';
import { migrations } from './schema.js';

const store = () => new LinkStore(openAppDatabase(':memory:', migrations));

describe('parseSnapshot', () => {
  test('keys match case-insensitively, unknown keys are ignored, missing times are zero', () => {
    const [link] = parseSnapshot('{"SHORT":"a","long":"https://a/","Clicks":3,"Extra":{"x":1}}');
    expect(link).toEqual({ short: 'a', long: 'https://a/', owner: '', created: ZERO_TIME, lastEdit: ZERO_TIME, description: '', line: 1 });
  });

  test('empty Short lines and blank lines are skipped; CRLF is fine', () => {
    const links = parseSnapshot('{"Short":"","Long":"x"}\r\n\r\n{"Short":"b","Long":"y"}\r\n');
    expect(links.map((l) => [l.short, l.line])).toEqual([['b', 3]]);
  });

  test('null values leave the zero value, as Go does', () => {
    expect(parseSnapshot('{"Short":"a","Long":"https://a/","Owner":null,"Created":null}')[0]).toMatchObject({ owner: '', created: ZERO_TIME });
  });

  test('errors name the file and line', () => {
    expect(() => parseSnapshot('{"Short":"a","Long":"x"}\n{oops}\n', 'f.jsonl')).toThrow(SnapshotError);
    expect(() => parseSnapshot('{"Short":"a","Long":"x"}\n{oops}\n', 'f.jsonl')).toThrow(/^f\.jsonl:2: not valid JSON/);
    expect(() => parseSnapshot('{"Short":"a","LastEdit":"nope"}', 'f.jsonl')).toThrow(/f\.jsonl:1: "LastEdit" is not an RFC 3339 time: "nope"/);
  });

  test('links POST / would refuse are errors too: the same check as a save', () => {
    expect(() => parseSnapshot('{"Short":"a","Long":"x{{"}', 'f')).toThrow(/^f:1: long contains an invalid template/);
    expect(() => parseSnapshot('{"Short":"a","Long":"x\\u007f"}', 'f')).toThrow('f:1: long contains a control character (U+007F), which no URL can hold');
    expect(() => parseSnapshot('{"Short":"a b","Long":"x"}', 'f')).toThrow(/^f:1: short may only contain/);
    expect(() => parseSnapshot('{"Short":"a","Long":""}', 'f')).toThrow('f:1: short and long required');
    // A control character inside an action is not written into the URL, so it is fine.
    expect(parseSnapshot('{"Short":"a","Long":"x/{{\\n.Path\\n}}"}')[0]?.long).toBe('x/{{\n.Path\n}}');
  });

  test('with onSkip, bad lines are reported and skipped', () => {
    const skipped: string[] = [];
    const links = parseSnapshot('{"Short":"a","Long":"x"}\nnope\n{"Short":"b","Long":"x{{"}\n{"Short":"c","Long":"y"}', 'f', {
      onSkip: (e) => skipped.push(e.message),
    });
    expect(links.map((l) => [l.short, l.line])).toEqual([
      ['a', 1],
      ['c', 4],
    ]);
    expect(skipped).toEqual([expect.stringMatching(/^f:2: not valid JSON/), expect.stringMatching(/^f:3: long contains an invalid template/)]);
  });
});

describe('importLinks', () => {
  test('the first of two lines with the same id wins, as golink inserts in order', () => {
    const s = store();
    const r = importLinks(s, parseSnapshot('{"Short":"Foo","Long":"1"}\n{"Short":"f-o-o","Long":"2"}\n'), { policy: 'overwrite', actor: 't' });
    expect(r).toEqual({ added: ['Foo'], updated: [], skipped: ['f-o-o'], unchanged: [] });
    expect(s.lookup('foo')?.long).toBe('1');
  });

  test('a soft-deleted link counts as absent; descriptions survive an overwrite', () => {
    const s = store();
    s.save({ short: 'gone', long: 'old', owner: 'a', description: 'kept?' }, 'a');
    s.save({ short: 'kept', long: 'old', owner: 'a', description: 'desc' }, 'a');
    s.softDelete(s.getLive('gone')!, 'a');
    const r = importLinks(s, parseSnapshot('{"Short":"gone","Long":"new"}\n{"Short":"kept","Long":"new"}'), { policy: 'overwrite', actor: 't' });
    expect(r).toMatchObject({ added: ['gone'], updated: ['kept'] });
    expect(s.getLive('gone')?.description).toBe('');
    expect(s.getLive('kept')).toMatchObject({ long: 'new', description: 'desc' });
  });

  test('export of an import is byte-identical', () => {
    const text =
      '{"Short":"a","Long":"x?a=1\\u0026b=2","Created":"2022-01-01T00:00:00Z","LastEdit":"2022-01-02T00:00:00Z","Owner":"o@x"}\n' +
      '{"Short":"b","Long":"https://b/","Created":"0001-01-01T00:00:00Z","LastEdit":"0001-01-01T00:00:00Z","Owner":""}\n';
    const s = store();
    importLinks(s, parseSnapshot(text), { policy: 'skip', actor: 't' });
    expect(exportSnapshot(s)).toBe(text);
  });
});
