/**
 * Editing the line typed at the bottom (`/filter`, `:command`, a log
 * search, a file name) as a pure function of the line and a key press.
 */
import type { InputLine } from '../state/ui.ts';
import { completeCommand } from '../state/views.ts';
import { isPrintable } from '../keys.ts';
import type { Press } from './presses.ts';

/** What a press does to the line. */
export type LineEdit =
  | { type: 'cancel' }
  | { type: 'commit' }
  | { type: 'text'; text: string }
  | { type: 'none' };

/** The edit a press makes: esc cancels, enter commits, backspace and ctrl+u erase, tab completes commands. */
export function editLine(line: Pick<InputLine, 'text'> & { kind?: InputLine['kind'] }, p: Press): LineEdit {
  switch (p.name) {
    case 'esc': return { type: 'cancel' };
    case 'enter': return { type: 'commit' };
    case 'backspace': case 'delete': return { type: 'text', text: [...line.text].slice(0, -1).join('') };
    case 'ctrl+u': return { type: 'text', text: '' };
    case 'tab': return line.kind === 'command' ? { type: 'text', text: completeCommand(line.text) } : { type: 'none' };
    default:
      return !p.mod && p.input !== '' && isPrintable(p.input) ? { type: 'text', text: line.text + p.input } : { type: 'none' };
  }
}
