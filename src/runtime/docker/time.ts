/**
 * Engine times in, RFC 3339 out. The Engine API mixes unix seconds (lists),
 * RFC 3339 with nanoseconds (inspect) and nanosecond integers (events), and
 * writes "never" as Go's zero time, 0001-01-01T00:00:00Z, which berth shows
 * as null (CLI.md: unknown is null).
 */

/** Go's zero `time.Time`, as Docker and Podman marshal it. */
const GO_ZERO = /^0001-01-01T00:00:00(?:\.0+)?Z$/;

/** An engine RFC 3339 time, or null for empty, zero or unparsable. */
export function engineTime(value: string | null | undefined): string | null {
  if (!value || GO_ZERO.test(value)) return null;
  return Number.isNaN(Date.parse(value)) ? null : value;
}

/** Unix seconds (list `Created`) as RFC 3339; null for missing or ≤ 0. */
export function unixSecondsToRfc3339(seconds: number | null | undefined): string | null {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return null;
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Nanoseconds since the epoch (events' `timeNano`) as RFC 3339 keeping all
 * nine digits, since events from one action are often microseconds apart
 * and their order matters. Pass the digits as a string: as a JSON number
 * the value exceeds 2^53 and has already lost its last digits. Falls back
 * to `time` (seconds) when absent.
 */
export function nanosToRfc3339(timeNano: string | number | null | undefined, timeSeconds?: number | null): string {
  const digits =
    typeof timeNano === 'string' ? timeNano : typeof timeNano === 'number' && Number.isFinite(timeNano) ? BigInt(Math.trunc(timeNano)).toString() : '';
  if (/^\d{10,}$/.test(digits)) {
    const n = BigInt(digits);
    const secs = n / 1_000_000_000n;
    const frac = (n % 1_000_000_000n).toString().padStart(9, '0');
    return new Date(Number(secs) * 1000).toISOString().replace('.000Z', `.${frac}Z`);
  }
  return unixSecondsToRfc3339(timeSeconds ?? null) ?? new Date(0).toISOString();
}

/**
 * A duration the way Docker words it in `Status` ("Up 3 minutes",
 * "Exited (0) 2 hours ago"): go-units HumanDuration.
 */
export function humanDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.round(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(h / 24 / 365)} years`;
}
