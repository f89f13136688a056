/**
 * The SSH transport's question to the operator, in a box above the footer:
 * an unknown host key (fingerprint as ssh-keygen prints it, and the file
 * the key will be recorded in on yes) or a passphrase for a key file (typed
 * characters shown as `*`, never the text). Only `y` trusts a key; enter
 * sends a passphrase, esc skips the key.
 */
import { Box, Text } from 'ink';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { Question } from '../data/prompts.ts';
import { tx, type Theme } from '../theme/tokens.ts';

/** Lines the dialog takes. */
export const PROMPT_HEIGHT = 6;

/** Props of PromptDialog. */
export interface PromptDialogProps {
  question: Question;
  /** Characters typed so far (passphrase). */
  typed: number;
  width: number;
  theme: Theme;
}

/** The question box. */
export function PromptDialog({ question, typed, width, theme }: PromptDialogProps) {
  const border = tx(theme, question.kind === 'hostKey' ? 'border.danger' : 'border.focus');
  const key = tx(theme, 'key');
  return (
    <Box borderStyle="round" {...(border.color ? { borderColor: border.color } : {})} flexDirection="column" width={width} height={PROMPT_HEIGHT}>
      {question.kind === 'hostKey' ? (
        <>
          <Text wrap="truncate" bold>{`Node ${sanitizeInline(question.question.node)}: the host key of ${sanitizeInline(question.question.host)} is not known.`}</Text>
          <Text wrap="truncate">{sanitizeInline(question.question.fingerprint)}</Text>
          <Text wrap="truncate">{`Trust it and record it in ${sanitizeInline(question.question.record.file)}?`}</Text>
          <Text wrap="truncate"><Text {...key}>y</Text> trust and connect   <Text {...key}>n</Text>/<Text {...key}>esc</Text> refuse (the node stays down)</Text>
        </>
      ) : (
        <>
          <Text wrap="truncate" bold>{`Node ${sanitizeInline(question.node)}: passphrase for ${sanitizeInline(question.keyFile)}`}</Text>
          <Text wrap="truncate">{'*'.repeat(typed)}<Text inverse> </Text></Text>
          <Text> </Text>
          <Text wrap="truncate"><Text {...key}>enter</Text> unlock   <Text {...key}>esc</Text> skip this key (load it into ssh-agent to avoid the question)</Text>
        </>
      )}
    </Box>
  );
}
