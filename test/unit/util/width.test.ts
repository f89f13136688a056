import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth, loadDisplayWidth, narrowWidth, padEndCells, padStartCells, truncateCells } from '../../../src/util/width.ts';

describe('display width before the full rules load', () => {
  it('already counts CJK as two cells and ASCII as one', () => {
    expect(displayWidth('web')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('한국')).toBe(4);
  });
});

describe('display width', () => {
  beforeAll(loadDisplayWidth);

  it('counts CJK and emoji as two cells, combining marks as none', () => {
    expect(displayWidth('web')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('🐳')).toBe(2);
    expect(displayWidth('👩‍💻')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('counts the symbols tables are drawn with as one cell each, as string-width does, and the soft hyphen as none', async () => {
    const stringWidth = (await import('string-width')).default;
    const symbols = '–·…↑↓▁▂▃▄▅▆▇█│─┤⣿⠁é×°';
    for (const ch of symbols) expect(displayWidth(ch), ch).toBe(stringWidth(ch));
    expect(displayWidth(`a${symbols}b`)).toBe(symbols.length + 2);
    expect(displayWidth('a\u00adb')).toBe(stringWidth('a\u00adb'));
  });

  it('agrees with string-width on every character its narrow shortcut answers for', async () => {
    const stringWidth = (await import('string-width')).default;
    let checked = 0;
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (narrowWidth(ch) === undefined) continue;
      checked++;
      expect(narrowWidth(ch), `U+${cp.toString(16)}`).toBe(stringWidth(ch));
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('answers for coloured lines as string-width does, and leaves other escapes and wide text to it', async () => {
    const stringWidth = (await import('string-width')).default;
    const lines = ['\x1b[32mrunning\x1b[39m – 12%', '\x1b[1;38;5;208m▁▂▃\x1b[0m', '\x1b[38:2::1:2:3mx\x1b[m'];
    for (const line of lines) expect(narrowWidth(line), JSON.stringify(line)).toBe(stringWidth(line));
    for (const line of ['\x1b]8;;http://x\x07link\x1b]8;;\x07', '日本', '\x1b[31m🐳\x1b[39m', 'a\tb', 'e\u0301']) {
      expect(narrowWidth(line), JSON.stringify(line)).toBeUndefined();
    }
  });

  it('pads to a width in cells', () => {
    expect(padEndCells('日本', 6)).toBe('日本  ');
    expect(padStartCells('🐳', 4)).toBe('  🐳');
    expect(padEndCells('toolong', 3)).toBe('toolong');
  });

  it('truncates between graphemes, never splitting a wide character', () => {
    expect(truncateCells('abcdef', 4)).toBe('abc…');
    expect(truncateCells('日本語テキスト', 6)).toBe('日本…');
    expect(displayWidth(truncateCells('日本語テキスト', 6))).toBeLessThanOrEqual(6);
    expect(truncateCells('👩‍💻👩‍💻👩‍💻', 5)).toBe('👩‍💻👩‍💻…');
    expect(truncateCells('short', 10)).toBe('short');
  });
});
