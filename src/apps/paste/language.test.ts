import { describe, expect, it } from 'vitest';
import { detectLanguage, isKnownLanguage, languageName, languageOptions, pickerLanguages } from './language.js';

const C_HEADER = '#include <stdio.h>\n\nint add(int a, int b);\n';
const CPP_HEADER = '#include <vector>\n\nnamespace app {\ntemplate <typename T>\nclass Stack {\n public:\n  std::vector<T> items;\n};\n}\n';

/** [filename, content, expected language] */
const BY_NAME: Array<[string, string, string]> = [
  ['main.go', '', 'go'],
  ['app.py', '', 'python'],
  ['index.ts', '', 'typescript'],
  ['types.d.ts', '', 'typescript'],
  ['App.tsx', '', 'typescript'],
  ['script.js', '', 'javascript'],
  ['style.css', '', 'css'],
  ['theme.scss', '', 'scss'],
  ['README.md', '', 'markdown'],
  ['notes.org', '', 'org'],
  ['Dockerfile', '', 'dockerfile'],
  ['Dockerfile.prod', '', 'dockerfile'],
  ['Containerfile', '', 'dockerfile'],
  ['Makefile', '', 'makefile'],
  ['GNUmakefile', '', 'makefile'],
  ['CMakeLists.txt', '', 'cmake'],
  ['.bashrc', '', 'bash'],
  ['deploy.sh', '', 'bash'],
  ['config.yaml', '', 'yaml'],
  ['docker-compose.yml', '', 'yaml'],
  ['Cargo.toml', '', 'ini'],
  ['main.rs', '', 'rust'],
  ['Main.java', '', 'java'],
  ['main.c', '', 'c'],
  ['widget.cpp', '', 'cpp'],
  ['util.h', C_HEADER, 'c'],
  ['stack.h', CPP_HEADER, 'cpp'],
  ['lib.rb', '', 'ruby'],
  ['Gemfile', '', 'ruby'],
  ['Vagrantfile', '', 'ruby'],
  ['query.sql', '', 'sql'],
  ['page.html', '', 'xml'],
  ['data.json', '', 'json'],
  ['index.php', '', 'php'],
  ['nginx.conf', '', 'nginx'],
  ['fix.diff', '', 'diff'],
  ['fix.patch', '', 'diff'],
  ['init.lua', '', 'lua'],
  ['Main.kt', '', 'kotlin'],
  ['View.swift', '', 'swift'],
  ['mix.ex', '', 'elixir'],
  ['Main.hs', '', 'haskell'],
  ['setup.ps1', '', 'powershell'],
  ['.vimrc', '', 'vim'],
  ['init.el', '', 'lisp'],
  ['Program.cs', '', 'csharp'],
  ['build.gradle', '', 'gradle'],
  ['schema.proto', '', 'protobuf'],
  ['NOTES.TXT', '', 'plaintext'],
  ['dir/sub/Makefile', '', 'makefile'],
];

/** [content, expected language] for pastes whose name says nothing. */
const BY_CONTENT: Array<[string, string]> = [
  ['#!/usr/bin/env python3\nimport sys\nprint(sys.argv)\n', 'python'],
  ['#!/bin/bash\nset -euo pipefail\nfor f in *.log; do\n  gzip "$f"\ndone\n', 'bash'],
  ['#!/usr/bin/env node\nconsole.log(process.argv);\n', 'javascript'],
  ['package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n', 'go'],
  ['def greet(name):\n    """Say hello."""\n    return f"hello {name}"\n\nclass Greeter:\n    def __init__(self):\n        self.count = 0\n', 'python'],
  ['{\n  "name": "tailyard",\n  "version": "0.1.0",\n  "private": true,\n  "dependencies": {"hono": "^4"}\n}\n', 'json'],
  ['SELECT id, name\nFROM users\nWHERE created_at > NOW() - INTERVAL 1 DAY\nORDER BY name;\n', 'sql'],
  ['<!DOCTYPE html>\n<html>\n  <head><title>x</title></head>\n  <body><p class="a">hi</p></body>\n</html>\n', 'xml'],
  ['diff --git a/x.txt b/x.txt\nindex 83db48f..bf269f4 100644\n--- a/x.txt\n+++ b/x.txt\n@@ -1,3 +1,3 @@\n-old line\n+new line\n context\n', 'diff'],
  ['#include <stdio.h>\n\nint main(void) {\n  printf("hello\\n");\n  return 0;\n}\n', 'c'],
  ['#+TITLE: Plans\n* TODO write the paste app\n** DONE read the reference\n', 'org'],
  ['# Release notes\n\n## Added\n\n- **Search** over pastes\n- [Help](/help) page\n\n```sh\nnpm start\n```\n', 'markdown'],
  ['The meeting moved to Thursday. Bring the notes from last week, and coffee.\n', 'plaintext'],
  ['', 'plaintext'],
];

describe('detectLanguage', () => {
  it.each(BY_NAME)('%s → %s', (filename, content, expected) => {
    expect(detectLanguage(filename, content)).toBe(expected === '' ? 'plaintext' : expected);
  });

  it.each(BY_CONTENT.map(([content, lang]) => ['untitled', content, lang]))('%s paste %#: → %s', (filename, content, expected) => {
    expect(detectLanguage(filename, content)).toBe(expected);
  });

  it('also detects from content when the name is empty or says only "text"', () => {
    const go = BY_CONTENT[3]?.[0] ?? '';
    expect(detectLanguage('', go)).toBe('go');
    expect(detectLanguage('paste.txt', go)).toBe('go');
  });

  it('prefers the filename over the content', () => {
    expect(detectLanguage('notes.md', 'package main\n\nfunc main() {}\n')).toBe('markdown');
  });
});

describe('language names and options', () => {
  it('names languages as people know them', () => {
    expect(languageName('cpp')).toBe('C++');
    expect(languageName('org')).toBe('Org');
    expect(languageName('plaintext')).toBe('Plain text');
  });

  it('knows canonical ids only', () => {
    expect(isKnownLanguage('python')).toBe(true);
    expect(isKnownLanguage('org')).toBe(true);
    expect(isKnownLanguage('py')).toBe(false);
    expect(isKnownLanguage('<script>')).toBe(false);
  });

  it('offers the common languages in pickers, plus the ones asked for, in a reused list', () => {
    const ids = pickerLanguages().map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['go', 'python', 'markdown', 'org', 'plaintext']));
    expect(ids).not.toContain('fortran');
    expect(pickerLanguages(['fortran', 'nonsense']).map((o) => o.id)).toContain('fortran');
    expect(pickerLanguages(['fortran']).map((o) => o.id)).not.toContain('nonsense');
    expect(pickerLanguages(['fortran'])).toBe(pickerLanguages(['fortran', 'nonsense']));
  });

  it('knows every language once, sorted by name', () => {
    const opts = languageOptions();
    expect(opts.length).toBeGreaterThan(150);
    expect(new Set(opts.map((o) => o.id)).size).toBe(opts.length);
    expect(opts.map((o) => o.id)).toContain('org');
  });
});
