import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { BUILTIN_THEMES, colorDisabled, loadTheme, parseTheme } from '../../../src/tui/theme/load.ts';
import { TOKENS, tx } from '../../../src/tui/theme/tokens.ts';
import { colorLevel, forcedColor } from '../../../src/tui/theme/color-depth.ts';

describe('themes', () => {
  it.each(BUILTIN_THEMES)('ships %s with a style for every token', async (name) => {
    const theme = await loadTheme(name, { noColor: false });
    expect(theme.name).toBe(name);
    const file = (await import('node:fs')).readFileSync(new URL(`../../../themes/${name}.yaml`, import.meta.url), 'utf8');
    const declared = Object.keys((yaml.parse(file) as { tokens: object }).tokens);
    expect(declared.sort()).toEqual([...TOKENS].sort());
  });

  it('uses no colour at all in monochrome', async () => {
    const theme = await loadTheme('dark', { noColor: true });
    expect(theme.name).toBe('monochrome');
    for (const t of TOKENS) expect(tx(theme, t).color).toBeUndefined();
    expect(tx(theme, 'row.cursor')).toEqual({ inverse: true });
  });

  it('turns colour off for NO_COLOR with any non-empty value, or --no-color', () => {
    expect(colorDisabled({ NO_COLOR: '1' }, false)).toBe(true);
    expect(colorDisabled({ NO_COLOR: '' }, false)).toBe(false);
    expect(colorDisabled({}, true)).toBe(true);
  });

  it('rejects unknown tokens and colours, naming the file', () => {
    expect(() => parseTheme('tokens: { status.runing: { fg: green } }', 't.yaml', yaml)).toThrow(/t\.yaml: tokens: unknown token "status.runing"; did you mean "status.running"/);
    expect(() => parseTheme('tokens: { key: { fg: chartreuse } }', 't.yaml', yaml)).toThrow(/"chartreuse" is not a palette entry/);
    expect(parseTheme('palette: { a: "#010203" }\ntokens: { key: { fg: a } }', 't.yaml', yaml).styles.key).toEqual({ fg: '#010203' });
  });

  it('says which themes exist when a name is wrong', async () => {
    await expect(loadTheme('drak', { noColor: false })).rejects.toMatchObject({ hint: expect.stringContaining('dark, light, high-contrast, monochrome') });
  });
});

describe('colour depth', () => {
  it('comes from TERM and COLORTERM, not from CI', () => {
    expect(colorLevel({ TERM: 'xterm-256color' })).toBe(2);
    expect(colorLevel({ TERM: 'screen', COLORTERM: 'truecolor' })).toBe(3);
    expect(colorLevel({ TERM: 'dumb' })).toBe(0);
    expect(forcedColor({ CI: 'true', TERM: 'tmux-256color' }, true)).toBe('2');
    expect(forcedColor({ TERM: 'xterm' }, true)).toBeNull();
    expect(forcedColor({ CI: 'true', FORCE_COLOR: '0' }, true)).toBeNull();
  });
});
