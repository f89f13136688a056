/**
 * Reference resolution (CLI.md "References and addressing"): an exact name,
 * a full id, or a unique id prefix of at least 4 hex characters; `node/name`
 * picks the node. Pure, so the console and the scripts resolve alike.
 */
import { BerthError } from '../domain/errors.ts';

/** The fields resolution needs from anything addressable. */
export interface Addressable {
  id: string;
  name: string;
  node: string;
}

/** Splits `node/name` when the part before the slash is a known node. */
export function splitNodeRef(ref: string, nodeNames: readonly string[]): { node: string | null; ref: string } {
  const slash = ref.indexOf('/');
  if (slash > 0) {
    const node = ref.slice(0, slash);
    if (nodeNames.includes(node)) return { node, ref: ref.slice(slash + 1) };
  }
  return { node: null, ref };
}

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Names close to `ref`: small edit distance or containing it. */
export function closeMatches(ref: string, names: readonly string[], max = 3): string[] {
  const lower = ref.toLowerCase();
  return [...new Set(names)]
    .map((n) => ({ n, d: n.toLowerCase().includes(lower) || lower.includes(n.toLowerCase()) ? 1 : editDistance(lower, n.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(ref.length / 3)))
    .sort((x, y) => x.d - y.d || x.n.localeCompare(y.n))
    .slice(0, max)
    .map((x) => x.n);
}

/** Human label for a candidate: `node/name (id12)`. */
function label(c: Addressable): string {
  return `${c.node}/${c.name} (${c.id.slice(0, 12)})`;
}

/**
 * Finds the one item a reference means. Throws 'not-found' (with close
 * matches) or 'ambiguous' (listing every candidate).
 */
export function resolveOne<T extends Addressable>(
  ref: string,
  items: readonly T[],
  nodeNames: readonly string[],
  what = 'container',
): T {
  const { node, ref: bare } = splitNodeRef(ref, nodeNames);
  const pool = node === null ? items : items.filter((c) => c.node === node);
  let matches = pool.filter((c) => c.name === bare || c.id === bare);
  if (matches.length === 0 && /^[0-9a-f]{4,}$/i.test(bare)) {
    const lower = bare.toLowerCase();
    matches = pool.filter((c) => c.id.toLowerCase().startsWith(lower));
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new BerthError('ambiguous', `"${ref}" matches ${matches.length} ${what}s: ${matches.map(label).join(', ')}`, {
      hint: `name one as node/name${/^[0-9a-f]+$/i.test(bare) ? ' or give a longer id prefix' : ''}`,
    });
  }
  const close = closeMatches(bare, pool.map((c) => c.name));
  const where = node === null ? '' : ` on node ${node}`;
  throw new BerthError('not-found', `no ${what} "${ref}"${where}`, {
    hint: close.length > 0 ? `did you mean: ${close.join(', ')}?` : `list them with 'berth ${what === 'container' ? 'ps -a' : `${what}s`}'`,
  });
}
