/**
 * The `/` filter: a case-insensitive substring, or a regular expression
 * when the text starts and ends with `/` (`/^web-\d+$/`), matched against
 * each row's haystack (name, image, node, state, labels). A bad regular
 * expression matches nothing and says why, rather than showing everything
 * and leaving the operator to think the filter is on.
 */

/** A compiled filter. */
export interface RowFilter {
  test(haystack: string): boolean;
  /** Why the expression is invalid, or null. */
  error: string | null;
}

/** Compiles filter text; empty text matches everything. */
export function compileFilter(text: string): RowFilter {
  if (text === '') return { test: () => true, error: null };
  if (text.length >= 2 && text.startsWith('/') && text.endsWith('/')) {
    try {
      const re = new RegExp(text.slice(1, -1), 'i');
      return { test: (h) => re.test(h), error: null };
    } catch (err) {
      return { test: () => false, error: `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}` };
    }
  }
  const needle = text.toLowerCase();
  return { test: (h) => h.includes(needle), error: null };
}
