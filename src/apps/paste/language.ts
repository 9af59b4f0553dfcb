/**
 * Which language a paste is in, from its filename and, when the name says nothing, its content.
 *
 * Names follow GitHub Linguist (the `linguist-languages` data, what tclip's enry uses): exact
 * filenames (`Dockerfile`, `Makefile`, `CMakeLists.txt`), then extensions (longest first), then a
 * `#!` interpreter line. When an extension fits several languages (`.h`, `.pl`), highlight.js
 * scores the content against each. When the name says nothing (no name, `untitled`, `.txt`),
 * highlight.js auto-detects among common languages, and only a confident guess is kept.
 *
 * A language is named by its highlight.js id (`python`, `cpp`, `xml`…), `plaintext`, or `org`
 * (Org has no highlight.js grammar, but has its own rendered view).
 *
 * @example
 *   detectLanguage('Dockerfile', 'FROM node:20')       // 'dockerfile'
 *   detectLanguage('', 'package main\n\nfunc main() {}') // 'go'
 */
import hljs from 'highlight.js';
import * as linguist from 'linguist-languages';
import { ORG, PLAINTEXT } from './kinds.js';

interface LinguistLanguage {
  name: string;
  extensions?: readonly string[];
  filenames?: readonly string[];
  aliases?: readonly string[];
  interpreters?: readonly string[];
  aceMode?: string;
  codemirrorMode?: string;
}

/** Linguist languages whose derived highlight.js grammar would be wrong or missing. */
const OVERRIDES: Readonly<Record<string, string>> = {
  Shell: 'bash',
  'Git Attributes': PLAINTEXT,
  'Ignore List': PLAINTEXT,
  Org: ORG,
  Text: PLAINTEXT,
  TSX: 'typescript',
  JSX: 'javascript',
  HCL: PLAINTEXT,
  'Terraform Template': PLAINTEXT,
  'Emacs Lisp': 'lisp',
  'JSON with Comments': 'json',
};

/** Languages auto-detection may pick from content alone (scoring all ~190 is slow and noisy). */
const GUESSABLE = [
  'bash', 'c', 'cpp', 'csharp', 'css', 'diff', 'dockerfile', 'go', 'ini', 'java', 'javascript', 'json', 'kotlin', 'lua',
  'makefile', 'markdown', 'perl', 'php', 'python', 'ruby', 'rust', 'scss', 'sql', 'swift', 'typescript', 'xml', 'yaml',
  'powershell', 'haskell', 'elixir', 'nginx', 'scala', 'shell',
];

/** How sure highlight.js must be (its relevance score) before a content-only guess is kept. */
const MIN_RELEVANCE = 6;
/** Content scoring reads at most this much of a paste (highlight.js scores every candidate grammar). */
const SAMPLE_CHARS = 2 * 1024;

interface Index {
  byFilename: Map<string, LinguistLanguage[]>;
  byExtension: Map<string, LinguistLanguage[]>;
  byInterpreter: Map<string, LinguistLanguage[]>;
  canonical: Map<object, string>;
}

let index: Index | undefined;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function buildIndex(): Index {
  const idx: Index = { byFilename: new Map(), byExtension: new Map(), byInterpreter: new Map(), canonical: new Map() };
  for (const id of hljs.listLanguages()) {
    const lang = hljs.getLanguage(id);
    if (lang && !idx.canonical.has(lang)) idx.canonical.set(lang, id);
  }
  for (const lang of Object.values(linguist) as LinguistLanguage[]) {
    for (const f of lang.filenames ?? []) push(idx.byFilename, f.toLowerCase(), lang);
    for (const e of lang.extensions ?? []) push(idx.byExtension, e.toLowerCase(), lang);
    for (const i of lang.interpreters ?? []) push(idx.byInterpreter, i, lang);
  }
  return idx;
}

function getIndex(): Index {
  index ??= buildIndex();
  return index;
}

/** The highlight.js id for a Linguist language, or undefined when no grammar fits. */
function grammarOf(lang: LinguistLanguage): string | undefined {
  const override = OVERRIDES[lang.name];
  if (override) return override;
  const name = lang.name.toLowerCase();
  for (const c of [name, ...(lang.aliases ?? []), lang.aceMode, lang.codemirrorMode, name.replace(/\s+/g, '-'), name.replace(/\s+/g, '')]) {
    if (!c) continue;
    const grammar = hljs.getLanguage(c);
    if (grammar) return getIndex().canonical.get(grammar);
  }
  return undefined;
}

/** C++-only syntax; without any, code that highlight.js calls C++ is plain C (Linguist's `.h` heuristic too). */
const CPP_ONLY = /::|\b(class|namespace|template|typename|public:|private:|nullptr|using|std)\b|#include <(iostream|vector|string|memory)>/;

/** highlight.js's best-scoring language among `ids`, with its relevance. */
function score(content: string, ids: readonly string[]): { id: string | undefined; relevance: number } {
  const best = hljs.highlightAuto(content.slice(0, SAMPLE_CHARS), [...ids]);
  let id = best.language ? (getIndex().canonical.get(hljs.getLanguage(best.language) ?? {}) ?? best.language) : undefined;
  if (id === 'cpp' && ids.includes('c') && !CPP_ONLY.test(content.slice(0, SAMPLE_CHARS))) id = 'c';
  return { id, relevance: best.relevance };
}

/**
 * Picks among the languages a name fits: the only one with a grammar; else among the common
 * ones (an `.md` file is Markdown, not GCC Machine Description) the one the content fits best.
 */
function choose(candidates: readonly LinguistLanguage[], content: string): string | undefined {
  const ids = [...new Set(candidates.map(grammarOf).filter((g): g is string => g !== undefined))];
  if (ids.length <= 1) return ids[0];
  const common = ids.filter((id) => GUESSABLE.includes(id));
  if (common.length === 1) return common[0];
  const pool = common.length > 0 ? common : ids.filter((id) => id !== PLAINTEXT && id !== ORG);
  if (pool.length === 0) return ids[0];
  const best = score(content, pool);
  return best.relevance > 0 && best.id ? best.id : pool[0];
}

/** The language a filename names, or undefined when it says nothing. */
function fromFilename(filename: string, content: string): string | undefined {
  const idx = getIndex();
  const base = (filename.split(/[/\\]/).pop() ?? '').toLowerCase();
  if (base === '' || base === 'untitled') return undefined;
  const exact = idx.byFilename.get(base);
  if (exact) return choose(exact, content);
  // Variants such as Dockerfile.prod or Makefile.linux.
  const stem = base.split('.')[0] ?? '';
  if (stem !== base && ['dockerfile', 'containerfile', 'makefile', 'gnumakefile', 'jenkinsfile', 'vagrantfile'].includes(stem)) {
    const variant = idx.byFilename.get(stem);
    if (variant) return choose(variant, content);
  }
  // Longest extension first: `.d.ts` before `.ts`, `.blade.php` before `.php`.
  for (let dot = base.indexOf('.'); dot >= 0; dot = base.indexOf('.', dot + 1)) {
    const found = idx.byExtension.get(base.slice(dot));
    if (found) {
      const id = choose(found, content);
      return id === PLAINTEXT ? undefined : id;
    }
  }
  return undefined;
}

/** The language of a `#!` line (`#!/usr/bin/env python3`, `#!/bin/sh -e`). */
function fromShebang(content: string): string | undefined {
  const m = /^#!\s*(\S+)(.*)$/m.exec(content.slice(0, 256));
  if (!m || content.indexOf('#!') !== 0) return undefined;
  let interpreter = (m[1] ?? '').split('/').pop() ?? '';
  if (interpreter === 'env') interpreter = (m[2] ?? '').trim().split(/\s+/).find((w) => !w.startsWith('-') && !w.includes('=')) ?? '';
  const found = getIndex().byInterpreter.get(interpreter) ?? getIndex().byInterpreter.get(interpreter.replace(/[\d.]+$/, ''));
  return found ? choose(found, content) : undefined;
}

/** Org files announce themselves with `#+TITLE:`-style keywords or `#+begin_src` blocks. */
function looksLikeOrg(content: string): boolean {
  return /^#\+(title|author|options|begin_src|startup)\b/im.test(content.slice(0, SAMPLE_CHARS));
}

/** A content-only guess, kept only when highlight.js is confident. */
function fromContent(content: string): string | undefined {
  if (looksLikeOrg(content)) return ORG;
  if (content.trim() === '') return undefined;
  const best = score(content, GUESSABLE);
  if (!best.id || best.relevance < MIN_RELEVANCE) return undefined;
  // highlight.js calls a shell *session* `shell`; pasted scripts are bash.
  return best.id === 'shell' ? 'bash' : best.id;
}

/**
 * The language of a paste: from its filename, then a `#!` line, then its content; `plaintext`
 * when nothing is sure.
 */
export function detectLanguage(filename: string, content: string): string {
  return fromFilename(filename, content) ?? fromShebang(content) ?? fromContent(content) ?? PLAINTEXT;
}

/** Whether `id` names a language a paste can be shown in. */
export function isKnownLanguage(id: string): boolean {
  return id === PLAINTEXT || id === ORG || (hljs.getLanguage(id) !== undefined && getIndex().canonical.get(hljs.getLanguage(id) ?? {}) === id);
}

/** The name people know a language by, e.g. `C++` for `cpp`. */
export function languageName(id: string): string {
  if (id === ORG) return 'Org';
  if (id === PLAINTEXT) return 'Plain text';
  return hljs.getLanguage(id)?.name ?? id;
}

export type LanguageList = ReadonlyArray<{ id: string; name: string }>;

function listOf(ids: Iterable<string>): LanguageList {
  return [...new Set(ids)].map((id) => ({ id, name: languageName(id) })).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

let options: LanguageList | undefined;

/** Every language a paste can be shown in, sorted by name (the help page lists them). */
export function languageOptions(): LanguageList {
  options ??= listOf([PLAINTEXT, ORG, ...getIndex().canonical.values()]);
  return options;
}

const pickers = new Map<string, LanguageList>();

/**
 * What the language pickers offer: the common languages plus `extra` (the paste's own and the
 * one it is shown in), sorted by name. Every other language still works as `?lang=<id>`; a
 * picker of all ~190 would be most of each page's weight. Lists are reused, one per `extra`.
 */
export function pickerLanguages(extra: readonly string[] = []): LanguageList {
  const known = extra.filter(isKnownLanguage);
  const key = known.join(' ');
  let list = pickers.get(key);
  if (!list) {
    list = listOf([PLAINTEXT, ORG, ...GUESSABLE.filter((id) => id !== 'shell'), ...known]);
    if (pickers.size > 1000) pickers.clear();
    pickers.set(key, list);
  }
  return list;
}
