import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeInline } from '../../../src/util/sanitize.ts';
import { controlChars } from './control-chars.ts';

const ESC = '\u001b';
const BEL = '\u0007';

/** Nothing that a terminal would act on survives. */
function expectInert(text: string): void {
  expect(controlChars(text)).toEqual([]);
}

describe('sanitize: what a hostile container could print', () => {
  it.each([
    ['a window title set (OSC 0, BEL)', `${ESC}]0;pwned${BEL}web`, 'web'],
    ['a window title set (OSC 2, ST)', `${ESC}]2;pwned${ESC}\\web`, 'web'],
    ['an OSC 8 hyperlink around text', `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    ['OSC 52 clipboard write', `${ESC}]52;c;cm0gLXJmIC8=${BEL}ok`, 'ok'],
    ['clear screen and home', `${ESC}[2J${ESC}[Hfake prompt$ `, 'fake prompt$ '],
    ['cursor moves hiding a line', `real${ESC}[1A${ESC}[2Kforged`, 'realforged'],
    ['SGR colours', `${ESC}[1;31mred${ESC}[0m`, 'red'],
    ['private-mode CSI (alternate screen)', `${ESC}[?1049hx${ESC}[?1049l`, 'x'],
    ['bracketed paste markers', `${ESC}[200~rm -rf /${ESC}[201~`, 'rm -rf /'],
    ['8-bit CSI 0x9b', '\u009b2Jcleared', 'cleared'],
    ['8-bit OSC 0x9d ended by 8-bit ST 0x9c', '\u009d0;title\u009cafter', 'after'],
    ['DCS string (e.g. DECRQSS / sixel)', `${ESC}P1$qm${ESC}\\after`, 'after'],
    ['APC, PM and SOS strings', `${ESC}_apc${ESC}\\a${ESC}^pm${ESC}\\b${ESC}Xsos${ESC}\\c`, 'abc'],
    ['charset designation (ESC ( 0, line drawing)', `${ESC}(0lqk${ESC}(B`, 'lqk'],
    ['keypad mode and reset (ESC =, ESC c)', `${ESC}=${ESC}ctext`, 'text'],
    ['SS3 with its character', `${ESC}OAup`, 'up'],
    ['a lone ESC before text', `${ESC}`, ''],
    ['C0 controls: NUL, BEL, BS, VT, FF, SO', 'a\u0000b\u0007c\u0008d\u000be\u000cf\u000eg', 'abcdefg'],
    ['DEL', 'a\u007fb', 'ab'],
    ['other C1 controls (NEL, IND, RI)', 'a\u0085b\u0084c\u008dd', 'abcd'],
  ])('%s', (_what, input, expected) => {
    const out = sanitize(input);
    expect(out).toBe(expected);
    expectInert(out);
  });

  it('drops a sequence truncated at the end of the text', () => {
    expect(sanitize(`ok${ESC}[`)).toBe('ok');
    expect(sanitize(`ok${ESC}[1;3`)).toBe('ok');
    expect(sanitize(`ok${ESC}]0;never ends`)).toBe('ok');
    expect(sanitize(`ok${ESC}P unterminated dcs`)).toBe('ok');
    expect(sanitize('ok\u009b12')).toBe('ok');
  });

  it('ends an unterminated OSC at the newline, so the next log line survives', () => {
    expect(sanitize(`one${ESC}]0;title\ntwo\n`)).toBe('one\ntwo\n');
  });

  it('ends a malformed CSI at the offending character and keeps the rest', () => {
    expect(sanitize(`a${ESC}[12\nb`)).toBe('a\nb');
  });

  it('removes a sequence nested inside an OSC string too', () => {
    const out = sanitize(`${ESC}]0;${ESC}[31mx${BEL}y`);
    expectInert(out);
    expect(out).toContain('y');
  });

  it('keeps newlines and tabs by default and drops carriage returns', () => {
    expect(sanitize('a\tb\r\nc')).toBe('a\tb\nc');
    expect(sanitize('progress 10%\rprogress 20%')).toBe('progress 10%progress 20%');
  });

  it('keeps carriage returns when asked (raw TTY output)', () => {
    expect(sanitize('a\r\nb', { carriageReturns: true })).toBe('a\r\nb');
  });

  it('leaves printable Unicode alone: CJK, emoji, accents, RTL', () => {
    const text = 'コンテナ 🐳 café עברית 👩‍💻 ½ «»';
    expect(sanitize(text)).toBe(text);
  });

  it('keeps U+00A0 and above (only U+0080–U+009F are C1)', () => {
    expect(sanitize('a\u00a0b\u00ffc')).toBe('a\u00a0b\u00ffc');
  });

  it('is idempotent', () => {
    const nasty = `${ESC}${ESC}[[31m]0;x${BEL}\u009b\u009b1m`;
    const once = sanitize(nasty);
    expect(sanitize(once)).toBe(once);
    expectInert(once);
  });

  it('cannot be tricked into assembling a sequence from what it leaves', () => {
    // Removing the inner sequence must not join ESC and [ into a new one.
    const out = sanitize(`${ESC}${ESC}[0m[2J`);
    expect(out).toBe('[2J');
    expectInert(out);
  });
});

describe('sanitizeInline', () => {
  it('turns newlines and tabs into spaces, for one table cell', () => {
    expect(sanitizeInline('a\nb\tc\r')).toBe('a b c');
    expect(sanitizeInline(`x${ESC}]0;t${BEL}\ny`)).toBe('x y');
  });
});
