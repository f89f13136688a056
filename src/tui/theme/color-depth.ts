/**
 * How many colours the terminal shows, decided from the terminal itself.
 * chalk (inside Ink) answers "none" whenever `CI` is set, the same trap as
 * Ink's interactivity (REFERENCE.md "Traps"): under tmux in CI the console
 * would lose every colour and even inverse video. berth decides from TERM
 * and COLORTERM instead and hands chalk the level through FORCE_COLOR,
 * before Ink is first imported. NO_COLOR is handled by the theme
 * (monochrome), not here.
 */

/** 0 none, 1 16 colours, 2 256, 3 truecolor (chalk's levels). */
export type ColorLevel = 0 | 1 | 2 | 3;

/** The level TERM and COLORTERM promise. */
export function colorLevel(env: Readonly<Record<string, string | undefined>>): ColorLevel {
  const term = env.TERM ?? '';
  if (term === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (/-256(color)?$/i.test(term)) return 2;
  if (/^(screen|tmux|xterm|vt100|vt220|rxvt|linux)|color|ansi|cygwin/i.test(term) || env.COLORTERM !== undefined) return 1;
  return 0;
}

/**
 * The FORCE_COLOR value to set before loading Ink, or null to leave chalk
 * to itself (not in CI, or the user already chose with FORCE_COLOR).
 */
export function forcedColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): string | null {
  if (!isTTY || !('CI' in env) || 'FORCE_COLOR' in env) return null;
  return String(colorLevel(env));
}
