/**
 * OpenSSH's host pattern lists, shared by ssh_config `Host` lines and
 * known_hosts host fields (ssh_config(5) "PATTERNS", sshd(8) "SSH_KNOWN_HOSTS
 * FILE FORMAT"): `*` and `?` globs, case-insensitive, and `!pattern` to
 * exclude. A list matches when some plain pattern matches and no negated
 * one does; a negated match alone never makes a list match.
 */

/**
 * Whether one glob (`*`, `?`) matches a name; host names ignore case as in
 * OpenSSH, file names (Include) do not.
 */
export function globMatch(pattern: string, name: string, ignoreCase = true): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const s = ignoreCase ? name.toLowerCase() : name;
  // Iterative wildcard match with backtracking to the last `*`: linear-ish and no regex escaping.
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Result of matching a pattern list: matched, excluded by a `!pattern`, or no match. */
export type ListMatch = 'match' | 'negated' | 'none';

/** Matches a name against a list of patterns (already split on commas or spaces). */
export function matchPatternList(patterns: readonly string[], name: string): ListMatch {
  let matched = false;
  for (const raw of patterns) {
    if (raw === '') continue;
    if (raw.startsWith('!')) {
      if (globMatch(raw.slice(1), name)) return 'negated';
    } else if (globMatch(raw, name)) {
      matched = true;
    }
  }
  return matched ? 'match' : 'none';
}
