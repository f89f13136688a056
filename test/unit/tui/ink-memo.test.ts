import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastStringWidth, fastWidestLine, memoByRef, memoByText, memoEntries } from '../../../src/tui/ink-memo/memo.ts';
import { isInkFile } from '../../../src/tui/ink-memo/install.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('memoByText', () => {
  it('computes a text once and answers repeats from the table', () => {
    const seen: string[] = [];
    const width = memoByText((t: string) => (seen.push(t), t.length), 10);
    expect([width('abc'), width('abc'), width('de')]).toEqual([3, 3, 2]);
    expect(seen).toEqual(['abc', 'de']);
  });

  it('keeps what is still asked for and forgets the rest: never more than twice its limit', () => {
    const seen: string[] = [];
    const width = memoByText((t: string) => (seen.push(t), t.length), 3);
    width('kept');
    for (let i = 0; i < 20; i++) {
      width(`x${i}`);
      width('kept');
    }
    expect(seen.filter((t) => t === 'kept')).toHaveLength(1);
    width('x0');
    expect(seen.filter((t) => t === 'x0')).toHaveLength(2);
    const before = memoEntries();
    const counts = memoByText((t: string) => t.length, 3);
    for (let i = 0; i < 50; i++) counts(`y${i}`);
    expect(memoEntries() - before).toBe(5);
  });

  it('passes calls with options straight through (their result may differ)', () => {
    let calls = 0;
    const fn = memoByText((t: string, ...rest: unknown[]) => (calls++, rest.length === 0 ? t.length : -1), 10);
    expect([fn('ab'), fn('ab', { ambiguousIsNarrow: false }), fn('ab', { ambiguousIsNarrow: false })]).toEqual([2, -1, -1]);
    expect(calls).toBe(3);
  });
});

describe('memoByRef', () => {
  it('keeps one result per object', () => {
    let calls = 0;
    const fn = memoByRef((a: number[]) => (calls++, a.length));
    const a = [1, 2];
    expect([fn(a), fn(a), fn([1])]).toEqual([2, 2, 1]);
    expect(calls).toBe(2);
  });
});

describe('isInkFile', () => {
  it('matches Ink\'s own files, not packages nested under it', () => {
    expect(isInkFile('file:///app/node_modules/ink/build/output.js')).toBe(true);
    expect(isInkFile('file:///app/node_modules/ink/node_modules/string-width/index.js')).toBe(false);
    expect(isInkFile('file:///app/node_modules/wrap-ansi/index.js')).toBe(false);
    expect(isInkFile(undefined)).toBe(false);
  });
});

describe('installInkMemo (a real Node process, as the console starts)', () => {
  it('draws the same frame as plain Ink, with its line widths and tokens answered from the memo', () => {
    const script = join(ROOT, 'test/unit/tui/ink-memo-frame.ts');
    const run = (mode: string) => JSON.parse(execFileSync(join(ROOT, 'node_modules/.bin/node'), [script, mode], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } })) as { text: string; entries: number };
    const plain = run('plain');
    const memo = run('memo');
    expect(plain.entries).toBe(0);
    expect(memo.entries).toBeGreaterThan(0);
    expect(memo.text).toBe(plain.text);
    expect(memo.text).toContain('web-1 世界 ⣿⣀ running');
  });
});

describe('the narrow fast path in front of string-width and widest-line', () => {
  const samples = [
    '', 'web-1  running  12.5%  ▁▂▃▄▅▆▇█  –', '\x1b[32mrunning\x1b[39m', '日本語のコンテナ', 'a\nbb\nccc', 'ab\n日本語', '\x1b[31m🐳\x1b[39m whale',
    '\x1b]8;;http://x\x07link\x1b]8;;\x07', 'tab\there', '⣿⣿⠁ │ ─',
  ];

  it('gives string-width\'s answer for every line, asking it only when the line is not plainly narrow', async () => {
    const stringWidth = (await import('string-width')).default;
    let asked = 0;
    const fast = fastStringWidth((t: string) => (asked++, stringWidth(t)));
    for (const line of samples) if (!line.includes('\n')) expect(fast(line), JSON.stringify(line)).toBe(stringWidth(line));
    expect(asked).toBe(4);
  });

  it('gives widest-line\'s answer for single and multi-line text', async () => {
    const widestLine = (await import('widest-line')).default;
    const fast = fastWidestLine(widestLine);
    for (const text of samples) expect(fast(text), JSON.stringify(text)).toBe(widestLine(text));
  });
});
