import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/domain/errors.ts';
import type { LogLine } from '../../../../src/domain/types.ts';
import { passOptions, readLogs, type ReadLogsOptions } from '../../../../src/cli/streams/follow-logs.ts';
import { ResumeCursor } from '../../../../src/cli/streams/cursor.ts';
import { fakeLogSource, line, lost, virtualClock } from './fakes.ts';

const T = (s: number): string => `2026-11-22T07:11:${String(s).padStart(2, '0')}.000000001Z`;

function setup(overrides: Partial<ReadLogsOptions> = {}) {
  const shown: string[] = [];
  const notes: string[] = [];
  const clock = virtualClock();
  const opts: ReadLogsOptions = {
    id: 'c1', label: 'web on node local', tty: false, tail: 'all', follow: true, followRestarts: false,
    startSeconds: 1795331460, retryBudgetMs: 3000, signal: new AbortController().signal,
    emit: (l: LogLine) => void shown.push(`${l.stream}:${l.data.toString().trim()}`),
    note: (m) => void notes.push(m), warn: (m) => void notes.push(`warn: ${m}`), clock, pollMs: 1000,
    ...overrides,
  };
  return { shown, notes, clock, opts };
}

describe('passOptions', () => {
  it('asks for timestamps always; the first pass as the user asked, resumes from the cursor', () => {
    const o = { tail: 5 as const, since: undefined, follow: true, tty: false, startSeconds: 1795331460.7 };
    const c = new ResumeCursor();
    expect(passOptions(o, c, true)).toEqual({ follow: true, timestamps: true, tty: false, tail: 5 });
    expect(passOptions(o, c, false)).toEqual({ follow: true, timestamps: true, tty: false, tail: 'all', since: 1795331460 });
    c.accept(T(7), 'k');
    expect(passOptions(o, c, false).since).toBe(1795331467);
    expect(passOptions({ ...o, since: 1700000000 }, new ResumeCursor(), true).since).toBe(1700000000);
  });
});

describe('readLogs', () => {
  it('without -f reads once and stops', async () => {
    const src = fakeLogSource([{ items: [line('stdout', 'a', T(1)), line('stderr', 'b', T(2))] }], []);
    const { shown, opts } = setup({ follow: false, tail: 2 });
    expect(await readLogs(src, opts)).toBe('done');
    expect(shown).toEqual(['stdout:a', 'stderr:b']);
    expect(src.requests).toEqual([{ follow: false, timestamps: true, tty: false, tail: 2 }]);
    expect(src.inspects).toBe(0);
  });

  it('-f ends when the container has exited (exit 0, as docker)', async () => {
    const src = fakeLogSource([{ items: [line('stdout', 'a', T(1))] }], ['exited']);
    const { shown, opts } = setup();
    expect(await readLogs(src, opts)).toBe('exited');
    expect(shown).toEqual(['stdout:a']);
  });

  it('-f reads again when the stream ended but the container still runs (an engine restart, say)', async () => {
    const src = fakeLogSource([{ items: [line('stdout', 'a', T(1))] }, { items: [line('stdout', 'a', T(1)), line('stdout', 'b', T(2))] }], ['running', 'exited']);
    const { shown, opts } = setup();
    expect(await readLogs(src, opts)).toBe('exited');
    expect(shown).toEqual(['stdout:a', 'stdout:b']);
    expect(src.requests[1]).toMatchObject({ tail: 'all', since: 1795331461 });
  });

  it('--follow-restarts waits for the restart and goes on from where it left off, repeating nothing', async () => {
    const src = fakeLogSource(
      [
        { items: [line('stdout', 'run', T(1)), line('stdout', 'bye', T(3))] },
        // the resumed request (since the last line's second) repeats "bye", then the new run
        { items: [line('stdout', 'bye', T(3)), line('stdout', 'run', T(9)), line('stdout', 'bye', T(11))] },
      ],
      ['restarting', 'exited', 'running', 'exited', 'exited'],
    );
    const ac = new AbortController();
    const { shown, notes, clock, opts } = setup({ followRestarts: true, signal: ac.signal });
    const origSleep = clock.sleep;
    let polls = 0;
    clock.sleep = async (ms, s) => {
      // after the second run has ended, stop waiting (Ctrl-C)
      if (++polls === 4) ac.abort();
      return origSleep(ms, s);
    };
    expect(await readLogs(src, opts)).toBe('aborted');
    expect(shown).toEqual(['stdout:run', 'stdout:bye', 'stdout:run', 'stdout:bye']);
    expect(src.requests.map((r) => r.since)).toEqual([undefined, 1795331463]);
    expect(notes).toContain('web on node local is restarting; waiting for it to start again');
    expect(notes).toContain('web on node local started again');
  });

  it('a lost engine is retried and the stream resumes without repeats', async () => {
    const src = fakeLogSource(
      [
        { items: [line('stdout', 'a', T(1)), line('stdout', 'b', T(2))], then: lost() },
        { items: [line('stdout', 'b', T(2)), line('stdout', 'c', T(3))] },
      ],
      [lost(), lost(), 'running', 'exited'],
    );
    const { shown, notes, clock, opts } = setup();
    expect(await readLogs(src, opts)).toBe('exited');
    expect(shown).toEqual(['stdout:a', 'stdout:b', 'stdout:c']);
    expect(clock.waits).toEqual([250, 500, 1000]);
    expect(notes[0]).toMatch(/^warn: lost the connection while following web on node local \(connection refused.*\); retrying for up to 3s$/);
    expect(notes).toContain('reconnected; following web on node local again');
  });

  it('an engine that stays away ends with the final unreachable error after the budget', async () => {
    const src = fakeLogSource([{ items: [line('stdout', 'a', T(1))], then: lost() }], Array.from({ length: 20 }, () => lost()));
    const { clock, opts } = setup();
    const err = await readLogs(src, opts).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).kind).toBe('unreachable');
    expect((err as BerthError).message).toMatch(/^lost the log stream of web on node local: .*; retried for 3s without getting it back$/);
    expect(clock.waits.reduce((a, b) => a + b)).toBe(3000);
    expect(Math.max(...clock.waits)).toBeLessThanOrEqual(5000);
  });

  it('a stream that was up a while before it broke gets a fresh budget', async () => {
    const src = fakeLogSource(
      [
        { items: [], then: lost() },
        { items: [], then: lost() },
        { items: [line('stdout', 'z', T(5))] },
      ],
      [lost(), lost(), lost(), 'running', 'running', 'exited'],
    );
    const { shown, clock, opts } = setup({ retryBudgetMs: 2000 });
    // The second stream stays up 5 s before it is lost again.
    const realLogs = src.logs.bind(src);
    let n = 0;
    src.logs = async function* (id, o) {
      if (++n === 2) clock.t += 5000;
      yield* realLogs(id, o);
    };
    expect(await readLogs(src, opts)).toBe('exited');
    expect(shown).toEqual(['stdout:z']);
  });

  it('ends quietly when the container is removed, and passes other errors on', async () => {
    const gone = new BerthError('not-found', 'no such container');
    expect(await readLogs(fakeLogSource([{ items: [] }], [gone]), setup().opts)).toBe('removed');
    expect(await readLogs(fakeLogSource([{ items: [], then: gone }], []), setup().opts)).toBe('removed');
    const denied = new BerthError('permission', 'denied');
    await expect(readLogs(fakeLogSource([{ items: [], then: denied }], []), setup().opts)).rejects.toBe(denied);
    // Without -f, even a loss is not retried.
    const l = lost();
    await expect(readLogs(fakeLogSource([{ items: [], then: l }], []), setup({ follow: false }).opts)).rejects.toBe(l);
  });

  it('waits for a slow output (backpressure)', async () => {
    const order: string[] = [];
    const src = fakeLogSource([{ items: [line('stdout', 'a', T(1)), line('stdout', 'b', T(2))] }], []);
    const { opts } = setup({
      follow: false,
      emit: async (l) => {
        order.push(`start ${l.data.toString().trim()}`);
        await new Promise((r) => setTimeout(r, 5));
        order.push(`end ${l.data.toString().trim()}`);
      },
    });
    await readLogs(src, opts);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
