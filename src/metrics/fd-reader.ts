/**
 * The fast local way to read the same small files every tick: keep each
 * file open and re-read it with pread at offset 0. cgroupfs and procfs
 * files are seq_files, which regenerate their text on a read from offset 0,
 * so one syscall per file replaces readFileSync's open, fstat, read, read,
 * close. Measured on this host (2 vCPU VM, 1000 cgroup files): readFileSync
 * 16–21 ms CPU, open+read+close 11 ms, kept-open pread 4.4 ms.
 *
 * A kept-open file of a removed cgroup reads ENODEV; it is reopened once
 * (Docker reuses `docker/<id>` when a container restarts) and otherwise
 * reported, which the sampler takes as "container gone". Files under
 * /proc/<pid>/ are never kept open: an open /proc/<pid>/net/dev holds the
 * network namespace alive after its container is gone.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { CounterReader } from './types.ts';

/** A CounterReader that also releases its open files. */
export interface FdCacheReader extends CounterReader {
  /** Closes these files if kept open (a container that is gone or no longer sampled). */
  forget(paths: readonly string[]): void;
  /** Closes every kept-open file. */
  close(): void;
}

const PER_PROCESS = /^\/proc\/\d+\//;

/**
 * A reader for the machine berth runs on. Files stay open until forgotten:
 * files read only every few ticks (PSI) must not be reopened each time.
 */
export function createFdCacheReader(): FdCacheReader {
  const open = new Map<string, number>();
  let buffer = Buffer.allocUnsafe(64 * 1024);

  /** Reads a whole file from offset 0 into a fresh Buffer. */
  const readAll = (fd: number): Buffer => {
    let size = 0;
    for (;;) {
      const n = readSync(fd, buffer, size, buffer.length - size, size);
      size += n;
      if (n === 0 || size < buffer.length) break;
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, size);
      buffer = bigger;
    }
    return Buffer.from(buffer.subarray(0, size));
  };

  const readFresh = (path: string, keep: boolean): Buffer => {
    const fd = openSync(path, 'r');
    let kept = false;
    try {
      const data = readAll(fd);
      if (keep) {
        open.set(path, fd);
        kept = true;
      }
      return data;
    } finally {
      if (!kept) closeSync(fd);
    }
  };

  const forgetOne = (path: string): void => {
    const fd = open.get(path);
    if (fd === undefined) return;
    open.delete(path);
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  };

  return {
    async readFiles(paths) {
      const out = new Map<string, Buffer | Error>();
      for (const path of paths) {
        const keep = !PER_PROCESS.test(path);
        const fd = open.get(path);
        if (fd !== undefined) {
          try {
            out.set(path, readAll(fd));
            continue;
          } catch {
            forgetOne(path);
          }
        }
        try {
          out.set(path, readFresh(path, keep));
        } catch (err) {
          out.set(path, err as Error);
        }
      }
      return out;
    },
    forget(paths) {
      for (const path of paths) forgetOne(path);
    },
    close() {
      for (const path of [...open.keys()]) forgetOne(path);
    },
  };
}
