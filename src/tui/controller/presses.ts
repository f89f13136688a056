/**
 * From Ink's input events to key presses, one per key the operator hit.
 * Terminals and tmux deliver keys typed or sent faster than a read as one
 * chunk, and Ink joins an ESC with whatever follows it within 20 ms (it is
 * waiting to see whether an escape sequence starts), so one event may hold
 * several presses:
 *
 * - `/web\rl` (no ESC in it): each character is a press.
 * - ESC then a key: Ink reports alt+key. With no alt binding it was esc,
 *   then the key.
 * - ESC ESC: Ink reports one escape with meta, alt+esc. With no binding
 *   for it, that is two escapes: the first closing a pane, the second
 *   clearing the filter under it. (Treated as one, the second was lost.)
 *
 * Known limit: ESC, `O` and a letter within 20 ms read as an SS3 sequence,
 * which Ink drops before berth sees it; no person types that fast.
 */
import { charKey, keyName, type InkKey } from '../keys.ts';

/** One key press, in the key table's spelling. */
export interface Press {
  /** `x`, `esc`, `ctrl+k`; null for input berth ignores. */
  name: string | null;
  /** The text typed (for line editing); '' for named keys. */
  input: string;
  /** Ctrl or alt was held (such presses never type text). */
  mod: boolean;
}

/** The presses in one Ink input event; `bound` says whether a key name has an action where the operator is. */
export function pressesOf(input: string, key: InkKey, bound: (name: string) => boolean): Press[] {
  const name = keyName(input, key);
  if (name === null && [...input].length > 1 && !input.includes('\u001b')) {
    return [...input].map((ch) => ({ name: charKey(ch), input: ch, mod: false }));
  }
  if (name !== null && name.startsWith('alt+') && !bound(name)) {
    const rest = name.slice(4);
    const single = [...rest].length === 1;
    return [{ name: 'esc', input: '', mod: false }, { name: single ? charKey(rest) : rest, input: single ? rest : '', mod: false }];
  }
  return [{ name, input, mod: key.ctrl || key.meta }];
}
