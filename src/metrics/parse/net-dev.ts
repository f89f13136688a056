/**
 * `/proc/<pid>/net/dev`: the interface counters of the network namespace
 * that process lives in (proc(5)). Two header lines, then
 * `  name: rx_bytes rx_packets ... (8 rx fields) tx_bytes ...`.
 */

/** Received and sent bytes over all interfaces but loopback. */
export interface NetBytes {
  rxBytes: number;
  txBytes: number;
}

/**
 * Sums every interface except `lo`, as Docker sums a sandbox's interfaces.
 * A namespace with only `lo` (network mode none) sums to 0: known, not null.
 */
export function parseNetDev(text: string): NetBytes | null {
  const lines = text.split('\n');
  if (!lines[0]?.includes('|')) return null;
  const out: NetBytes = { rxBytes: 0, txBytes: 0 };
  for (const line of lines.slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    if (line.slice(0, colon).trim() === 'lo') continue;
    const fields = line.slice(colon + 1).trim().split(/\s+/);
    const rx = Number(fields[0]);
    const tx = Number(fields[8]);
    if (!Number.isFinite(rx) || !Number.isFinite(tx)) continue;
    out.rxBytes += rx;
    out.txBytes += tx;
  }
  return out;
}
