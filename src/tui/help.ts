/**
 * What the `?` overlay and the footer show, generated from the key table
 * for the current context (STYLE.md: one table drives help and hints).
 * Read-only mode drops every action that changes a container.
 */
import { displayWidth } from '../util/width.ts';
import { ACTIONS, actionsIn, keyLabel, type Action, type KeyContext, type KeyMap } from './keys.ts';
import type { Segment } from './table/columns.ts';

/** One line of help. */
export interface HelpEntry {
  action: Action;
  keys: string;
  description: string;
}

/** Every action live in `context` with its keys, in table order. */
export function helpEntries(map: KeyMap, context: KeyContext, readonly: boolean): HelpEntry[] {
  return actionsIn(context)
    .filter((a) => !(readonly && ACTIONS[a].mutates))
    .map((a) => ({ action: a, keys: map.keys[a].map(keyLabel).join(' '), description: ACTIONS[a].description }));
}

/**
 * The footer: `key label` pairs for the context's hinted actions, then
 * help and quit, cut from the end to fit `width` (help and quit stay).
 */
export function hintSegments(map: KeyMap, context: KeyContext, readonly: boolean, width: number): Segment[] {
  const hinted = actionsIn(context).filter((a) => ACTIONS[a].hint !== undefined && !(readonly && ACTIONS[a].mutates));
  const tail = hinted.filter((a) => a === 'help' || a === 'quit');
  let body = hinted.filter((a) => a !== 'help' && a !== 'quit');
  const build = (list: Action[]): Segment[] => list.flatMap((a, i) => [
    ...(i > 0 ? [{ text: '  ' }] : []),
    { text: keyLabel(map.keys[a][0] ?? '?'), token: 'key' as const },
    { text: ` ${ACTIONS[a].hint}` },
  ]);
  for (;;) {
    const segs = build([...body, ...tail]);
    if (body.length === 0 || segs.reduce((s, x) => s + displayWidth(x.text), 0) <= width) return segs;
    body = body.slice(0, -1);
  }
}
