/**
 * Block I/O byte counters, summed over devices, as docker stats sums them
 * (docker/cli stats_helpers.go `calculateBlockIO`: entries whose op starts
 * with r/R are reads, w/W writes).
 */

/** Bytes read and written, summed over all devices. */
export interface IoBytes {
  readBytes: number;
  writeBytes: number;
}

/**
 * cgroup v1 `blkio.throttle.io_service_bytes_recursive`:
 * `MAJ:MIN Read|Write|Sync|Async|Discard|Total N` lines and a last
 * `Total N` (Docker reads the same file). `blkio.io_service_bytes*`
 * exist only under BFQ.
 *
 * Null when no device line is present: the file then cannot tell "no I/O"
 * from "not counted". Since Linux 6.10 blk-throttle starts counting on a
 * disk only once some throttle rule is set on it (block/blk-throttle.h:
 * blk_should_throtl returns before blkg_rwstat_add unless
 * blk_throtl_activated; "blk-throttle: delay initialization until
 * configuration"), so on this 6.18 host every container shows `Total 0`,
 * which `docker stats` prints as 0B.
 */
export function parseBlkioServiceBytes(text: string): IoBytes | null {
  const out: IoBytes = { readBytes: 0, writeBytes: 0 };
  let devices = 0;
  for (const line of text.split('\n')) {
    const [dev, op, value] = line.split(' ');
    if (!dev || !op || value === undefined || !dev.includes(':')) continue;
    const n = Number(value);
    if (!Number.isFinite(n)) continue;
    devices++;
    const first = op[0];
    if (first === 'R' || first === 'r') out.readBytes += n;
    else if (first === 'W' || first === 'w') out.writeBytes += n;
  }
  return devices > 0 ? out : null;
}

/**
 * cgroup v2 `io.stat` (nested keyed): one line per device,
 * `MAJ:MIN rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N`. v2 counts
 * every bio of the cgroup (blk-cgroup rstat), so an empty file means no
 * I/O: 0, not unknown.
 */
export function parseIoStat(text: string): IoBytes {
  const out: IoBytes = { readBytes: 0, writeBytes: 0 };
  for (const line of text.split('\n')) {
    for (const field of line.split(' ')) {
      if (field.startsWith('rbytes=')) out.readBytes += Number(field.slice(7)) || 0;
      else if (field.startsWith('wbytes=')) out.writeBytes += Number(field.slice(7)) || 0;
    }
  }
  return out;
}
