import { describe, expect, it } from 'vitest';
import { linesOf } from '../../../src/tui/ink-memo/line-output.ts';

const write = (x: number, y: number, text: string, transformers: ((s: string, i: number) => string)[] = []) => ({ type: 'write' as const, x, y, text, transformers });

describe('a frame drawn by lines', () => {
  it('places texts side by side with spaces between, trims the right edge, and leaves empty rows empty', () => {
    expect(linesOf([write(0, 0, 'NAME'), write(10, 0, 'CPU  '), write(2, 2, 'web–1 ▁▂█')], 4)).toBe('NAME      CPU\n\n  web–1 ▁▂█\n');
  });

  it('applies each text\'s transformers to each of its lines, with the line index', () => {
    const red = (s: string, i: number) => `\u001b[31m${s}${i}\u001b[39m`;
    expect(linesOf([write(1, 0, 'a\nb', [red])], 2)).toBe(' \u001b[31ma0\u001b[39m\n \u001b[31mb1\u001b[39m');
  });

  it('drops what falls outside the frame\'s rows, as Ink does', () => {
    expect(linesOf([write(0, 1, 'x\ny\nz')], 2)).toBe('\nx');
  });

  it('hands the frame to Ink for a clip, an overlap, wide or unusual characters, and a styled multi-line text', () => {
    expect(linesOf([{ type: 'clip', clip: {} }, write(0, 0, 'a')], 1)).toBeNull();
    expect(linesOf([write(0, 0, 'abcd'), write(2, 0, 'X')], 1)).toBeNull();
    expect(linesOf([write(0, 0, '数据库')], 1)).toBeNull();
    expect(linesOf([write(0, 0, 'a\tb')], 1)).toBeNull();
    expect(linesOf([write(0, 0, '\u001b[31m│\n│\u001b[39m')], 2)).toBeNull();
    expect(linesOf([write(0.5, 0, 'a')], 1)).toBeNull();
  });
});
