/**
 * Processes: `GET /containers/{id}/top` to a ProcessTable. Docker runs `ps`
 * on the host and splits its columns; Podman 4 runs its own ps inside the
 * container and, for busybox images, hands back each row as one string
 * under one title ("PID   USER     COMMAND"), which is split here so both
 * engines give the same shape.
 */
import type { ProcessTable } from '../../domain/types.ts';

/** The reply of `GET /containers/{id}/top`. */
export interface WireTop {
  Titles?: string[] | null;
  Processes?: string[][] | null;
}

/** Splits a row on whitespace into `n` columns, the last taking the rest (the command). */
function splitRow(line: string, n: number): string[] {
  const parts = line.trim().split(/\s+/);
  if (parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(' ')];
}

/** The engine's process table, with one-column replies split into columns. */
export function processTableFromWire(w: WireTop | null): ProcessTable {
  // Podman answers `top` of a paused container with 200 and an empty body.
  const titles = w?.Titles ?? [];
  const processes = w?.Processes ?? [];
  if (titles.length === 1 && /\S\s+\S/.test(titles[0]!)) {
    const split = titles[0]!.trim().split(/\s+/);
    return { titles: split, processes: processes.map((row) => splitRow(row.join(' '), split.length)) };
  }
  return { titles, processes };
}
