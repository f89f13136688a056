import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src/domain/types.ts';
import { LogLineSplitter, readLogs, splitTimestamp } from '../../../src/runtime/docker/logs.ts';
import { Demuxer, StdcopyError } from '../../../src/runtime/docker/stdcopy.ts';
import { chunks, rechunk, type Engine } from './fixtures.ts';

async function collect(bufs: Buffer[], opts: { tty: boolean; timestamps: boolean }): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const l of readLogs(Readable.from(bufs), opts)) out.push(l);
  return out;
}

const text = (lines: LogLine[]) => lines.map((l) => `${l.stream}:${l.data.toString()}`);

describe('stdcopy demultiplexer (real framed bytes)', () => {
  it('splits frames whatever the chunk boundaries, header bytes included', () => {
    const real = chunks('docker-20.10', 'logs-logger');
    const whole = new Demuxer().push(Buffer.concat(real));
    for (const size of [1, 3, 7, 8, 9, 13, 64]) {
      const d = new Demuxer();
      const frames = rechunk(real, size).flatMap((c) => d.push(c));
      expect(frames.map((f) => [f.stream, f.payload.toString()])).toEqual(whole.map((f) => [f.stream, f.payload.toString()]));
      expect(d.pendingBytes).toBe(0);
    }
    expect(whole.slice(0, 2).map((f) => [f.stream, f.payload.toString()])).toEqual([
      ['stdout', 'out1\n'],
      ['stderr', 'err1\n'],
    ]);
  });

  it('keeps an unfinished frame until the rest arrives', () => {
    const [first] = chunks('docker-20.10', 'exec-start-hijacked');
    const d = new Demuxer();
    expect(d.push(first!.subarray(0, 5))).toEqual([]);
    expect(d.push(first!.subarray(5, 10))).toEqual([]);
    expect(d.pendingBytes).toBe(10);
    expect(d.push(first!.subarray(10)).map((f) => f.payload.toString())).toEqual(['to-out\n']);
  });

  it('refuses a TTY stream read as framed rather than mis-splitting it', () => {
    expect(() => new Demuxer().push(Buffer.concat(chunks('docker-20.10', 'logs-tty')))).toThrow(StdcopyError);
  });
});

describe('log lines (real logs replies)', () => {
  it.each(['docker-20.10', 'podman-4.3'] as Engine[])('%s: stdout and stderr lines, the partial line joined', async (engine) => {
    const lines = await collect(rechunk(chunks(engine, 'logs-logger'), 5), { tty: false, timestamps: false });
    // Interleaving between the two streams is the engine's; within one stream order is kept.
    expect(text(lines.filter((l) => l.stream === 'stdout')).slice(0, 3)).toEqual(['stdout:out1\n', 'stdout:partial end\n', 'stdout:out 1\n']);
    expect(text(lines.filter((l) => l.stream === 'stderr')).slice(0, 2)).toEqual(['stderr:err1\n', 'stderr:err 1\n']);
    expect(lines.every((l) => l.at === null)).toBe(true);
  });

  it('podman sends the partial line as two frames; docker as one', () => {
    const frames = (e: Engine) => new Demuxer().push(Buffer.concat(chunks(e, 'logs-logger'))).map((f) => f.payload.toString());
    expect(frames('podman-4.3').slice(2, 4)).toEqual(['partial', ' end\n']);
    expect(frames('docker-20.10')[3]).toBe('partial end\n');
  });

  it('docker timestamps (nanoseconds) are parsed off each line', async () => {
    const lines = await collect(rechunk(chunks('docker-20.10', 'logs-logger-timestamps'), 11), { tty: false, timestamps: true });
    expect(lines[0]).toMatchObject({ stream: 'stdout', at: '2026-11-22T06:40:15.636629359Z' });
    expect(lines[0]!.data.toString()).toBe('out 38\n');
    expect(lines.map((l) => l.stream)).toEqual(['stdout', 'stderr', 'stderr', 'stdout', 'stdout', 'stderr']);
  });

  it('podman timestamps (whole seconds) are parsed too', async () => {
    const lines = await collect(chunks('podman-4.3', 'logs-logger-timestamps'), { tty: false, timestamps: true });
    expect(lines[0]).toMatchObject({ stream: 'stdout', at: '2026-11-22T06:41:19Z' });
    expect(lines[0]!.data.toString()).toBe('out 8\n');
  });

  it.each(['docker-20.10', 'podman-4.3'] as Engine[])('%s: TTY logs are not framed and arrive as is, CRLF kept', async (engine) => {
    const lines = await collect(rechunk(chunks(engine, 'logs-tty'), 4), { tty: true, timestamps: false });
    expect(lines.length).toBe(3);
    expect(lines.every((l) => l.stream === 'stdout' && /^tty line \d+\r\n$/.test(l.data.toString()))).toBe(true);
  });

  it('TTY timestamps are parsed per line even when a chunk cuts one in half', async () => {
    const lines = await collect(rechunk(chunks('docker-20.10', 'logs-tty-timestamps'), 9), { tty: true, timestamps: true });
    expect(lines.map((l) => [l.at, l.data.toString()])).toEqual([
      ['2026-11-22T06:40:15.396392248Z', 'tty line 39\r\n'],
      ['2026-11-22T06:40:16.396415547Z', 'tty line 40\r\n'],
      ['2026-11-22T06:40:17.398364189Z', 'tty line 41\r\n'],
    ]);
  });

  it('a continuation frame of a partial line drops its own timestamp', () => {
    const s = new LogLineSplitter({ timestamps: true });
    expect(s.entry('stdout', Buffer.from('2026-11-22T06:41:19Z partial'))).toEqual([]);
    const [line] = s.entry('stdout', Buffer.from('2026-11-22T06:41:20Z  end\n'));
    expect(line).toMatchObject({ at: '2026-11-22T06:41:19Z' });
    expect(line!.data.toString()).toBe('partial end\n');
  });

  it('keeps partial lines per stream and flushes them at the end', () => {
    const s = new LogLineSplitter({ timestamps: false });
    expect(s.entry('stdout', Buffer.from('a'))).toEqual([]);
    expect(text(s.entry('stderr', Buffer.from('x\ny')))).toEqual(['stderr:x\n']);
    expect(text(s.entry('stdout', Buffer.from('b\n')))).toEqual(['stdout:ab\n']);
    expect(text(s.flush())).toEqual(['stderr:y']);
  });

  it('leaves text that only looks like a timestamp alone', () => {
    expect(splitTimestamp(Buffer.from('2026-11-22 not a stamp')).at).toBeNull();
  });

  it('ends quietly when aborted mid-follow', async () => {
    const ac = new AbortController();
    const body = new Readable({ read() {} });
    body.push(chunks('docker-20.10', 'logs-logger-follow')[0]);
    const seen: string[] = [];
    const run = (async () => {
      for await (const l of readLogs(body, { tty: false, timestamps: false }, ac.signal)) {
        seen.push(l.data.toString());
        ac.abort();
        body.destroy(new Error('aborted'));
      }
    })();
    await expect(run).resolves.toBeUndefined();
    expect(seen).toEqual(['err 41\n']);
  });
});
