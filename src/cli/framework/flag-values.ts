/**
 * Converts a flag's text to its declared type, or throws a usage error that
 * names the flag, what was given and what would do (`--tail: "ten" is not a
 * number`). Kept apart from the parser so the rules are easy to read.
 */
import { BerthError } from '../../domain/errors.ts';
import { DURATION_HINT, formatDuration, parseDuration } from '../../util/duration.ts';
import { suggestionSuffix } from '../../util/suggest.ts';
import type { FlagSpec } from './flags.ts';

/** Values `--flag=…` accepts for a boolean. */
const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

/**
 * The typed value of `raw` for `spec`. `shown` is how the flag was spelt
 * (`--tail`, `-n`), used in the message; `helpHint` is the "See …" line.
 */
export function convertFlagValue(spec: FlagSpec, raw: string, shown: string, helpHint: string): unknown {
  const fail = (why: string, hint = helpHint): never => {
    throw new BerthError('usage', `invalid value "${raw}" for ${shown}: ${why}`, { hint });
  };
  switch (spec.type) {
    case 'boolean': {
      const v = raw.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      return fail('use true or false');
    }
    case 'string':
      return raw;
    case 'enum': {
      if (spec.choices.includes(raw)) return raw;
      return fail(`choose ${listChoices(spec.choices)}${suggestionSuffix(raw, spec.choices)}`);
    }
    case 'number': {
      const n = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(n)) return fail(`expected ${spec.integer ? 'a whole number' : 'a number'}`);
      if (spec.integer && !Number.isInteger(n)) return fail('expected a whole number');
      if (spec.min !== undefined && n < spec.min) return fail(`must be ${spec.min} or more`);
      if (spec.max !== undefined && n > spec.max) return fail(`must be ${spec.max} or less`);
      return n;
    }
    case 'duration': {
      const ms = parseDuration(raw);
      if (ms === null) return fail('expected a duration', DURATION_HINT);
      if (spec.minMs !== undefined && ms < spec.minMs) return fail(`must be at least ${formatDuration(spec.minMs)}`);
      return ms;
    }
  }
}

/** `a, b or c`. */
export function listChoices(choices: readonly string[]): string {
  if (choices.length <= 1) return choices.join('');
  return `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}
