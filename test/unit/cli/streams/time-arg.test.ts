import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/domain/errors.ts';
import { parseTail, parseTimeArg, timeFlag } from '../../../../src/cli/streams/time-arg.ts';

const now = new Date('2026-01-02T03:04:05Z');
const nowS = now.getTime() / 1000;

describe('parseTimeArg (--since, --until)', () => {
  it('reads RFC 3339 with Z, offsets and nanoseconds', () => {
    expect(parseTimeArg('2026-01-02T03:00:00Z', now)).toBe(nowS - 245);
    expect(parseTimeArg('2026-01-02T05:00:00+02:00', now)).toBe(nowS - 245);
    expect(parseTimeArg('2026-01-02T03:00:00.5Z', now)).toBe(nowS - 244.5);
    expect(parseTimeArg('2026-01-02T03:00:00.123456789Z', now)).toBeCloseTo(nowS - 245 + 0.123456789, 6);
  });

  it('reads unix seconds, fractions too (a bare number is never a duration, as in docker)', () => {
    expect(parseTimeArg('1767323045', now)).toBe(1767323045);
    expect(parseTimeArg('1767323045.25', now)).toBe(1767323045.25);
    expect(parseTimeArg('10', now)).toBe(10);
  });

  it('reads durations as that long ago; 0s is now', () => {
    expect(parseTimeArg('10m', now)).toBe(nowS - 600);
    expect(parseTimeArg('1h30m', now)).toBe(nowS - 5400);
    expect(parseTimeArg('0s', now)).toBe(nowS);
    expect(parseTimeArg('500ms', now)).toBe(nowS - 0.5);
  });

  it('reads a zone-less time as local time, as docker does', () => {
    expect(parseTimeArg('2026-01-02T03:00:00', now)).toBe(new Date(2026, 0, 2, 3, 0, 0).getTime() / 1000);
    expect(parseTimeArg('2026-01-02', now)).toBe(new Date(2026, 0, 2).getTime() / 1000);
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'yesterday', '-5', '10x', '2026-13-01T00:00:00Z', '1.2.3', 'm']) expect(parseTimeArg(bad, now), bad).toBeNull();
  });

  it('timeFlag names the flag in a usage error (exit 2)', () => {
    expect(timeFlag('since', undefined, now)).toBeUndefined();
    expect(timeFlag('since', '1m', now)).toBe(nowS - 60);
    try {
      timeFlag('until', 'soon', now);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BerthError);
      expect((err as BerthError).kind).toBe('usage');
      expect((err as BerthError).message).toBe('invalid value "soon" for --until');
      expect((err as BerthError).hint).toMatch(/RFC 3339.*unix seconds.*duration ago/);
    }
  });
});

describe('parseTail', () => {
  it('is all by default and for "all"; a count otherwise', () => {
    expect(parseTail(undefined)).toBe('all');
    expect(parseTail('all')).toBe('all');
    expect(parseTail('ALL')).toBe('all');
    expect(parseTail('0')).toBe(0);
    expect(parseTail('20')).toBe(20);
  });

  it('refuses what is not a count', () => {
    for (const bad of ['-1', 'ten', '1.5', '']) expect(() => parseTail(bad), bad).toThrow(/invalid value .* for --tail/);
  });
});
