import { describe, expect, it } from 'vitest';
import { compactSpan, formatAgo, formatBytes, formatPercent, formatRate } from '../../../src/util/units.ts';

describe('formatBytes (IEC)', () => {
  it.each([
    [0, '0B'],
    [512, '512B'],
    [1023, '1023B'],
    [1024, '1.0KiB'],
    [1536, '1.5KiB'],
    [12.3 * 1024 * 1024, '12.3MiB'],
    [1024 ** 3 * 1.5, '1.5GiB'],
    [1024 ** 4 * 2, '2.0TiB'],
    [1024 * 1024 - 1, '1.0MiB'],
  ])('%d bytes read %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('rates add /s', () => {
    expect(formatRate(2048)).toBe('2.0KiB/s');
  });
});

describe('formatPercent', () => {
  it('has one decimal, and goes past 100 for several cores', () => {
    expect(formatPercent(4)).toBe('4.0%');
    expect(formatPercent(0.04)).toBe('0.0%');
    expect(formatPercent(250.349)).toBe('250.3%');
  });
});

describe('formatAgo', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  it.each([
    ['2026-01-10T11:59:15Z', '45s ago'],
    ['2026-01-10T11:57:00Z', '3m ago'],
    ['2026-01-10T10:00:00Z', '2h ago'],
    ['2026-01-05T12:00:00Z', '5d ago'],
    ['2024-01-01T00:00:00Z', '2y ago'],
    ['2026-01-10T12:03:00Z', 'in 3m'],
  ])('%s is %j', (time, text) => {
    expect(formatAgo(time, now)).toBe(text);
  });

  it('leaves a time it cannot read visible as is', () => {
    expect(formatAgo('not a time', now)).toBe('not a time');
  });

  it('compactSpan picks the largest whole unit', () => {
    expect(compactSpan(59)).toBe('59s');
    expect(compactSpan(60)).toBe('1m');
    expect(compactSpan(86_399)).toBe('23h');
    expect(compactSpan(86_400)).toBe('1d');
  });
});
