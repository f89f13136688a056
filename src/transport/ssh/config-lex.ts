/**
 * Splits an ssh_config file into keyword lines, as OpenSSH's readconf.c
 * does: `Keyword value…` or `Keyword=value…`, keywords case-insensitive,
 * arguments separated by blanks and grouped by double (or single) quotes,
 * `#` starting a comment. Kept apart from evaluation so both are testable.
 */

/** One directive, with where it came from for messages. */
export interface ConfigLine {
  /** Lower-cased keyword (`hostname`, `identityfile`). */
  keyword: string;
  args: string[];
  file: string;
  line: number;
}

/** Splits the arguments part of a line; quotes group, a bare `#` ends the line. */
function splitArgs(text: string, file: string, lineNo: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length || text[i] === '#') break;
    let arg = '';
    while (i < text.length && !/\s/.test(text[i]!)) {
      const c = text[i]!;
      if (c === '"' || c === "'") {
        const end = text.indexOf(c, i + 1);
        if (end === -1) throw new Error(`${file}:${lineNo}: unterminated quote`);
        arg += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '\\' && i + 1 < text.length && /["'\\\s]/.test(text[i + 1]!)) {
        arg += text[i + 1];
        i += 2;
      } else {
        arg += c;
        i++;
      }
    }
    out.push(arg);
  }
  return out;
}

/** Tokenizes a whole file; throws `FILE:LINE: …` for a line it cannot read. */
export function lexConfig(text: string, file: string): ConfigLine[] {
  const lines: ConfigLine[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const lineNo = idx + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    // The keyword ends at a blank or at `=`; `Key = value` and `Key=value` are both allowed.
    const m = /^([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+|$)(.*)$/.exec(trimmed);
    if (!m) throw new Error(`${file}:${lineNo}: cannot read "${trimmed.slice(0, 60)}"`);
    lines.push({ keyword: m[1]!.toLowerCase(), args: splitArgs(m[2]!, file, lineNo), file, line: lineNo });
  });
  return lines;
}
