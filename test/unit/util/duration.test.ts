import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/util/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['200ms', 200],
    ['2h', 7_200_000],
    ['1h2m3s', 3_723_000],
    ['1.5s', 1500],
    ['5', 5000],
    ['0.5', 500],
    ['0', 0],
    [' 10s ', 10_000],
    ['1s500ms', 1500],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '-5', '-1s', '10x', 's', '1m30', '10 s', '1e3', 'NaN', 'Infinity'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [10_000, '10s'],
    [90_000, '1m30s'],
    [200, '200ms'],
    [7_200_000, '2h'],
    [1500, '1.5s'],
    [0, '0s'],
  ])('writes %d ms as %j, which parses back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
