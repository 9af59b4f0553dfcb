/**
 * Templates are untrusted code: every attack on the engine ends in a deterministic refusal that
 * names its limit, checked with the run's counters (bytes and steps charged), never with timings.
 */
import { describe, expect, it } from 'vitest';
import { Budget, LimitExceeded, type LimitName, type Meter, NO_METER } from './budget.js';
import { sprintf } from './fmt.js';
import {
  defaultLimits,
  GoStruct,
  GoTime,
  linkFuncs,
  parseTemplate,
  TemplateLimitError,
  TemplateParseLimitError,
  type Usage,
} from './index.js';
import { goRegexpMatch } from './regexp.js';

const MiB = 1024 * 1024;
const env = new GoStruct('golink.expandEnv', {
  Now: { field: GoTime.date(2022, 6, 2, 1, 2, 3) },
  Path: { field: 'a/b c' },
});

/** These tests were written against a 1 MiB byte budget; they pin it, whatever the default. */
const run = (src: string, limits = {}) => parseTemplate(src, { funcs: linkFuncs }).run(env, { maxBytes: MiB, ...limits });

/** Runs `src` expecting a limit; returns which one, the counters and the message. */
function refused(src: string, limits = {}): { limit: LimitName; usage: Usage; message: string } {
  try {
    run(src, limits);
  } catch (e) {
    if (!(e instanceof TemplateLimitError)) throw e;
    return { limit: e.limit, usage: e.usage, message: e.message };
  }
  throw new Error(`ran without hitting a limit: ${src.slice(0, 80)}`);
}

function parseRefused(src: string): { limit: LimitName; message: string } {
  try {
    parseTemplate(src, { funcs: linkFuncs });
  } catch (e) {
    if (!(e instanceof TemplateParseLimitError)) throw e;
    return { limit: e.limit, message: e.message };
  }
  throw new Error('parsed');
}

/** A meter that records every charge and can refuse the first byte charge over `maxBytes`. */
function recorder(maxBytes = Number.POSITIVE_INFINITY) {
  const log: Array<[string, number]> = [];
  let bytes = 0;
  const meter: Meter = {
    bytes(n) {
      log.push(['bytes', n]);
      bytes += n;
      if (bytes > maxBytes) throw new LimitExceeded('bytes', 'over');
    },
    string(s) {
      this.bytes(Buffer.byteLength(s));
    },
    scan(n) {
      log.push(['scan', n]);
    },
    loop(n) {
      log.push(['loop', n]);
    },
    work(n) {
      log.push(['work', n]);
    },
    deadline() {
      log.push(['deadline', 0]);
    },
  };
  const total = (kind: string) => log.filter(([k]) => k === kind).reduce((a, [, n]) => a + n, 0);
  return { meter, log, total };
}

const ten = (v: string) => `printf "%s%s%s%s%s%s%s%s%s%s"${` ${v}`.repeat(10)}`;

describe('the byte budget (issue attacks)', () => {
  it('refuses the 7 GiB printf chain at its first concatenation, before building it', () => {
    const src = `{{$a := printf "%999999d" 1}}{{$b := ${ten('$a')}}}{{$c := ${ten('$b')}}}{{printf "%x" $c}}`;
    const r = refused(src);
    expect(r.limit).toBe('bytes');
    // 1 000 000 for the padded number, then the first %s of $a (999 999) does not fit.
    expect(r.usage.bytes).toBe(1_000_000 + 999_999);
    expect(r.message).toContain('exceeded the 1048576-byte budget');
    expect(r.message).toContain('at <printf "%s%s%s%s%s%s...>');
  });

  it('charges a width before padding and a precision before formatting', () => {
    expect(run('{{$a := printf "%999999d" 1}}').usage.bytes).toBe(1_000_000);
    expect(run('{{$a := printf "%.999999d" 1}}').usage.bytes).toBe(1_000_000);
    expect(run('{{$a := printf "%*d" 1000000 1}}').usage.bytes).toBe(1_000_001);
    expect(refused('{{$a := printf "%.999999f %.999999f" 1.5 2.5}}').limit).toBe('bytes');
    const { meter, log } = recorder();
    sprintf('%.999999e', [1.5], meter);
    expect(log.filter(([, n]) => n > 0)[0]).toEqual(['bytes', 999_999]);
  });

  it('charges %x as twice the bytes and %q as four times plus quotes, before building them', () => {
    const hex = recorder(1000);
    expect(() => sprintf('%x', ['é'.repeat(300)], hex.meter)).toThrow(LimitExceeded);
    expect(hex.log.filter(([, n]) => n > 0)).toEqual([['bytes', 1200]]);
    const q = recorder();
    expect(sprintf('%q', ['a\x01'], q.meter)).toBe('"a\\x01"');
    expect(q.total('bytes')).toBe(4 * 2 + 2);
    expect(refused('{{$a := printf "%300000s" ""}}{{$b := printf "%q" $a}}').usage.bytes).toBe(300_000 + 1_200_002);
    expect(refused('{{$a := printf "%400000s" ""}}{{$b := printf "%X" $a}}').usage.bytes).toBe(400_000 + 800_000);
  });

  it('stops a doubling loop near the budget, never far beyond it', () => {
    const r = refused('{{$a := "<&>"}}{{range 30}}{{$a = print $a $a}}{{end}}');
    expect(r.limit).toBe('bytes');
    expect(r.usage.bytes).toBeLessThan(2 * MiB);
  });

  it('counts nested ranges that each build a string', () => {
    const r = refused('{{range 1000}}{{range 1000}}{{$x := printf "%1000d" 1}}{{end}}{{end}}');
    expect(r.limit).toBe('bytes');
    expect(r.usage.bytes).toBe(1001 * Math.ceil((MiB + 1) / 1001));
  });

  it('charges slice results, 3 bytes per byte when a cut may split a character', () => {
    expect(run('{{$s := slice "abcdef" 1 4}}').usage.bytes).toBe(3);
    expect(run('{{$s := slice "éé" 1 3}}').usage.bytes).toBe(6);
    expect(run('{{slice "éé" 1 3}}').output).toBe('\uFFFD\uFFFD');
    expect(refused('{{$a := printf "%600000d" 1}}{{$b := slice $a 1}}').usage.bytes).toBe(600_001 + 599_999);
  });

  it('charges html exactly, and js and urlquery by their worst case, before escaping', () => {
    const html = run('{{$a := "<&>\\""}}{{range 8}}{{$a = print $a $a}}{{end}}{{$h := html $a}}');
    const without = run('{{$a := "<&>\\""}}{{range 8}}{{$a = print $a $a}}{{end}}');
    expect(html.usage.bytes - without.usage.bytes).toBe((4 + 5 + 4 + 5) * 256);
    expect(refused('{{$a := printf "%200000s" ""}}{{$j := js $a}}').usage.bytes).toBe(200_000 + 1_200_000);
    expect(refused('{{$a := printf "%300000s" ""}}{{$q := urlquery $a}}').usage.bytes).toBe(300_000 + 900_000);
    expect(refused('{{$a := printf "%300000s" ""}}{{$q := QueryEscape $a}}').limit).toBe('bytes');
    expect(refused('{{$a := printf "%300000s" ""}}{{$q := ToUpper $a}}').limit).toBe('bytes');
  });

  it('bounds a Format layout built at run time', () => {
    expect(refused('{{$l := printf "%90000s" "2006"}}{{$t := .Now.Format $l}}{{$u := .Now.Format $l}}').limit).toBe('steps');
    expect(run('{{.Now.Format "2006-01-02"}}').output).toBe('2022-06-02');
  });

  it('keeps the output limit, checked before measuring a long string', () => {
    expect(refused('{{printf "%70000d" 1}}').limit).toBe('output');
    expect(refused('{{printf "%70000d" 1}}').usage.bytes).toBe(70_001);
  });

  it('takes the budget from the limits', () => {
    expect(refused('{{$a := printf "%5000d" 1}}', { maxBytes: 4096 }).message).toContain('exceeded the 4096-byte budget');
    expect(run('{{$a := printf "%5000d" 1}}', { maxBytes: 8192 }).usage.bytes).toBe(5001);
  });
});

describe('the step budget', () => {
  const pattern = '(?:(?:a?){49}){50}b';
  const matchAttack = `{{$s := printf "%08000d" 0}}{{range 100}}{{if Match "${pattern}" $s}}x{{end}}{{end}}`;

  it('refuses a big Match on a long input inside range before running it', () => {
    const r = refused(matchAttack);
    expect(r.limit).toBe('steps');
    // Parsing (pattern length), compiling (states) and states × (8000 + 1) positions, charged
    // before the first run.
    const states = 4902;
    expect(r.usage.steps).toBeGreaterThanOrEqual(states * 8002 + 20);
    expect(r.usage.steps).toBeLessThan(states * 8002 + 100);
    expect(r.message).toContain('at <Match "(?:(?:a?){49}...>');
  });

  it('charges Match states × positions up front and checks the deadline inside its loop', () => {
    // Parsing 'a' (length + 1), compiling its 2 states (the char and the match), and 2 states
    // × 4 positions for 3 characters; the same charges when the program comes from the cache.
    for (let i = 0; i < 2; i++) {
      const { meter, log } = recorder();
      expect(goRegexpMatch('a', 'xyz', meter)).toBe(false);
      expect(log.filter(([k]) => k === 'work')).toEqual([
        ['work', 2],
        ['work', 2],
        ['work', 8],
      ]);
    }
    const tooBig = recorder();
    expect(goRegexpMatch('(?:(?:a?){70}){70}', '', tooBig.meter)).toBe(false);
    expect(tooBig.total('work')).toBeGreaterThan(5000);
    const long = recorder();
    goRegexpMatch('b', 'a'.repeat(100), long.meter);
    expect(long.log.filter(([k]) => k === 'deadline')).toHaveLength(7);
    expect(() => goRegexpMatch('a', 'x'.repeat(20_000), NO_METER)).toThrow('Match input longer than 8192');
  });

  it('refuses len of a huge intermediate in a loop by the bytes it reads', () => {
    const r = refused('{{$a := printf "%900000d" 1}}{{range 100000}}{{$n := len $a}}{{end}}');
    expect(r.limit).toBe('steps');
    expect(r.usage.bytes).toBe(900_001);
    expect(run('{{len "héllo"}}').output).toBe('6');
  });

  it('refuses a range over more iterations than steps left before the first one', () => {
    const r = refused('{{range 100000000}}x{{end}}');
    expect(r.limit).toBe('steps');
    expect(r.usage.bytes).toBe(0);
    expect(run('{{range 3}}{{.}}{{end}}').output).toBe('012');
  });

  it('stops deep recursion through nested blocks with a depth limit, not a stack overflow', () => {
    const src = `{{define "a"}}${'{{if 1}}'.repeat(99)}{{template "a"}}${'{{end}}'.repeat(99)}{{end}}{{template "a"}}`;
    const r = refused(src);
    expect(r.limit).toBe('depth');
    expect(r.message).toContain('exceeded maximum nesting (1000)');
    expect(refused('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}').limit).toBe('depth');
  });

  it('keeps error messages short when they quote a big value', () => {
    const r = (() => {
      try {
        run('{{$a := printf "%500000d" 1}}{{range $a}}{{end}}');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(r).toContain("range can't iterate over");
    expect(r.length).toBeLessThan(1200);
  });
});

describe('parse-time limits', () => {
  it('refuses 8000 nested parentheses with the nesting limit, not a stack overflow', () => {
    const r = parseRefused(`{{${'('.repeat(8000)}1${')'.repeat(8000)}}}`);
    expect(r).toEqual({ limit: 'nesting', message: 'template: long:1: max expression depth exceeded: nesting deeper than 100' });
    expect(parseTemplate(`{{${'('.repeat(100)}1${')'.repeat(100)}}}`).execute(null)).toBe('1');
  });

  it('counts if, range, with, else-if chains and blocks as nesting', () => {
    expect(parseRefused(`${'{{if 1}}'.repeat(101)}${'{{end}}'.repeat(101)}`).limit).toBe('nesting');
    expect(parseRefused(`${'{{range 1}}'.repeat(101)}${'{{end}}'.repeat(101)}`).limit).toBe('nesting');
    expect(parseRefused(`{{if 0}}${'{{else if 0}}'.repeat(101)}{{end}}`).limit).toBe('nesting');
    expect(parseRefused(`${'{{block "b" 1}}'.repeat(101)}${'{{end}}'.repeat(101)}`).limit).toBe('nesting');
    expect(parseTemplate(`${'{{with 1}}'.repeat(100)}x${'{{end}}'.repeat(100)}`).execute(null)).toBe('x');
  });

  it('refuses a source over 16 KiB and more than 1000 actions', () => {
    expect(parseRefused(`https://x/${'a'.repeat(16 * 1024)}`)).toEqual({
      limit: 'source',
      message: 'template: long: template source is over the 16384-byte limit',
    });
    expect(parseRefused('{{.}}\n'.repeat(1001))).toEqual({ limit: 'actions', message: 'template: long:1001: more than 1000 actions' });
    expect(() => parseTemplate('{{.}}'.repeat(1000))).not.toThrow();
    expect(() => parseTemplate('{{/* c */}}'.repeat(1200))).not.toThrow();
  });

  it('takes limits from the options', () => {
    expect(() => parseTemplate('{{.}}{{.}}', { limits: { maxActions: 1 } })).toThrow(TemplateParseLimitError);
    expect(() => parseTemplate('{{(1)}}', { limits: { maxNesting: 0 } })).toThrow('nesting deeper than 0');
  });
});

describe('golink templates run exactly as before, metered or not', () => {
  const templates = [
    'https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}',
    'https://ex.com/{{PathEscape .Path}}/{{ToUpper .Path}}/{{TrimPrefix .Path "a/"}}/{{TrimSuffix .Path " c"}}',
    '{{if Match "^a/" .Path}}https://a/{{slice .Path 2}}{{else}}https://b/{{end}}',
    'https://cal/{{.Now.Format "2006-01-02"}}/{{.Now.Year}}/{{(.Now.AddDate 0 1 0).Month}}',
    '{{printf "%05.1f|%-4s|%x|%q|%v" 3.14159 "ab" 255 "q" .Path}} {{len .Path}} {{index .Path 0}} {{html "<a>"}} {{js "<a>"}} {{urlquery "a b"}}',
    '{{range $i, $c := "x"}}{{end}}',
  ];
  it.each(templates.slice(0, 5))('%s', (src) => {
    const metered = run(src);
    const unmetered = run(src, { maxBytes: Number.POSITIVE_INFINITY });
    expect(metered.output).toBe(unmetered.output);
    expect(metered.usage.bytes).toBeGreaterThanOrEqual(Buffer.byteLength(metered.output));
    expect(unmetered.usage.bytes).toBe(0);
  });

  it('charges a plain golink template its output and little else', () => {
    const r = run(templates[0] as string);
    expect(r.output).toBe('https://www.google.com/search?q=a%2Fb+c');
    // The two texts, QueryEscape's worst case (3 × 5 bytes), then its result written out.
    expect(r.usage).toEqual({ bytes: 23 + 9 + 3 * 5 + 7, steps: 10 });
  });

  it('uses defaults of 256 KiB, 100 000 steps and 100 ms', () => {
    expect(defaultLimits).toMatchObject({ maxBytes: MiB / 4, maxSteps: 100_000, deadlineMs: 100 });
  });
});

describe('Budget', () => {
  it('counts evaluator steps even with metering off, and nothing else', () => {
    const b = new Budget({ maxBytes: Number.POSITIVE_INFINITY, maxSteps: 2, deadlineMs: 1000 });
    b.bytes(1e9);
    b.work(1e9);
    b.scan(1e9);
    b.step();
    b.step();
    expect(b.usage()).toEqual({ bytes: 0, steps: 2 });
    expect(() => b.step()).toThrow(LimitExceeded);
  });

  it('names the limit it refuses', () => {
    const b = new Budget({ maxBytes: 10, maxSteps: 10, deadlineMs: 1000 });
    expect(() => b.bytes(11)).toThrow(expect.objectContaining({ limit: 'bytes' }));
    expect(() => b.work(11)).toThrow(expect.objectContaining({ limit: 'steps' }));
    const past = new Budget({ maxBytes: 10, maxSteps: 10, deadlineMs: -1 });
    expect(() => past.deadline()).toThrow(expect.objectContaining({ limit: 'deadline' }));
  });
});
