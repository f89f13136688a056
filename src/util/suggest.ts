/**
 * "Did you mean" for mistyped flags, verbs and config keys. An operator who
 * typed `--tial` or `sokcet:` should be told the right spelling, not just
 * that theirs is wrong.
 */

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal
 * string alignment), since `--tial` and `sp` are the typos people make.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate `input` is most likely a mistake for: one it abbreviates
 * (`--follow-r` → `--follow-restarts`, for inputs of 3+ characters), else
 * the closest within 2 edits (1 for words of 4 characters or fewer, none
 * for a single character, so `-x` does not suggest `-a`). Leading dashes
 * do not count towards the length. Ties go to the earlier candidate, so
 * callers list likelier ones first.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = input.toLowerCase();
  const bare = lower.replace(/^-+/, '').length;
  const limit = bare <= 1 ? 0 : bare <= 4 ? 1 : 2;
  if (bare >= 3) {
    const longer = list.find((c) => c.length > input.length && c.toLowerCase().startsWith(lower));
    if (longer !== undefined) return longer;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of list) {
    if (c === input) continue;
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : editDistance(lower, cl);
    if (d < bestDistance && d <= limit) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or an empty string when nothing is close. */
export function suggestionSuffix(input: string, candidates: Iterable<string>): string {
  const s = didYouMean(input, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}
