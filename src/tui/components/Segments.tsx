/**
 * Styled runs of text inside one `<Text>`: the building block of every
 * preformatted line (one Ink text node per line, nested only where a
 * token colours part of it).
 */
import { Text } from 'ink';
import type { Segment } from '../table/columns.ts';
import { tx, type Theme, type Token } from '../theme/tokens.ts';

/** Props of Line. */
export interface LineProps {
  segments: readonly Segment[];
  theme: Theme;
  /** A style over the whole line (cursor, stale); inner tokens are dropped when `flat`. */
  token?: Token;
  flat?: boolean;
}

/** One terminal line from segments; never wraps. */
export function Line({ segments, theme, token, flat }: LineProps) {
  const inner = flat
    ? segments.map((s) => s.text).join('')
    : segments.map((s, i) => (s.token === undefined ? s.text : <Text key={i} {...tx(theme, s.token)}>{s.text}</Text>));
  return (
    <Text wrap="truncate" {...(token === undefined ? {} : tx(theme, token))}>
      {inner}
    </Text>
  );
}
