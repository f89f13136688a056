/**
 * The user's `keys:` remaps (CLI.md "Config") checked against the action
 * table before the console opens, so a typo or a clash is reported as
 * `FILE:LINE:COL: …` on a normal screen, not discovered mid-incident as a
 * dead key. A remap replaces the action's default keys.
 */
import { didYouMean } from '../util/suggest.ts';
import { ACTIONS, DEFAULT_KEYS, MULTIPLEXER_PREFIXES, conflicts, normalizeKey, type Action } from './keys.ts';

/** The outcome: the table to use, what stops the start, what is worth a warning. */
export interface ResolvedKeys {
  keys: Record<Action, readonly string[]>;
  errors: string[];
  warnings: string[];
}

function isAction(name: string): name is Action {
  return Object.hasOwn(ACTIONS, name);
}

/**
 * Applies `overrides` (action → key or keys) to the defaults. `locate`
 * turns a config path into `FILE:LINE:COL` (BerthConfig.locate).
 */
export function resolveKeys(overrides: Readonly<Record<string, string | readonly string[]>>, locate: (path: readonly (string | number)[]) => string): ResolvedKeys {
  const keys: Record<Action, readonly string[]> = { ...DEFAULT_KEYS };
  const errors: string[] = [];
  const warnings: string[] = [];
  const changed = new Set<Action>();
  for (const [name, value] of Object.entries(overrides)) {
    if (!isAction(name)) {
      const guess = didYouMean(name, Object.keys(ACTIONS));
      errors.push(`${locate(['keys', name])}: unknown action "${name}" in keys${guess ? `; did you mean "${guess}"?` : ''} (see ? in the console for the list)`);
      continue;
    }
    const list = typeof value === 'string' ? [value] : [...value];
    const normal: string[] = [];
    list.forEach((spec, i) => {
      const k = normalizeKey(spec);
      const where = locate(typeof value === 'string' ? ['keys', name] : ['keys', name, i]);
      if (k === null) {
        errors.push(`${where}: "${spec}" is not a key berth knows; use a character (x, G, ?), ctrl+<letter>, alt+<key>, or a name: up, down, left, right, pgup, pgdn, home, end, enter, esc, tab, backspace, delete, space`);
        return;
      }
      const prefix = MULTIPLEXER_PREFIXES[k];
      if (prefix) warnings.push(`${where}: ${k} is ${prefix}'s prefix key; inside ${prefix} it never reaches berth`);
      normal.push(k);
    });
    if (normal.length === 0 && list.length === 0) errors.push(`${locate(['keys', name])}: keys.${name} lists no key; every action needs one`);
    if (normal.length > 0) {
      keys[name] = normal;
      changed.add(name);
    }
  }
  for (const [key, a, b, context] of conflicts(keys)) {
    // Only clashes a remap caused are the user's to fix; the defaults are tested conflict-free.
    const mine = changed.has(b) ? b : changed.has(a) ? a : null;
    if (mine === null) continue;
    const other = mine === a ? b : a;
    errors.push(`${locate(['keys', mine])}: ${key} for ${mine} is already ${other}'s key in the ${context} view; remap ${other} too, or pick another key`);
  }
  return { keys, errors, warnings };
}

