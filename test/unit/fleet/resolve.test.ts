import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/domain/errors.ts';
import { closeMatches, resolveOne, splitNodeRef } from '../../../src/fleet/resolve.ts';

const items = [
  { id: 'a1b2c3d4e5f6aaaa', name: 'web', node: 'local' },
  { id: 'a1b2ffff00000000', name: 'worker', node: 'local' },
  { id: '99887766554433aa', name: 'web', node: 'prod' },
  { id: '1234567890abcdef', name: 'db', node: 'prod' },
];
const nodes = ['local', 'prod'];

function caught(fn: () => unknown): BerthError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  throw new Error('expected a BerthError');
}

describe('reference resolution', () => {
  it('finds an exact name that is unique across the fleet', () => {
    expect(resolveOne('db', items, nodes).id).toBe('1234567890abcdef');
  });

  it('reports a name on several nodes as ambiguous, listing every candidate', () => {
    const e = caught(() => resolveOne('web', items, nodes));
    expect(e.kind).toBe('ambiguous');
    expect(e.message).toContain('local/web');
    expect(e.message).toContain('prod/web');
  });

  it('picks the node with node/name', () => {
    expect(resolveOne('prod/web', items, nodes).id).toBe('99887766554433aa');
  });

  it('accepts a unique id prefix of at least 4 hex characters', () => {
    expect(resolveOne('1234', items, nodes).name).toBe('db');
    expect(caught(() => resolveOne('123', items, nodes)).kind).toBe('not-found');
  });

  it('calls a shared id prefix ambiguous and asks for a longer one', () => {
    const e = caught(() => resolveOne('a1b2', items, nodes));
    expect(e.kind).toBe('ambiguous');
    expect(e.hint).toContain('longer id prefix');
  });

  it('never matches a name by prefix', () => {
    expect(caught(() => resolveOne('wor', items, nodes)).kind).toBe('not-found');
  });

  it('names close matches when nothing matches', () => {
    const e = caught(() => resolveOne('wrker', items, nodes));
    expect(e.kind).toBe('not-found');
    expect(e.hint).toContain('worker');
  });

  it('treats a slash after an unknown node as part of the name', () => {
    expect(splitNodeRef('other/x', nodes)).toEqual({ node: null, ref: 'other/x' });
    expect(closeMatches('xyz', ['web', 'db'])).toEqual([]);
  });
});
