// The remote sampler's reader (src/metrics/stream/stream-reader.ts) with its
// real host loop (sh + awk), run on this machine through the local
// transport's spawn: records per tick, a restart when the file list
// changes, vanished files as errors, a lost loop restarted with backoff,
// and nothing left running after close.
import { realpathSync } from 'node:fs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/domain/errors.ts';
import { createStreamReader } from '../../../src/metrics/stream/stream-reader.ts';
import { BOUNDARY_PREFIX } from '../../../src/metrics/stream/script.ts';
import { LocalTransport } from '../../../src/transport/local.ts';
import type { Transport } from '../../../src/transport/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'berth-stream-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pids of this process's host loops (awk children whose argv holds a stream boundary). */
function loops(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'latin1').includes(BOUNDARY_PREFIX)) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('the streaming reader with its host loop', () => {
  it('hands out one new record per call, the files as they are at that tick', async () => {
    const a = file('a', 'usage 1\n');
    const reader = createStreamReader(new LocalTransport(), { intervalMs: 100 });
    try {
      const first = await reader.readFiles([a]);
      expect(first.get(a)?.toString()).toBe('usage 1\n');
      const t1 = reader.takenAt()!;
      writeFileSync(a, 'usage 2\n');
      let seen = '';
      for (let i = 0; i < 20 && seen !== 'usage 2\n'; i++) seen = (await reader.readFiles([a])).get(a)!.toString();
      expect(seen).toBe('usage 2\n');
      expect(reader.takenAt()!.monotonicMs).toBeGreaterThan(t1.monotonicMs);
      expect(loops()).toHaveLength(1);
    } finally {
      reader.close();
    }
    await until('the loop to end after close', () => loops().length === 0);
  });

  it('restarts the loop when a file is added, and reports a vanished file as ENOENT', async () => {
    const a = file('b1', 'one\n');
    const b = file('b2', 'two\n');
    const reader = createStreamReader(new LocalTransport(), { intervalMs: 100 });
    try {
      await reader.readFiles([a]);
      const [before] = loops();
      const both = await reader.readFiles([a, b]);
      expect(both.get(b)?.toString()).toBe('two\n');
      await until('the old loop to be replaced', () => loops().length === 1 && loops()[0] !== before);
      unlinkSync(b);
      // A record read before the unlink may still be waiting: the next ticks tell.
      let gone: Buffer | Error | undefined;
      for (let i = 0; i < 5 && !(gone instanceof Error); i++) gone = (await reader.readFiles([a, b])).get(b);
      expect(gone).toBeInstanceOf(Error);
      expect((gone as NodeJS.ErrnoException).code).toBe('ENOENT');
      // Forgotten files leave the list with the next restart.
      reader.forget([b]);
      expect((await reader.readFiles([a])).get(a)?.toString()).toBe('one\n');
    } finally {
      reader.close();
    }
    await until('no loop left', () => loops().length === 0);
  });

  it('a lost loop fails calls as unreachable (unknown, not zero), then comes back after a backoff', async () => {
    const a = file('c', 'x 1\n');
    const reader = createStreamReader(new LocalTransport(), { intervalMs: 100 });
    try {
      await reader.readFiles([a]);
      const [pid] = loops();
      process.kill(pid!, 'SIGKILL');
      // A record that arrived before the kill is still real data; the call after it fails.
      let err: unknown = null;
      for (let i = 0; i < 3 && err === null; i++) err = await reader.readFiles([a]).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(BerthError);
      expect((err as BerthError).kind).toBe('unreachable');
      expect((err as BerthError).message).toMatch(/sampler stream on node local ended/);
      const again = await reader.readFiles([a]).then(() => null, (e: unknown) => e as BerthError);
      expect(again?.message).toMatch(/retrying in \d+ s/);
      await new Promise((r) => setTimeout(r, 600));
      expect((await reader.readFiles([a])).get(a)?.toString()).toBe('x 1\n');
    } finally {
      reader.close();
    }
    await until('no loop left', () => loops().length === 0);
  });
});

describe('a host without awk', () => {
  it('is read with a batched exec per tick instead (the loop exits 127 before its first record)', async () => {
    const bin = join(dir, 'no-awk-bin');
    mkdirSync(bin);
    symlinkSync(realpathSync('/bin/sh'), join(bin, 'sh'));
    const local = new LocalTransport();
    let spawned = 0;
    const host: Pick<Transport, 'node' | 'spawn' | 'readFiles'> = {
      node: 'bare',
      readFiles: (paths) => local.readFiles(paths),
      spawn: (argv) => {
        spawned++;
        return local.spawn(argv, { env: { PATH: bin } });
      },
    };
    const a = file('na', 'usage 5\n');
    const reader = createStreamReader(host, { intervalMs: 100 });
    try {
      expect((await reader.readFiles([a])).get(a)?.toString()).toBe('usage 5\n');
      expect(reader.takenAt()).toBeNull();
      writeFileSync(a, 'usage 6\n');
      expect((await reader.readFiles([a, join(dir, 'absent')])).get(a)?.toString()).toBe('usage 6\n');
      expect(spawned).toBe(1);
    } finally {
      reader.close();
    }
  });
});

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));

describe.skipIf(!BUSYBOX)('the host loop under busybox sh and awk', () => {
  /** A transport whose `sh` and `awk` are busybox's, with SIGPIPE ignored as some service managers leave it. */
  function busyboxHost(): Pick<Transport, 'node' | 'spawn' | 'readFiles'> {
    const bin = join(dir, 'busybox-bin');
    if (!existsSync(bin)) {
      mkdirSync(bin);
      for (const tool of ['sh', 'awk']) symlinkSync(BUSYBOX!, join(bin, tool));
    }
    const local = new LocalTransport();
    const PATH = `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
    return {
      node: 'busybox',
      readFiles: (paths) => local.readFiles(paths),
      spawn: (argv) => {
        const proc = local.spawn(['sh', '-c', 'trap "" PIPE; exec "$@"', 'sh', ...argv], { env: { PATH } });
        // Like a channel closed by a dropped connection: no signal reaches the loop, only its pipes close.
        return { ...proc, kill: () => void [proc.stdin, proc.stdout, proc.stderr].forEach((s) => s.destroy()) };
      },
    };
  }

  it('streams records, and ends when its reader goes even with SIGPIPE ignored (busybox awk would not notice)', async () => {
    const a = file('bb', 'pids 3\n');
    const reader = createStreamReader(busyboxHost(), { intervalMs: 100 });
    try {
      expect((await reader.readFiles([a])).get(a)?.toString()).toBe('pids 3\n');
      expect((await reader.readFiles([a])).get(a)?.toString()).toBe('pids 3\n');
      const [pid] = loops();
      expect(readlinkTarget(pid!)).toBe(readlinkTarget(process.pid, BUSYBOX));
      // SIGPIPE (13) really is ignored in the loop: only the shell's failed echo can end it.
      const sigIgn = BigInt(`0x${/^SigIgn:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))![1]}`);
      expect((sigIgn >> 12n) & 1n).toBe(1n);
    } finally {
      reader.close();
    }
    await until('the busybox loop to end', () => loops().length === 0);
  });
});

/** The executable of a process (or a path's target when given). */
function readlinkTarget(pid: number, path?: string): string {
  return realpathSync(path ?? `/proc/${pid}/exe`);
}
