/**
 * The bottom two lines: the line being typed (`/filter`, `:command`), or a
 * notice, or nothing; then the key hints of the current view.
 */
import { Box, Text } from 'ink';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { Segment } from '../table/columns.ts';
import type { InputLine, Notice } from '../state/ui.ts';
import { tx, type Theme } from '../theme/tokens.ts';
import { Line } from './Segments.tsx';

/** Props of Footer. */
export interface FooterProps {
  input: InputLine | null;
  notice: Notice | null;
  hints: readonly Segment[];
  theme: Theme;
}

const PROMPT: Record<InputLine['kind'], string> = { filter: '/', command: ':', search: 'search /', save: 'save to ', forward: 'forward [LOCAL:]PORT ' };
const TONE = { info: 'text.normal', ok: 'text.ok', warning: 'text.warning', error: 'text.error' } as const;

/** Two lines: input or notice, then hints. */
export function Footer({ input, notice, hints, theme }: FooterProps) {
  return (
    <Box flexDirection="column" height={2}>
      {input ? (
        <Text wrap="truncate">
          <Text {...tx(theme, 'key')}>{PROMPT[input.kind]}</Text>
          {sanitizeInline(input.text)}
          <Text inverse> </Text>
          {input.note ? <Text {...tx(theme, 'text.error')}>{`  ${sanitizeInline(input.note)}`}</Text> : null}
        </Text>
      ) : notice ? (
        <Text wrap="truncate" {...tx(theme, TONE[notice.tone])}>{sanitizeInline(notice.text)}</Text>
      ) : (
        <Text> </Text>
      )}
      <Line segments={hints} theme={theme} />
    </Box>
  );
}
