/**
 * Hostile link templates (issue 8 §2 and variations), shared by the HTTP tests and the attack
 * section of `bench/links.ts`: each saves fine, and a visit must stop at the limit it names.
 */

/** 8 000 nested parentheses: refused at parse time (a save or import is a 400). */
export const DEEP_PARENTHESES = `https://x/{{${'('.repeat(8000)}1${')'.repeat(8000)}}}`;

const ten = (v: string) => `printf "%s%s%s%s%s%s%s%s%s%s"${` ${v}`.repeat(10)}`;

/** Inside every budget, but about as much work as a visit may do: 100 000 steps less a few. */
export const HEAVIEST_ALLOWED = 'https://x/{{range 99990}}{{end}}';

/** The attacks of issue 8 §2 and variations, each with the limit its visit must report. */
export const ATTACKS: ReadonlyArray<{ short: string; long: string; limit: RegExp }> = [
  {
    short: 'printf-chain',
    long: `https://x/{{$a := printf "%999999d" 1}}{{$b := ${ten('$a')}}}{{$c := ${ten('$b')}}}{{printf "%x" $c}}`,
    limit: /exceeded the 262144-byte budget/,
  },
  {
    short: 'match-range',
    long: 'https://x/{{$s := printf "%08000d" 0}}{{range 100}}{{if Match "(?:(?:a?){49}){50}b" $s}}x{{end}}{{end}}',
    limit: /exceeded 100000 evaluation steps/,
  },
  { short: 'doubling', long: 'https://x/{{$a := "<&>"}}{{range 40}}{{$a = print $a $a}}{{end}}{{len $a}}', limit: /byte budget/ },
  {
    short: 'len-loop',
    long: 'https://x/{{$a := printf "%200000d" 1}}{{range 100000}}{{$n := len $a}}{{end}}',
    limit: /evaluation steps/,
  },
  { short: 'js-growth', long: 'https://x/{{$a := printf "%200000s" ""}}{{js $a}}', limit: /byte budget/ },
  { short: 'big-range', long: 'https://x/{{range 1000000000}}{{.}}{{end}}', limit: /evaluation steps/ },
];
