/**
 * The question before a dangerous action, in a red box: what will happen,
 * to which containers, on which nodes and how many (the policy's own
 * wording, confirm.ts). Only `y` goes ahead; anything else cancels.
 */
import { Box, Text } from 'ink';
import { tx, type Theme } from '../theme/tokens.ts';

/** Lines the dialog takes. */
export const CONFIRM_HEIGHT = 4;

/** Props of ConfirmDialog. */
export interface ConfirmDialogProps {
  question: string;
  width: number;
  theme: Theme;
}

/** The confirmation box. */
export function ConfirmDialog({ question, width, theme }: ConfirmDialogProps) {
  const border = tx(theme, 'border.danger');
  return (
    <Box borderStyle="round" {...(border.color ? { borderColor: border.color } : {})} flexDirection="column" width={width} height={CONFIRM_HEIGHT}>
      <Text wrap="truncate" bold>{question.replace(/\s*\[y\/N\]\s*$/, '')}</Text>
      <Text wrap="truncate">
        <Text {...tx(theme, 'key')}>y</Text> yes, do it   <Text {...tx(theme, 'key')}>n</Text>/<Text {...tx(theme, 'key')}>esc</Text> no
      </Text>
    </Box>
  );
}
