/**
 * Semantic style tokens (STYLE.md "Keys and themes"): components ask for
 * `status.running` or `text.muted`, never for a colour, so a theme file can
 * restyle the whole console and NO_COLOR can swap in a monochrome one.
 */

/** Every token a theme styles; components use only these. */
export const TOKENS = [
  'text.normal', 'text.muted', 'text.stale', 'text.title', 'text.error', 'text.warning', 'text.ok',
  'table.header', 'row.cursor', 'row.selected', 'match',
  'status.running', 'status.exited', 'status.paused', 'status.restarting', 'status.created', 'status.dead',
  'health.healthy', 'health.unhealthy', 'health.starting',
  'node.up', 'node.down', 'node.connecting',
  'border.normal', 'border.focus', 'border.danger',
  'key',
  'chart.cpu', 'chart.memory', 'chart.network', 'chart.blockio',
] as const;

/** One semantic token. */
export type Token = (typeof TOKENS)[number];

/** How a token looks. Colours are Ink/chalk names (`green`, `gray`) or `#rrggbb`. */
export interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

/** A loaded theme: every token resolved to a style. */
export interface Theme {
  name: string;
  /** True for the monochrome theme: components may add text markers where colour would speak. */
  monochrome: boolean;
  styles: Record<Token, Style>;
}

/** The props of an Ink `<Text>` for a style. */
export interface TextStyleProps {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

/** Ink `<Text>` props for a token (spread them: `<Text {...tx(theme, 'text.muted')}>`). */
export function tx(theme: Theme, token: Token): TextStyleProps {
  const s = theme.styles[token];
  const out: TextStyleProps = {};
  if (s.fg !== undefined) out.color = s.fg;
  if (s.bg !== undefined) out.backgroundColor = s.bg;
  if (s.bold) out.bold = true;
  if (s.dim) out.dimColor = true;
  if (s.inverse) out.inverse = true;
  if (s.underline) out.underline = true;
  return out;
}

/** The token for a container state (with health taking over when it is bad or pending). */
export function stateToken(state: string, health: string | null): Token {
  if (health === 'unhealthy') return 'health.unhealthy';
  if (health === 'starting') return 'health.starting';
  switch (state) {
    case 'running': return 'status.running';
    case 'paused': return 'status.paused';
    case 'restarting': return 'status.restarting';
    case 'created': return 'status.created';
    case 'dead': case 'removing': return 'status.dead';
    default: return 'status.exited';
  }
}
