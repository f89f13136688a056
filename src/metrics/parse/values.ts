/**
 * Parsers for the two shapes most cgroup and procfs files share: a single
 * number (`pids.current`, `memory.current`, `cpuacct.usage`) and flat
 * `key value` lines (`cpu.stat`, `memory.stat`, `memory.events`,
 * `memory.oom_control`). Kernel Documentation/admin-guide/cgroup-v2.rst,
 * "Format": "Flat keyed" and "Single value". They take text and return
 * null for anything malformed, so one odd file never fails a whole sample.
 */

/** A non-negative decimal, or null. `Number('')` is 0, hence the explicit check. */
export function toCount(word: string | undefined): number | null {
  if (word === undefined || word.length === 0) return null;
  const n = Number(word);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A single-value file holding one number. */
export function parseSingle(text: string): number | null {
  return toCount(text.trim());
}

/**
 * A limit file: v2 `memory.max` says `max` when unlimited. v1
 * `memory.limit_in_bytes` says PAGE_COUNTER_MAX × page size
 * (9223372036854771712 on x86-64) instead; callers compare with MemTotal.
 */
export function parseLimit(text: string): number | 'max' | null {
  const word = text.trim();
  return word === 'max' ? 'max' : toCount(word);
}

/**
 * The value of one key in a flat-keyed file, or null when absent. Looks the
 * key up instead of splitting every line: v1 memory.stat has ~45 lines of
 * which berth needs three, and this runs for every container every tick.
 */
export function keyedValue(text: string, key: string): number | null {
  let at = text.startsWith(`${key} `) ? 0 : text.indexOf(`\n${key} `);
  if (at < 0) return null;
  if (text.charCodeAt(at) === 10) at++;
  const start = at + key.length + 1;
  const end = text.indexOf('\n', start);
  return toCount(text.slice(start, end < 0 ? undefined : end).trim());
}
