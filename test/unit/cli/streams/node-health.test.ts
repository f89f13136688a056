// A fleet stream's per-node notices (src/cli/streams/node-health.ts): once
// when a node fails, once when it is back, and exit 5 only when every node
// has been lost for the whole retry budget.
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/domain/errors.ts';
import { nodeHealth } from '../../../../src/cli/streams/node-health.ts';

function tracker(nodes: string[], budget = 30_000) {
  const lines: string[] = [];
  let t = 0;
  const h = nodeHealth(nodes, budget, (l) => lines.push(l), () => t);
  return { h, lines, advance: (ms: number) => (t += ms) };
}

describe('per-node health of a fleet stream', () => {
  it('says a failing node once per reason (numbers aside), and once when it is back', () => {
    const { h, lines, advance } = tracker(['a', 'b']);
    h.ok('a');
    h.failed('b', 'node b: connection refused; retrying in 3 s');
    advance(1000);
    h.failed('b', 'node b: connection refused; retrying in 2 s');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^berth: node b is down: node b: connection refused; retrying in 3 s; its samples are unknown/);
    h.failed('b', 'node b: no runtime socket');
    expect(lines).toHaveLength(2);
    advance(4000);
    h.ok('b');
    expect(lines[2]).toBe('berth: node b is back after 5 s\n');
    h.ok('b');
    expect(lines).toHaveLength(3);
  });

  it('goes on while one node is up, however long another is down', () => {
    const { h, advance } = tracker(['a', 'b'], 1000);
    h.failed('b', 'down');
    advance(60_000);
    h.ok('a');
    expect(() => h.check()).not.toThrow();
  });

  it('gives up (unreachable, exit 5) when every node has failed for the budget, naming each', () => {
    const { h, advance } = tracker(['a', 'b'], 3000);
    h.failed('a', 'gone a');
    advance(2000);
    h.failed('b', 'gone b');
    advance(2000);
    expect(() => h.check()).not.toThrow();
    advance(1000);
    let err: unknown;
    try {
      h.check();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).kind).toBe('unreachable');
    expect((err as BerthError).message).toContain('a: gone a; b: gone b');
  });
});
