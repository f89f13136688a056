/**
 * Per-node health of a fleet stream (`stats` following several nodes): a
 * node that fails is said once on stderr, with its reason, and once more
 * when it is back, instead of a line every tick; the other nodes keep
 * ticking. Only when EVERY node has been failing for the retry budget
 * (`--timeout`×3, CLI.md "Logs and streams") does the stream give up (exit
 * 5 with what was lost). Pure apart from the clock it is given.
 */
import { BerthError } from '../../domain/errors.ts';

/** What the stream asks after each tick. */
export interface NodeHealth {
  /** A node's tick failed; prints when the node was fine or the reason changed. */
  failed(node: string, message: string): void;
  /** A node's tick worked; prints "back" if it was failing. */
  ok(node: string): void;
  /** Throws the final error when every node has been failing for the whole budget. */
  check(): void;
}

/** Messages compared without their numbers ("retrying in 3 s" and "in 2 s" are one reason). */
function reasonKey(message: string): string {
  return message.replace(/\d+(\.\d+)?/g, '#');
}

/** A tracker for `nodes`, writing notices with `write`. */
export function nodeHealth(nodes: readonly string[], budgetMs: number, write: (line: string) => void, now: () => number = Date.now): NodeHealth {
  const down = new Map<string, { since: number; key: string; message: string }>();
  return {
    failed(node, message) {
      const was = down.get(node);
      const key = reasonKey(message);
      if (was?.key === key) return;
      down.set(node, { since: was?.since ?? now(), key, message });
      write(`berth: node ${node} is down: ${message}${was ? '' : '; its samples are unknown until it is back, the other nodes go on'}\n`);
    },
    ok(node) {
      const was = down.get(node);
      if (!was) return;
      down.delete(node);
      write(`berth: node ${node} is back after ${Math.round((now() - was.since) / 1000)} s\n`);
    },
    check() {
      if (nodes.length === 0 || nodes.some((n) => !down.has(n))) return;
      const newest = Math.max(...nodes.map((n) => down.get(n)!.since));
      if (now() - newest < budgetMs) return;
      throw new BerthError('unreachable', `lost every node for ${Math.round(budgetMs / 1000)} s: ${nodes.map((n) => `${n}: ${down.get(n)!.message}`).join('; ')}`, {
        hint: 'check the hosts and their runtimes; berth retried with backoff for --timeout×3',
      });
    },
  };
}
