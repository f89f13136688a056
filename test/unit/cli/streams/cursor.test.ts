import { describe, expect, it } from 'vitest';
import { ResumeCursor, secondsToNanos, StreamCursors, timeNanos } from '../../../../src/cli/streams/cursor.ts';

describe('timeNanos', () => {
  it('keeps all nine digits', () => {
    expect(timeNanos('2026-11-22T07:11:06.614516986Z')).toBe(1795331466614516986n);
    expect(timeNanos('2026-11-22T07:11:06Z')).toBe(1795331466000000000n);
    expect(timeNanos('2026-11-22T07:11:06.5Z')).toBe(1795331466500000000n);
    expect(timeNanos('2026-11-22T09:11:06+02:00')).toBe(1795331466000000000n);
  });

  it('is null for what is not RFC 3339', () => {
    expect(timeNanos('yesterday')).toBeNull();
    expect(timeNanos('2026-11-22 07:11:06')).toBeNull();
  });

  it('converts seconds', () => {
    expect(secondsToNanos(1795331466.5)).toBe(1795331466500000000n);
  });
});

describe('ResumeCursor', () => {
  it('drops what is older than the last entry, and the entries already seen at its time (Docker, nanoseconds)', () => {
    const c = new ResumeCursor();
    expect(c.accept('2026-11-22T07:11:06.100000000Z', 'stdout:a')).toBe(true);
    expect(c.accept('2026-11-22T07:11:07.200000000Z', 'stdout:b')).toBe(true);
    expect(c.sinceSeconds()).toBe(1795331467);
    c.newPass(); // reconnect: the engine repeats the last second
    expect(c.accept('2026-11-22T07:11:06.100000000Z', 'stdout:a')).toBe(false);
    expect(c.accept('2026-11-22T07:11:07.200000000Z', 'stdout:b')).toBe(false);
    expect(c.accept('2026-11-22T07:11:07.300000000Z', 'stdout:c')).toBe(true);
  });

  it('counts identical lines within one second, so Podman (whole seconds) loses and repeats nothing', () => {
    const c = new ResumeCursor();
    const t = '2026-11-22T07:11:08Z';
    expect(c.accept(t, 'stdout:tick')).toBe(true);
    expect(c.accept(t, 'stderr:err')).toBe(true);
    c.newPass();
    // The resumed pass repeats both, then brings a second "tick" from the same second.
    expect(c.accept(t, 'stdout:tick')).toBe(false);
    expect(c.accept(t, 'stderr:err')).toBe(false);
    expect(c.accept(t, 'stdout:tick')).toBe(true);
    c.newPass();
    expect(c.accept(t, 'stdout:tick')).toBe(false);
    expect(c.accept(t, 'stderr:err')).toBe(false);
    expect(c.accept(t, 'stdout:tick')).toBe(false);
    expect(c.accept('2026-11-22T07:11:09Z', 'stdout:tick')).toBe(true);
  });

  it('a floor drops older entries before anything was seen', () => {
    const c = new ResumeCursor(1795331467);
    expect(c.sinceSeconds()).toBe(1795331467);
    expect(c.seen).toBe(false);
    expect(c.accept('2026-11-22T07:11:06.9Z', 'x')).toBe(false);
    expect(c.accept('2026-11-22T07:11:07Z', 'x')).toBe(true);
    expect(c.seen).toBe(true);
  });

  it('has no position before anything was seen, and always accepts untimed entries', () => {
    const c = new ResumeCursor();
    expect(c.sinceSeconds()).toBeUndefined();
    expect(c.accept(null, 'x')).toBe(true);
    expect(c.accept(null, 'x')).toBe(true);
    expect(c.sinceSeconds()).toBeUndefined();
  });
});

describe('StreamCursors (a log\'s stdout and stderr)', () => {
  const at = (ms: number) => `2026-11-22T07:11:0${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}000000Z`;

  it('shows a line stamped just before a line of the other stream that the engine wrote first', () => {
    const c = new StreamCursors();
    c.newPass();
    expect(c.accept('stderr', at(5002), 'err 5')).toBe(true);
    expect(c.accept('stdout', at(5001), 'line 5')).toBe(true);
    expect(c.accept('stdout', at(6001), 'line 6')).toBe(true);
  });

  it('resumes from the stream furthest behind, drops each stream\'s replayed lines, and keeps one never shown', () => {
    const c = new StreamCursors();
    c.newPass();
    expect(c.accept('stdout', at(5001), 'line 5')).toBe(true);
    expect(c.accept('stderr', at(6002), 'err 6')).toBe(true);
    // The connection dropped before stdout's line 6 (stamped 6.001) was delivered.
    expect(c.sinceSeconds()).toBe(Date.parse('2026-11-22T07:11:05Z') / 1000);
    c.newPass();
    expect(c.accept('stdout', at(5001), 'line 5')).toBe(false);
    expect(c.accept('stderr', at(6002), 'err 6')).toBe(false);
    expect(c.accept('stdout', at(6001), 'line 6')).toBe(true);
    expect(c.accept('stdout', at(7001), 'line 7')).toBe(true);
  });

  it('a stream first heard after a reconnect shows nothing older than the first line shown (the --tail window)', () => {
    const c = new StreamCursors();
    c.newPass();
    expect(c.accept('stdout', at(5500), 'line 5')).toBe(true);
    c.newPass();
    expect(c.accept('stderr', at(5400), 'err 4')).toBe(false);
    expect(c.accept('stderr', at(5600), 'err 5')).toBe(true);
  });
});
