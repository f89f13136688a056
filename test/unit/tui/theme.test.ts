import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableThemes, BUILTIN_THEMES, colorDisabled, loadTheme, parseTheme } from '../../../src/tui/theme/load.ts';
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

  it('says which themes exist in themes/ when a name is wrong, and where the name came from', async () => {
    await expect(loadTheme('drak', { noColor: false, source: '--theme' })).rejects.toMatchObject({
      kind: 'config',
      message: '--theme: unknown theme "drak"; did you mean "dark"?',
      hint: expect.stringMatching(/^the themes in \S+themes\/ are dark, high-contrast, light, monochrome; or give a path to a YAML file$/),
    });
    expect(await availableThemes()).toEqual([...BUILTIN_THEMES].sort());
  });

  it('checks the chosen theme even under NO_COLOR, then gives monochrome', async () => {
    await expect(loadTheme('nosuch', { noColor: true })).rejects.toMatchObject({ kind: 'config' });
    expect((await loadTheme('light', { noColor: true })).name).toBe('monochrome');
  });

  it('takes a path to a theme file, naming the file when it is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-theme-'));
    try {
      writeFileSync(join(dir, 'mine.yaml'), 'name: mine\ntokens: { key: { fg: red } }\n');
      expect((await loadTheme(join(dir, 'mine.yaml'), { noColor: false })).styles.key).toEqual({ fg: 'red' });
      await expect(loadTheme(join(dir, 'gone.yaml'), { noColor: false, source: '--theme' })).rejects.toThrow(/gone\.yaml: --theme: cannot read theme .*ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
