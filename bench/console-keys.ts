// The keys the console benchmark presses, in a loop, each with the test
// that says its effect is on the screen: the cursor row moved, the sort
// mark moved, the view's title changed, the filter text shows in the title
// bar, the input line opened or closed. Tests compare against the screen
// just before the key, so a redraw that changes nothing never counts.

/** One key and how to see it took effect. */
export interface Step {
  /** Group in the report. */
  kind: string;
  keys: string;
  what: string;
  shows(lines: string[], before: string[]): boolean;
}

/** Name on the cursor row (`>` gutter), or null. */
export function cursorName(lines: readonly string[]): string | null {
  for (const l of lines) {
    const m = /^>[ *] {2}(\S+)/.exec(l);
    if (m) return m[1]!;
  }
  return null;
}

/** The title bar (`Containers [1] 1009 · all`), or ''. */
export function titleOf(lines: readonly string[]): string {
  return lines.find((l) => /^(Containers|Images|Nodes|Events) \[\d\]/.test(l)) ?? '';
}

/** The sort mark of the containers header (`NAME↑`), or '' when unsorted. */
function sortMark(lines: readonly string[]): string {
  const header = lines.find((l) => /^ +NAME\S* +NODE/.test(l)) ?? '';
  return /\S+[↑↓]/.exec(header)?.[0] ?? '';
}

/** The steps of one round; `rows` is the terminal's height (the input line is the one above the last). */
export function keyScript(rows: number): Step[] {
  const input = (lines: readonly string[]): string => lines[rows - 2] ?? '';
  const moved = (lines: string[], before: string[]): boolean => cursorName(lines) !== null && cursorName(lines) !== cursorName(before);
  const cursor = (keys: string, what: string): Step => ({ kind: 'j/k: cursor down/up', keys, what, shows: moved });
  const filterText = 'bench-01';
  return [
    cursor('j', 'the cursor one row down'),
    cursor('j', 'the cursor one row down'),
    cursor('j', 'the cursor one row down'),
    cursor('j', 'the cursor one row down'),
    cursor('k', 'the cursor one row up'),
    cursor('k', 'the cursor one row up'),
    { kind: 'o: sort by the next column', keys: 'o', what: 'the sort mark to move', shows: (l, b) => titleOf(l).startsWith('Containers') && sortMark(l) !== sortMark(b) },
    { kind: '2/1: images view and back', keys: '2', what: 'the images view', shows: (l) => titleOf(l).startsWith('Images [2]') },
    { kind: '2/1: images view and back', keys: '1', what: 'the containers view', shows: (l) => titleOf(l).startsWith('Containers [1]') && cursorName(l) !== null },
    { kind: '/, text, enter: filter input', keys: '/', what: 'the filter input line', shows: (l) => input(l).startsWith('/') },
    ...[...filterText].map((ch, i): Step => ({
      kind: '/, text, enter: filter input',
      keys: ch,
      what: `the filter "${filterText.slice(0, i + 1)}"`,
      shows: (l) => titleOf(l).includes(`filter "${filterText.slice(0, i + 1)}"`),
    })),
    { kind: '/, text, enter: filter input', keys: '\r', what: 'the input line to close', shows: (l) => !input(l).startsWith('/') },
    { kind: 'esc: clear the filter (Ink waits 20 ms)', keys: '\u001b', what: 'the filter to clear', shows: (l) => titleOf(l).startsWith('Containers') && !titleOf(l).includes('filter "') },
  ];
}
