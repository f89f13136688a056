/**
 * The time arguments of the stream verbs (`logs --since`, `events --since`
 * and `--until`), read as docker reads them so scripts carry over: an
 * RFC 3339 time (a zone-less one is local time), unix seconds (`1700000000`,
 * fractions allowed), or a duration ago (`10m`, `1h30m`, `0s` = now). A bare
 * number is unix seconds, as in docker, never a duration. Values are unix
 * seconds, fractional, which is what the Engine API takes.
 */
import { BerthError } from '../../domain/errors.ts';
import { parseDuration } from '../../util/duration.ts';

/** `2026-01-02`, `2026-01-02T03:04`, `…:05`, `…:05.123456789`, then `Z`, `±hh:mm` or nothing. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?([Zz]|[+-]\d{2}:?\d{2})?$/;
const UNIX = /^\d+(?:\.\d{1,9})?$/;

/** How the flag's value may be written, for error hints. */
export const TIME_ARG_HINT = 'use an RFC 3339 time (2026-01-02T15:04:05Z), unix seconds (1767366245) or a duration ago (10m, 1h30m, 0s for now)';

/**
 * Parses a time argument into unix seconds, or null when it is none of the
 * accepted forms. `now` anchors durations.
 */
export function parseTimeArg(text: string, now: Date): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (UNIX.test(s)) return Number(s);
  const m = DATE_TIME.exec(s);
  if (m) return dateTimeSeconds(m);
  // A duration needs a unit here: a bare number was unix seconds above.
  if (!/[a-z]$/i.test(s)) return null;
  const ms = parseDuration(s);
  return ms === null ? null : (now.getTime() - ms) / 1000;
}

function dateTimeSeconds(m: RegExpExecArray): number | null {
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = m;
  const base = `${y}-${mo}-${d}T${h}:${mi}:${sec}`;
  const zoned = zone === undefined ? base : `${base}${zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  // Without a zone Date.parse reads local time, as docker does.
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms)) return null;
  return ms / 1000 + (frac === '' ? 0 : Number(`0${frac}`));
}

/** Parses a flag's time argument or throws a usage error naming the flag. */
export function timeFlag(flag: string, text: string | undefined, now: Date): number | undefined {
  if (text === undefined) return undefined;
  const v = parseTimeArg(text, now);
  if (v === null) throw new BerthError('usage', `invalid value "${text}" for --${flag}`, { hint: TIME_ARG_HINT });
  return v;
}

/** `--tail N|all`: a line count, or every line. */
export function parseTail(text: string | undefined): number | 'all' {
  if (text === undefined || text.trim().toLowerCase() === 'all') return 'all';
  const s = text.trim();
  // docker treats a negative count as "all"; berth asks for what it means.
  if (!/^\d+$/.test(s)) throw new BerthError('usage', `invalid value "${text}" for --tail`, { hint: 'give a number of lines (0 or more) or "all"' });
  return Number(s);
}
