/**
 * Durations as operators type them (`--timeout 10s`, `refresh: 1s`,
 * `--window 200ms`). One grammar for flags and config, so `1m30s` means the
 * same everywhere. Values are milliseconds internally.
 */

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** What a duration may look like, for error messages and help. */
export const DURATION_HINT = 'use seconds (10) or a duration such as 500ms, 10s, 1m30s or 2h';

/**
 * Parses `10s`, `1m30s`, `200ms`, `2h`, `1.5s`, or a plain number of
 * seconds (`5`, `0.5`) into milliseconds. Returns null for anything else
 * (negative, empty, unknown unit) so the caller can name the flag or config
 * key at fault. Go's spelling is followed because docker and kubectl users
 * already type it.
 */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const part = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    part.lastIndex = at;
    const m = part.exec(s);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    at = part.lastIndex;
  }
  return Math.round(total);
}

/**
 * Formats milliseconds back into the shortest form `parseDuration` reads
 * (`1m30s`, `200ms`, `10s`), for help defaults and messages.
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000 || ms % 1000 !== 0) {
    if (ms < 1000) return `${ms}ms`;
    return `${ms / 1000}s`;
  }
  let rest = ms / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
}
