/**
 * Keys while an SSH question is on screen (data/prompts.ts): it takes every
 * key but ctrl+c until answered. For a host key only `y` trusts, `n` or esc
 * refuses, anything else is ignored (a stray `x` must not be read as yes);
 * a passphrase is typed (never drawn), enter sends it, esc skips the key.
 */
import type { Question } from '../data/prompts.ts';
import { editLine } from './line-edit.ts';
import type { Press } from './presses.ts';

/** The outcome of a press: the passphrase typed so far, or the answer. */
export type QuestionStep = { type: 'typing'; secret: string } | { type: 'answer'; value: boolean | string | null };

/** What `p` does to question `q` with `secret` typed so far. */
export function questionStep(q: Question, secret: string, p: Press): QuestionStep {
  if (q.kind === 'hostKey') {
    if (p.input === 'y' || p.input === 'Y') return { type: 'answer', value: true };
    if (p.input === 'n' || p.input === 'N' || p.name === 'esc') return { type: 'answer', value: false };
    return { type: 'typing', secret };
  }
  // A passphrase is edited like any footer line, only never drawn.
  const e = editLine({ text: secret }, p);
  switch (e.type) {
    case 'commit': return { type: 'answer', value: secret };
    case 'cancel': return { type: 'answer', value: null };
    case 'text': return { type: 'typing', secret: e.text };
    case 'none': return { type: 'typing', secret };
  }
}
