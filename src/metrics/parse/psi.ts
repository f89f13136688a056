/**
 * Pressure stall information (kernel Documentation/accounting/psi.rst):
 *
 *     some avg10=0.24 avg60=0.08 avg300=0.01 total=70621
 *     full avg10=0.16 avg60=0.05 avg300=0.01 total=59383
 *
 * avg10 is a percentage of wall time over the last 10 s, computed by the
 * kernel; berth shows it as read. `cpu.pressure` has a `full` line only
 * since Linux 5.13 (and it is meaningless at the system level).
 */

/** avg10 of the `some` and `full` lines, each null when absent. */
export interface Avg10 {
  some: number | null;
  full: number | null;
}

/** Parses a `*.pressure` file's avg10 values. */
export function parsePsiAvg10(text: string): Avg10 {
  const out: Avg10 = { some: null, full: null };
  for (const line of text.split('\n')) {
    const kind = line.startsWith('some ') ? 'some' : line.startsWith('full ') ? 'full' : null;
    if (!kind) continue;
    const at = line.indexOf('avg10=');
    if (at < 0) continue;
    const end = line.indexOf(' ', at);
    const value = Number(line.slice(at + 6, end < 0 ? undefined : end));
    if (Number.isFinite(value) && value >= 0) out[kind] = value;
  }
  return out;
}
