import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggestionSuffix } from '../../../src/util/suggest.ts';

describe('didYouMean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('tial', 'tail')).toBe(1);
    expect(editDistance('sp', 'ps')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the close spelling', () => {
    expect(didYouMean('--tial', ['--tail', '--timestamps'])).toBe('--tail');
    expect(didYouMean('sokcet', ['name', 'ssh', 'socket'])).toBe('socket');
    expect(didYouMean('sp', ['ps', 'rm'])).toBe('ps');
    expect(didYouMean('--follow-r', ['--follow', '--follow-restarts'])).toBe('--follow-restarts');
  });

  it('stays quiet when nothing is close, or for single letters', () => {
    expect(didYouMean('--banana', ['--tail', '--all'])).toBeUndefined();
    expect(didYouMean('-x', ['-a', '-q'])).toBeUndefined();
  });

  it('formats the suffix', () => {
    expect(suggestionSuffix('jsn', ['json', 'yaml'])).toBe(' (did you mean "json"?)');
    expect(suggestionSuffix('zzz', ['json'])).toBe('');
  });
});
