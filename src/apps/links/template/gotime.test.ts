import { describe, expect, it } from 'vitest';
import { GoLayouts, GoTime } from './gotime.js';
import { parseTemplate } from './index.js';

// Go: t := time.Date(2009, time.November, 10, 23, 4, 5, 123456789, time.UTC) — a Tuesday.
const t = GoTime.date(2009, 11, 10, 23, 4, 5, 123456789);

describe('GoTime.format', () => {
  it.each([
    ['Layout', "11/10 11:04:05PM '09 +0000"],
    ['ANSIC', 'Tue Nov 10 23:04:05 2009'],
    ['UnixDate', 'Tue Nov 10 23:04:05 UTC 2009'],
    ['RubyDate', 'Tue Nov 10 23:04:05 +0000 2009'],
    ['RFC822', '10 Nov 09 23:04 UTC'],
    ['RFC822Z', '10 Nov 09 23:04 +0000'],
    ['RFC850', 'Tuesday, 10-Nov-09 23:04:05 UTC'],
    ['RFC1123', 'Tue, 10 Nov 2009 23:04:05 UTC'],
    ['RFC1123Z', 'Tue, 10 Nov 2009 23:04:05 +0000'],
    ['RFC3339', '2009-11-10T23:04:05Z'],
    ['RFC3339Nano', '2009-11-10T23:04:05.123456789Z'],
    ['Kitchen', '11:04PM'],
    ['Stamp', 'Nov 10 23:04:05'],
    ['StampMilli', 'Nov 10 23:04:05.123'],
    ['StampMicro', 'Nov 10 23:04:05.123456'],
    ['StampNano', 'Nov 10 23:04:05.123456789'],
    ['DateTime', '2009-11-10 23:04:05'],
    ['DateOnly', '2009-11-10'],
    ['TimeOnly', '23:04:05'],
  ] as Array<[keyof typeof GoLayouts, string]>)('%s', (name, want) => {
    expect(t.format(GoLayouts[name])).toBe(want);
  });

  it('formats every standard element', () => {
    const jan5 = GoTime.date(2006, 1, 5, 0, 4, 5, 120000000);
    expect(jan5.format('2006 06 01 1 Jan January 02 2 _2 Mon Monday 002 __2')).toBe(
      '2006 06 01 1 Jan January 05 5  5 Thu Thursday 005   5',
    );
    expect(jan5.format('15 03 3 04 4 05 5 PM pm')).toBe('00 12 12 04 4 05 5 AM am');
    expect(jan5.format('.0 .000 .999 ,000 .9 -07:00 -07 -070000 -07:00:00 Z0700 Z07 Z070000 Z07:00:00 MST')).toBe(
      '.1 .120 .12 ,120 .1 +00:00 +00 +000000 +00:00:00 Z Z Z Z UTC',
    );
    expect(GoTime.date(2006, 1, 2).format('05.999')).toBe('00');
    expect(t.format('__2 002 _2006')).toBe('314 314 _2009');
  });

  it('leaves words that only look like elements', () => {
    expect(t.format('Janet Month Monday MSTX .00x .001')).toBe('Janet Month Tuesday UTCX .12x .011');
    expect(t.format('no elements here')).toBe('no elements here');
  });

  it('matches golink test and detail page formats', () => {
    const now = GoTime.date(2022, 6, 2, 1, 2, 3, 4);
    expect(now.format('01-02-2006')).toBe('06-02-2022');
    expect(now.format('Jan _2, 2006 3:04pm MST')).toBe('Jun  2, 2022 1:02am UTC');
    expect(now.toString()).toBe('2022-06-02 01:02:03.000000004 +0000 UTC');
  });
});

describe('GoTime methods in templates', () => {
  const run = (src: string, when = t): string => parseTemplate(src).execute(new Map([['Now', when]]));

  it('exposes Go accessors', () => {
    expect(
      run(
        '{{.Now.Year}} {{.Now.Month}} {{printf "%d" .Now.Month}} {{.Now.Day}} {{.Now.Hour}} {{.Now.Minute}} {{.Now.Second}}',
      ),
    ).toBe('2009 November 11 10 23 4 5');
    expect(run('{{.Now.Nanosecond}} {{.Now.Weekday}} {{.Now.YearDay}} {{.Now.Unix}} {{.Now.UnixMilli}}')).toBe(
      '123456789 Tuesday 314 1257894245 1257894245123',
    );
    expect(run('{{.Now.UnixMicro}} {{.Now.UnixNano}} {{.Now.String}} {{.Now.UTC.IsZero}}')).toBe(
      '1257894245123456 1257894245123456789 2009-11-10 23:04:05.123456789 +0000 UTC false',
    );
  });

  it('does date arithmetic like AddDate', () => {
    expect(run('{{(.Now.AddDate 0 1 0).Format "2006-01-02"}}', GoTime.date(2022, 1, 31))).toBe('2022-03-03');
    expect(run('{{(.Now.AddDate 1 0 0).Format "2006-01-02"}}', GoTime.date(2020, 2, 29))).toBe('2021-03-01');
    expect(run('{{(.Now.AddDate 0 0 -1).Weekday}}', GoTime.date(2022, 6, 2))).toBe('Wednesday');
    expect(run('{{.Now.Before (.Now.AddDate 0 0 1)}} {{.Now.After .Now}} {{.Now.Equal .Now}}')).toBe('true false true');
  });

  it('converts Dates and Unix times', () => {
    expect(GoTime.fromDate(new Date('2022-06-02T01:02:03.456Z')).format(GoLayouts.RFC3339Nano)).toBe(
      '2022-06-02T01:02:03.456Z',
    );
    expect(GoTime.fromDate(new Date(-1)).format(GoLayouts.RFC3339Nano)).toBe('1969-12-31T23:59:59.999Z');
    expect(GoTime.fromUnix(0, 1_500_000_000).format(GoLayouts.RFC3339Nano)).toBe('1970-01-01T00:00:01.5Z');
    expect(GoTime.zero.format(GoLayouts.RFC3339)).toBe('0001-01-01T00:00:00Z');
  });
});
