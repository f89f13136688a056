import { describe, expect, it } from 'vitest';
import { globMatch, matchPatternList } from '../../../../src/transport/ssh/patterns.ts';

describe('globMatch', () => {
  it.each([
    ['*', 'anything', true],
    ['web*', 'web1', true],
    ['web*', 'db1', false],
    ['web?', 'web1', true],
    ['web?', 'web12', false],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['10.0.*.1', '10.0.3.1', true],
    ['[127.0.0.1]:*', '[127.0.0.1]:2222', true],
    ['WEB1', 'web1', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbY', false],
    ['', '', true],
  ])('%s vs %s → %s', (pattern, name, expected) => {
    expect(globMatch(pattern, name)).toBe(expected);
  });

  it('file names keep their case (Include globs)', () => {
    expect(globMatch('*.CONF', 'a.conf', false)).toBe(false);
  });
});

describe('matchPatternList', () => {
  it('matches when a plain pattern matches', () => {
    expect(matchPatternList(['db*', 'web*'], 'web1')).toBe('match');
  });

  it('a negated pattern excludes even when another matches', () => {
    expect(matchPatternList(['*', '!bastion'], 'bastion')).toBe('negated');
    expect(matchPatternList(['*', '!bastion'], 'web1')).toBe('match');
  });

  it('a negation alone never matches (as in OpenSSH)', () => {
    expect(matchPatternList(['!bastion'], 'web1')).toBe('none');
  });
});
