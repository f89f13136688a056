/**
 * Keys while an SSH question is on screen (data/prompts.ts): it takes every
 * key but ctrl+c until answered. For a host key only `y` trusts, `n` or esc
 * refuses, anything else is ignored (a stray `x` must not be read as yes);
 * a passphrase is typed (never drawn), enter sends it, esc skips the key.
 */
import type { Question } from '../data/prompts.ts';
import { isPrintable } from '../keys.ts';
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
  switch (p.name) {
    case 'enter': return { type: 'answer', value: secret };
    case 'esc': return { type: 'answer', value: null };
    case 'backspace': case 'delete': return { type: 'typing', secret: [...secret].slice(0, -1).join('') };
    case 'ctrl+u': return { type: 'typing', secret: '' };
    default: return { type: 'typing', secret: !p.mod && p.input !== '' && isPrintable(p.input) ? secret + p.input : secret };
  }
}
