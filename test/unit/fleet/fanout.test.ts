import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../src/domain/errors.ts';
import { fanout } from '../../../src/fleet/fanout.ts';

describe('fan-out over nodes', () => {
  it('returns what answered and lists each failed node, without waiting on a hung one past its deadline', async () => {
    const nodes = [{ name: 'fast' }, { name: 'broken' }, { name: 'hung' }];
    const started = Date.now();
    const r = await fanout(nodes, 150, async (n, signal) => {
      if (n.name === 'broken') throw new BerthError('unreachable', 'no socket', { node: 'broken' });
      if (n.name === 'hung') await new Promise((res) => signal.addEventListener('abort', res));
      return n.name.length;
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.results).toEqual([{ node: 'fast', value: 4 }]);
    expect(r.errors.map((e) => [e.node, e.kind])).toEqual([['broken', 'unreachable'], ['hung', 'timeout']]);
  });
});
