/**
 * Logs: the `GET /containers/{id}/logs` body to LogLines. Without a TTY the
 * body is stdcopy-framed (stdcopy.ts) and each frame is one log entry; with
 * a TTY it is raw bytes, all on stdout, CRLF line ends included. Lines are
 * split per stream and a partial line is kept until the rest arrives (Podman
 * sends `printf partial` and a later ` end\n` as two frames). With
 * `timestamps=1` every entry starts with an RFC 3339 time and a space;
 * a continuation entry of a partial line carries its own, which is dropped.
 */
import type { Readable } from 'node:stream';
import type { LogLine } from '../../domain/types.ts';
import { Demuxer } from './stdcopy.ts';

/** `2026-11-22T06:40:15.636629359Z ` — Docker writes nanoseconds, Podman whole seconds. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) /;

/** Splits a leading engine timestamp off an entry. */
export function splitTimestamp(data: Buffer): { at: string | null; rest: Buffer } {
  // Timestamps are ASCII and at most ~36 bytes; decode only the head.
  const head = data.subarray(0, 40).toString('latin1');
  const m = TIMESTAMP.exec(head);
  if (!m) return { at: null, rest: data };
  return { at: m[1]!, rest: data.subarray(m[0].length) };
}

interface Pending {
  parts: Buffer[];
  at: string | null;
}

/**
 * Turns entries (framed) or raw chunks (TTY) into whole lines. One
 * instance per logs request; not shared between streams of different
 * containers.
 */
export class LogLineSplitter {
  readonly #timestamps: boolean;
  readonly #pending: Record<LogLine['stream'], Pending | null> = { stdout: null, stderr: null };

  constructor(opts: { timestamps: boolean }) {
    this.#timestamps = opts.timestamps;
  }

  /** One framed entry: its timestamp (when asked for) is at its start. */
  entry(stream: LogLine['stream'], payload: Buffer): LogLine[] {
    if (!this.#timestamps) return this.#append(stream, payload, null, false);
    const { at, rest } = splitTimestamp(payload);
    return this.#append(stream, rest, at, false);
  }

  /** Raw TTY bytes: chunk boundaries mean nothing, so timestamps are read per whole line. */
  raw(stream: LogLine['stream'], chunk: Buffer): LogLine[] {
    return this.#append(stream, chunk, null, this.#timestamps);
  }

  /** Lines still unfinished when the stream ended. */
  flush(): LogLine[] {
    const out: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const p = this.#pending[stream];
      this.#pending[stream] = null;
      if (p) out.push(this.#line(stream, Buffer.concat(p.parts), p.at, p.at === null && this.#timestamps));
    }
    return out;
  }

  #line(stream: LogLine['stream'], data: Buffer, at: string | null, parseAt: boolean): LogLine {
    if (!parseAt) return { stream, at, data };
    const split = splitTimestamp(data);
    return { stream, at: split.at, data: split.rest };
  }

  #append(stream: LogLine['stream'], data: Buffer, at: string | null, parseAt: boolean): LogLine[] {
    const out: LogLine[] = [];
    let off = 0;
    for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, off)) {
      const piece = data.subarray(off, nl + 1);
      const p = this.#pending[stream];
      this.#pending[stream] = null;
      out.push(p ? this.#line(stream, Buffer.concat([...p.parts, piece]), p.at, parseAt) : this.#line(stream, piece, at, parseAt));
      off = nl + 1;
    }
    if (off < data.length) {
      const rest = data.subarray(off);
      const p = this.#pending[stream];
      if (p) p.parts.push(rest);
      else this.#pending[stream] = { parts: [rest], at };
    }
    return out;
  }
}

/**
 * Yields log lines from a logs reply body. `tty` must come from the
 * container's `Config.Tty`: a TTY stream is not framed, and reading it as
 * frames would fail (or worse, mis-split). Ends quietly when the signal
 * aborts; the last unfinished line is yielded when the stream ends.
 */
export async function* readLogs(body: Readable, opts: { tty: boolean; timestamps: boolean }, signal?: AbortSignal): AsyncGenerator<LogLine> {
  const splitter = new LogLineSplitter({ timestamps: opts.timestamps });
  const demux = opts.tty ? null : new Demuxer();
  try {
    for await (const chunk of body) {
      const buf = chunk as Buffer;
      if (!demux) {
        yield* splitter.raw('stdout', buf);
        continue;
      }
      for (const f of demux.push(buf)) yield* splitter.entry(f.stream === 'stderr' || f.stream === 'system' ? 'stderr' : 'stdout', f.payload);
    }
    yield* splitter.flush();
  } catch (err) {
    if (signal?.aborted) return;
    throw err;
  } finally {
    body.destroy();
  }
}
