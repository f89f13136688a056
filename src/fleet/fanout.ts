/**
 * Runs one operation on every node at once. Each node has its own deadline
 * and its own failure; a slow or broken node never blocks or hides the
 * others (DESIGN.md "Everything that can fail per host...").
 */
import { BerthError, toBerthError } from '../domain/errors.ts';

/** A per-node failure as CLI.md's `errors` array shows it. */
export interface NodeError {
  node: string;
  kind: string;
  message: string;
  hint?: string;
}

/** What every node returned, and which failed. */
export interface FanoutResult<T> {
  results: { node: string; value: T }[];
  errors: NodeError[];
}

/** Converts an error into the `errors[]` shape. */
export function nodeError(node: string, err: unknown): NodeError {
  const e = toBerthError(err, node);
  return { node: e.node ?? node, kind: e.kind, message: e.message, ...(e.hint === undefined ? {} : { hint: e.hint }) };
}

/** Rejects with a 'timeout' error after `ms`, aborting the signal it hands out. */
export async function withDeadline<T>(node: string, ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort();
      reject(new BerthError('timeout', `no reply from node ${node} within ${ms / 1000}s`, {
        node,
        hint: 'check the node is up, or raise --timeout',
      }));
    }, ms);
  });
  try {
    return await Promise.race([fn(ac.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` for each node concurrently, each under its own deadline. */
export async function fanout<N extends { name: string }, T>(
  nodes: readonly N[],
  timeoutMs: number,
  fn: (node: N, signal: AbortSignal) => Promise<T>,
): Promise<FanoutResult<T>> {
  const settled = await Promise.allSettled(nodes.map((n) => withDeadline(n.name, timeoutMs, (s) => fn(n, s))));
  const out: FanoutResult<T> = { results: [], errors: [] };
  settled.forEach((s, i) => {
    const node = nodes[i]!.name;
    if (s.status === 'fulfilled') out.results.push({ node, value: s.value });
    else out.errors.push(nodeError(node, s.reason));
  });
  return out;
}
