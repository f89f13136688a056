import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/domain/errors.ts';
import { eventPassQuery, followEvents, type FollowEventsOptions } from '../../../../src/cli/streams/follow-events.ts';
import { ResumeCursor } from '../../../../src/cli/streams/cursor.ts';
import { event, fakeEventSource, lost, virtualClock } from './fakes.ts';

const T = (s: number): string => `2026-11-22T07:11:${String(s).padStart(2, '0')}.123456789Z`;
const START = 1795331460; // 07:11:00

function setup(overrides: Partial<FollowEventsOptions> = {}) {
  const shown: string[] = [];
  const notes: string[] = [];
  const clock = virtualClock(START * 1000);
  const opts: FollowEventsOptions = {
    node: 'local', startSeconds: START, retryBudgetMs: 3000, signal: new AbortController().signal,
    emit: (e) => void shown.push(`${e.action}@${e.at.slice(17, 19)}`),
    warn: (m) => void notes.push(`warn: ${m}`), note: (m) => void notes.push(m), clock,
    ...overrides,
  };
  return { shown, notes, clock, opts };
}

describe('eventPassQuery', () => {
  it('is live only at first unless --since; a resume starts at the last event or the start', () => {
    const c = new ResumeCursor();
    expect(eventPassQuery({ startSeconds: START + 0.5 }, c, true)).toEqual({});
    expect(eventPassQuery({ startSeconds: START + 0.5, until: START + 60 }, c, false)).toEqual({ since: START, until: START + 60 });
    expect(eventPassQuery({ startSeconds: START, since: START - 600 }, c, true)).toEqual({ since: START - 600 });
    c.accept(T(7), 'k');
    expect(eventPassQuery({ startSeconds: START }, c, false)).toEqual({ since: START + 7 });
  });
});

describe('followEvents', () => {
  it('ends at --until once the engine has delivered up to it', async () => {
    const src = fakeEventSource([{ items: [event(T(1), 'start'), event(T(2), 'die')] }]);
    const { shown, clock, opts } = setup({ until: START + 10 });
    clock.t = (START + 10) * 1000; // the engine closed the stream at until
    await followEvents(src, opts);
    expect(shown).toEqual(['start@01', 'die@02']);
    expect(src.requests).toEqual([{ until: START + 10 }]);
  });

  it('a stream that ends a hair before --until gets one more pass, not a warning', async () => {
    const src = fakeEventSource([{ items: [event(T(1), 'start')] }, { items: [event(T(1), 'start'), event(T(9), 'die')] }]);
    const { shown, notes, clock, opts } = setup({ until: START + 10 });
    clock.t = (START + 10) * 1000 - 20;
    await followEvents(src, opts);
    expect(shown).toEqual(['start@01', 'die@09']);
    expect(notes).toEqual([]);
    expect(clock.waits).toEqual([20]);
  });

  it('a lost stream is resumed from the last event, repeating and losing nothing', async () => {
    const src = fakeEventSource([
      { items: [event(T(1), 'create'), event(T(2), 'start')], then: lost() },
      lost(),
      { items: [event(T(2), 'start'), event(T(3), 'die')] },
    ]);
    const ac = new AbortController();
    const { shown, notes, clock, opts } = setup({ signal: ac.signal, emit: (e) => {
      shown.push(`${e.action}@${e.at.slice(17, 19)}`);
      if (e.action === 'die') ac.abort();
    } });
    await followEvents(src, opts);
    expect(shown).toEqual(['create@01', 'start@02', 'die@03']);
    expect(src.requests.map((r) => r.since)).toEqual([undefined, START + 2, START + 2]);
    expect(clock.waits).toEqual([250, 500]);
    expect(notes[0]).toMatch(/^warn: lost the event stream of node local \(connection refused .*\); retrying for up to 3s$/);
    expect(notes).toContain('node local: event stream back');
  });

  it('a clean end without --until is a loss too (the engine stopped)', async () => {
    const src = fakeEventSource([{ items: [] }, ...Array.from({ length: 10 }, () => lost())]);
    const { opts } = setup();
    const err = await followEvents(src, opts).then(() => null, (e: unknown) => e);
    expect((err as BerthError).kind).toBe('unreachable');
    expect((err as BerthError).message).toMatch(/^lost the event stream of node local: .*; retried for 3s without getting it back$/);
  });

  it('a refusal is not retried', async () => {
    const denied = new BerthError('permission', 'permission denied');
    await expect(followEvents(fakeEventSource([denied]), setup().opts)).rejects.toBe(denied);
  });

  it('an abort ends it quietly', async () => {
    const ac = new AbortController();
    ac.abort();
    await followEvents(fakeEventSource([]), setup({ signal: ac.signal }).opts);
  });
});
