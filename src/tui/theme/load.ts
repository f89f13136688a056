/**
 * Loads a theme from YAML (`themes/<name>.yaml`, or a path) and checks it
 * against the token list, so a typo in a token or a colour is reported with
 * its file instead of silently rendering unstyled. `NO_COLOR` (any
 * non-empty value, no-color.org) and `--no-color` force `monochrome`.
 * The `yaml` package is imported here, lazily: scripts never pay for it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { BerthError } from '../../domain/errors.ts';
import { didYouMean } from '../../util/suggest.ts';
import { TOKENS, type Style, type Theme, type Token } from './tokens.ts';

/** The shipped themes: repo-root `themes/` (same depth from src/tui/theme and dist/tui/theme). */
export const THEMES_DIR = fileURLToPath(new URL('../../../themes/', import.meta.url));

/** Names of the shipped themes. */
export const BUILTIN_THEMES = ['dark', 'light', 'high-contrast', 'monochrome'] as const;

const STYLE_KEYS = new Set(['fg', 'bg', 'bold', 'dim', 'inverse', 'underline']);
const NAMED_COLORS = new Set([
  'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey',
  'blackBright', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright',
]);

/** Whether colour is off: NO_COLOR set to anything non-empty, or --no-color. */
export function colorDisabled(env: Readonly<Record<string, string | undefined>>, noColorFlag: boolean): boolean {
  return noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

/** Whether a theme choice is a file path rather than a shipped theme's name. */
function isPath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.endsWith('.yaml');
}

/** Where a theme name or path points. */
export function themeFile(nameOrPath: string): string {
  return isPath(nameOrPath) ? nameOrPath : join(THEMES_DIR, `${nameOrPath}.yaml`);
}

function fail(file: string, message: string, hint?: string): never {
  throw new BerthError('config', `${file}: ${message}`, hint === undefined ? {} : { hint });
}

function color(file: string, where: string, value: unknown, palette: Record<string, string>): string {
  if (typeof value !== 'string') fail(file, `${where}: expected a colour name or #rrggbb, got ${JSON.stringify(value)}`);
  const v = palette[value] ?? value;
  if (/^#[0-9a-f]{6}$/i.test(v) || NAMED_COLORS.has(v)) return v;
  return fail(file, `${where}: "${value}" is not a palette entry, a colour name or #rrggbb`);
}

/**
 * Parses and validates theme YAML text. Tokens left out are plain (no
 * style); unknown tokens and bad colours are errors naming the file.
 */
export function parseTheme(text: string, file: string, yaml: typeof import('yaml')): Theme {
  let doc: unknown;
  try {
    doc = yaml.parse(text);
  } catch (err) {
    fail(file, `not valid YAML: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null) fail(file, 'expected a mapping with name, palette and tokens');
  const d = doc as Record<string, unknown>;
  const palette: Record<string, string> = {};
  for (const [k, v] of Object.entries((d.palette ?? {}) as Record<string, unknown>)) {
    if (typeof v !== 'string') fail(file, `palette.${k}: expected a colour string`);
    palette[k] = v;
  }
  const styles = Object.fromEntries(TOKENS.map((t) => [t, {} as Style])) as Record<Token, Style>;
  for (const [token, raw] of Object.entries((d.tokens ?? {}) as Record<string, unknown>)) {
    if (!(TOKENS as readonly string[]).includes(token)) {
      const guess = didYouMean(token, TOKENS);
      fail(file, `tokens: unknown token "${token}"${guess ? `; did you mean "${guess}"?` : ''}`);
    }
    if (typeof raw !== 'object' || raw === null) fail(file, `tokens.${token}: expected a mapping such as {fg: green, bold: true}`);
    const style: Style = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (!STYLE_KEYS.has(k)) fail(file, `tokens.${token}.${k}: unknown style key; use fg, bg, bold, dim, inverse, underline`);
      if (k === 'fg' || k === 'bg') style[k] = color(file, `tokens.${token}.${k}`, v, palette);
      else if (typeof v !== 'boolean') fail(file, `tokens.${token}.${k}: expected true or false`);
      else style[k as 'bold' | 'dim' | 'inverse' | 'underline'] = v;
    }
    styles[token as Token] = style;
  }
  const name = typeof d.name === 'string' ? d.name : file;
  return { name, monochrome: name === 'monochrome', styles };
}

/** The theme names in a themes folder (its `*.yaml` files), sorted; empty when it cannot be read. */
export async function availableThemes(dir = THEMES_DIR): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
  } catch {
    return [];
  }
}

/** Where a theme choice came from, for the error: `--theme`, or the config's `FILE:LINE:COL`. */
export interface ThemeOptions {
  noColor: boolean;
  source?: string;
}

/**
 * Loads the chosen theme (checked even when colour is off, so a typo in
 * `--theme` or the config is reported, not hidden by NO_COLOR), then
 * gives monochrome instead when colour is off. An unknown name is a
 * config error (exit 2) that lists the themes in themes/.
 */
export async function loadTheme(nameOrPath: string, opts: ThemeOptions): Promise<Theme> {
  const file = themeFile(nameOrPath);
  const where = opts.source === undefined ? '' : `${opts.source}: `;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    if (!isPath(nameOrPath)) {
      const names = await availableThemes();
      const guess = didYouMean(nameOrPath, names);
      throw new BerthError('config', `${where}unknown theme "${nameOrPath}"${guess ? `; did you mean "${guess}"?` : ''}`, {
        hint: `the themes in ${THEMES_DIR} are ${names.join(', ')}; or give a path to a YAML file`,
      });
    }
    return fail(file, `${where}cannot read theme "${nameOrPath}": ${code}`);
  }
  const yaml = await import('yaml');
  const theme = parseTheme(text, file, yaml);
  return opts.noColor && theme.name !== 'monochrome' ? loadTheme('monochrome', { noColor: false }) : theme;
}
