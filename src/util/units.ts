/**
 * Human units for tables on a terminal (CLI.md "Output": `12.3MiB`, `4.0%`,
 * `3m ago`). Only tables use these; TSV, JSON and YAML carry raw numbers so
 * scripts never parse a unit. Callers handle null (unknown) themselves:
 * these functions only ever see known values.
 */

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/**
 * Bytes in IEC units with one decimal (`512B`, `1.0KiB`, `12.3MiB`), as
 * `docker stats` does, because memory limits and cgroup counters are
 * powers of two and operators compare the two side by side.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  if (v < 1024) return `${sign}${Math.round(v)}B`;
  let unit = 0;
  while (v >= 1024 && unit < IEC.length - 1) {
    v /= 1024;
    unit++;
  }
  // 1023.96KiB would print as "1024.0KiB"; move up a unit instead.
  if (Number(v.toFixed(1)) >= 1024 && unit < IEC.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${sign}${v.toFixed(1)}${IEC[unit]}`;
}

/** A rate in bytes per second (`1.2MiB/s`). */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** A percentage with one decimal (`4.0%`, `250.3%` for 2.5 cores). */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`;
}

/**
 * How long ago a time was, in the largest whole unit (`45s ago`, `3m ago`,
 * `2h ago`, `5d ago`, `2y ago`), like kubectl's AGE column. A time in the
 * future (clock skew between nodes) reads `in 3m` rather than a negative
 * age. Unparseable input is returned as is, so a bad value stays visible.
 */
export function formatAgo(time: string | Date, now: Date): string {
  const t = typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (Number.isNaN(t)) return String(time);
  const seconds = Math.round((now.getTime() - t) / 1000);
  const span = compactSpan(Math.abs(seconds));
  return seconds < 0 ? `in ${span}` : `${span} ago`;
}

/** Seconds as one compact unit: `45s`, `3m`, `2h`, `5d`, `2y`. */
export function compactSpan(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  if (s < 365 * 86_400) return `${Math.floor(s / 86_400)}d`;
  return `${Math.floor(s / (365 * 86_400))}y`;
}
