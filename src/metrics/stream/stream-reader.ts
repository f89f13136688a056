/**
 * A CounterReader for a remote node that reads from the node's streaming
 * sampler (script.ts) instead of running a command per tick: one exec
 * channel per node stays open and the host pushes a record every interval;
 * readFiles hands out the newest record not handed out yet, waiting for the
 * next one only when there is none. The channel restarts with a new file
 * list when the set of files changes (containers come and go), and after a
 * lost channel with backoff; until it is back, readFiles fails with an
 * `unreachable` error, which the caller shows as the node's samples being
 * unknown (never as zeros). A host without awk (the loop exits 127 before
 * its first record) is read the old way from then on: one batched exec per
 * tick (transport.readFiles), which needs only sh and cat.
 */
import { randomBytes } from 'node:crypto';
import { BerthError } from '../../domain/errors.ts';
import type { RunningProcess, Transport } from '../../transport/types.ts';
import type { CounterReader, SampleTime } from '../types.ts';
import { MEMORY_STAT_KEYS } from '../cgroup/decode.ts';
import { createRecordParser, type StreamRecord } from './record-parser.ts';
import { BOUNDARY_PREFIX, intervalArg, SAMPLER_NAME, STREAM_SCRIPT } from './script.ts';

/** Options of createStreamReader. */
export interface StreamReaderOptions {
  /** The host loop's tick. */
  intervalMs: number;
  /** How long to wait for a record before calling the stream stuck (default: 3 ticks + 10 s for the channel to open). */
  waitMs?: number;
  /** Clock records are stamped with on arrival (tests pin it). */
  clock?: () => SampleTime;
}

/** A CounterReader that also says when the files it returned were read. */
export interface StreamReader extends CounterReader {
  /** Arrival time of the record the last readFiles returned. */
  takenAt(): SampleTime | null;
  forget(paths: readonly string[]): void;
  close(): void;
}

/** Backoff before restarting a lost stream: 0.5 s doubling, capped at 5 s (as the SSH connection's, CLI.md "Logs and streams"). */
export function restartDelayMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(5_000, 500 * 2 ** (failures - 1));
}

/** A received record, stamped. */
interface Arrived {
  gen: number;
  record: StreamRecord;
  at: SampleTime;
}

/** One running host loop. */
interface Channel {
  gen: number;
  proc: RunningProcess;
  paths: string[];
  index: Map<string, number>;
  stderr: string;
}

function systemClock(): SampleTime {
  return { wallMs: Date.now(), monotonicMs: performance.now() };
}

/** The reader. `transport.spawn` runs the loop; it is only ever given argv. */
export function createStreamReader(transport: Pick<Transport, 'node' | 'spawn' | 'readFiles'>, options: StreamReaderOptions): StreamReader {
  const clock = options.clock ?? systemClock;
  const waitMs = options.waitMs ?? options.intervalMs * 3 + 10_000;
  let channel: Channel | null = null;
  let gen = 0;
  let latest: Arrived | null = null;
  let handedSeq = 0;
  let handedAt: SampleTime | null = null;
  const forgotten = new Set<string>();
  let failures = 0;
  let retryAt = 0;
  let lastError: string | null = null;
  let closed = false;
  /** Set once the host has no awk: every read is a batched exec. */
  let batched = false;
  const waiters = new Set<() => void>();

  const wake = (): void => {
    for (const w of [...waiters]) w();
  };

  const stop = (c: Channel): void => {
    c.proc.kill('SIGTERM');
  };

  const lost = (c: Channel, why: string, code: number | null = null): void => {
    if (channel !== c) return; // replaced on purpose
    channel = null;
    if (code === 127 && !(latest && latest.gen === c.gen)) {
      batched = true; // no awk on the host (the shell's "not found"): not worth retrying
      wake();
      return;
    }
    failures++;
    retryAt = performance.now() + restartDelayMs(failures);
    const detail = c.stderr.trim().split('\n').filter(Boolean).at(-1);
    lastError = `the sampler stream on node ${transport.node} ended (${why}${detail ? `: ${detail}` : ''})`;
    wake();
  };

  const start = (paths: string[]): Channel => {
    if (paths.some((p) => p.includes('\n') || p === '')) {
      throw new BerthError('runtime', `a counter file path on node ${transport.node} holds a newline; refusing to stream it`, { node: transport.node });
    }
    const boundary = `${BOUNDARY_PREFIX}${randomBytes(16).toString('hex')}--`;
    const proc = transport.spawn(['sh', '-c', STREAM_SCRIPT, SAMPLER_NAME, boundary, intervalArg(options.intervalMs), MEMORY_STAT_KEYS.join(' ')]);
    const c: Channel = { gen: ++gen, proc, paths, index: new Map(paths.map((p, i) => [p, i])), stderr: '' };
    const parser = createRecordParser(boundary, paths.length, (record) => {
      if (channel !== c) return;
      latest = { gen: c.gen, record, at: clock() };
      failures = 0;
      lastError = null;
      wake();
    });
    proc.stdout.on('data', (d: Buffer) => parser.push(d));
    proc.stdout.on('error', (err: Error) => lost(c, err.message));
    proc.stderr.on('data', (d: Buffer) => (c.stderr = (c.stderr + d.toString('utf8')).slice(-2000)));
    void proc.exited.then((e) => lost(c, e.code !== null ? `exit ${e.code}` : e.signal ? `signal ${e.signal}` : 'channel closed', e.code));
    // A loop that ended at once (no awk) closes its stdin before the list is written: that is `exited`'s to report.
    proc.stdin.on('error', () => undefined);
    proc.stdin.end(`${paths.join('\n')}\n\n`);
    return c;
  };

  /** The fallback without awk: a batched exec, stamped by the caller's clock. */
  const batchedRead = (paths: readonly string[]): Promise<Map<string, Buffer | Error>> => {
    handedAt = null;
    return transport.readFiles(paths);
  };

  /** The next record of the current channel not handed out yet. */
  const nextRecord = (c: Channel): Promise<Arrived> => new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (latest && latest.gen === c.gen && latest.record.seq > handedSeq) {
        done();
        resolve(latest);
        return true;
      }
      if (channel !== c) {
        done();
        if (batched) reject(NO_AWK);
        else reject(new BerthError('unreachable', lastError ?? `the sampler stream on node ${transport.node} was closed`, { node: transport.node }));
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => {
      done();
      if (channel === c) {
        stop(c);
        lost(c, `no record in ${Math.round(waitMs / 1000)} s`);
      }
      reject(new BerthError('unreachable', lastError ?? `no sample from node ${transport.node}`, { node: transport.node }));
    }, waitMs);
    const done = (): void => {
      clearTimeout(timer);
      waiters.delete(waiter);
    };
    const waiter = (): void => void check();
    if (!check()) waiters.add(waiter);
  });

  return {
    async readFiles(paths) {
      if (closed) throw new BerthError('unreachable', `the sampler of node ${transport.node} is closed`, { node: transport.node });
      if (batched) return batchedRead(paths);
      const cur = channel;
      const missing = cur === null || paths.some((p) => !cur.index.has(p)) || cur.paths.some((p) => forgotten.has(p));
      if (missing) {
        if (cur === null && performance.now() < retryAt) {
          const wait = Math.ceil((retryAt - performance.now()) / 1000);
          throw new BerthError('unreachable', `${lastError ?? `the sampler stream on node ${transport.node} is down`}; retrying in ${wait} s`, {
            node: transport.node,
            hint: 'samples of this node are unknown until the stream is back; berth restarts it by itself',
          });
        }
        const keep = cur ? cur.paths.filter((p) => !forgotten.has(p)) : [];
        const list = [...new Set([...keep, ...paths])];
        forgotten.clear();
        channel = null;
        if (cur) stop(cur);
        channel = start(list);
        handedSeq = 0;
      }
      const c = channel!;
      let got: Arrived;
      try {
        got = await nextRecord(c);
      } catch (err) {
        if (err === NO_AWK) return batchedRead(paths);
        throw err;
      }
      handedSeq = got.record.seq;
      handedAt = got.at;
      const out = new Map<string, Buffer | Error>();
      for (const p of paths) {
        const content = got.record.files[c.index.get(p)!] ?? null;
        out.set(p, content ?? unreadable(p));
      }
      return out;
    },
    takenAt: () => handedAt,
    forget(paths) {
      for (const p of paths) forgotten.add(p);
    },
    close() {
      closed = true;
      const c = channel;
      channel = null;
      if (c) stop(c);
      wake();
    },
  };
}

/** Internal: the loop found no awk; the call falls back to a batched read. */
const NO_AWK = new Error('no awk on the host');

/** The error for a file the host loop could not read (ENOENT: gone, as the sampler expects of a removed cgroup). */
function unreadable(path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`ENOENT: not readable on the host (gone, or no permission), open '${path}'`);
  err.code = 'ENOENT';
  err.path = path;
  return err;
}
