/**
 * Strips terminal control sequences from untrusted text (container names,
 * labels, log lines, inspect output) before it reaches a terminal
 * (DESIGN.md "Conventions"). A container that can print an escape sequence
 * to an operator's terminal can retitle the window, hide lines, move the
 * cursor to forge output, plant OSC 8 links, or on some terminals answer
 * back into the shell; none of that may pass.
 *
 * Removed: CSI (`ESC [` and 8-bit 0x9B) with its parameters; OSC, DCS, SOS,
 * PM and APC strings up to BEL or ST (7-bit `ESC \` or 8-bit 0x9C), or to
 * the end of the line when unterminated; other ESC sequences (charset
 * selection, keypad modes, SS2/SS3 with their character); a lone ESC; C0
 * controls other than newline and tab; DEL; every C1 control U+0080–U+009F.
 * Printable text, including CJK and emoji, is untouched.
 */

/** Which whitespace controls survive; everything else control is dropped. */
export interface SanitizeOptions {
  /** Keep `\n` (default true). When false it becomes a space. */
  newlines?: boolean;
  /** Keep `\t` (default true). When false it becomes a space. */
  tabs?: boolean;
  /**
   * Keep `\r` (default false). A bare carriage return lets text overwrite
   * what was printed before it on the same line, so it is dropped unless a
   * caller (a raw TTY stream) needs it.
   */
  carriageReturns?: boolean;
}

const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
/** 8-bit introducers of string sequences: DCS, SOS, OSC, PM, APC. */
const C1_STRING = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
/** Finals after ESC that open a string sequence: P (DCS), X (SOS), ] (OSC), ^ (PM), _ (APC). */
const ESC_STRING = new Set([0x50, 0x58, 0x5d, 0x5e, 0x5f]);

/**
 * Returns `text` with every terminal control sequence removed (see the
 * module comment). Never throws; a sequence truncated at the end of the
 * text is dropped whole, so a chunk boundary cannot smuggle half of one.
 */
export function sanitize(text: string, opts: SanitizeOptions = {}): string {
  const keepNl = opts.newlines ?? true;
  const keepTab = opts.tabs ?? true;
  const keepCr = opts.carriageReturns ?? false;
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      // Fast path for runs of plain ASCII.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d < 0x20 || d >= 0x7f) break;
        j++;
      }
      out += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === 0x0a) {
      out += keepNl ? '\n' : ' ';
      i++;
    } else if (c === 0x09) {
      out += keepTab ? '\t' : ' ';
      i++;
    } else if (c === 0x0d) {
      if (keepCr) out += '\r';
      i++;
    } else if (c === ESC) {
      i = skipEscape(text, i + 1);
    } else if (c === C1_CSI) {
      i = skipCsi(text, i + 1);
    } else if (C1_STRING.has(c)) {
      i = skipString(text, i + 1);
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      i++; // other C0, DEL and C1 controls
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/**
 * Sanitises text meant for one table cell or one line of a message: newlines
 * and tabs become spaces, so a label value cannot break a row or a TSV column.
 */
export function sanitizeInline(text: string): string {
  return sanitize(text, { newlines: false, tabs: false });
}

/** Skips what follows an ESC at `i`; returns the index after the sequence. */
function skipEscape(text: string, i: number): number {
  if (i >= text.length) return i;
  const c = text.charCodeAt(i);
  if (c === 0x5b) return skipCsi(text, i + 1); // ESC [
  if (ESC_STRING.has(c)) return skipString(text, i + 1);
  if (c === 0x4e || c === 0x4f) {
    // SS2 / SS3 select one character from another set: drop it too.
    const next = text.charCodeAt(i + 1);
    return next >= 0x20 && next < 0x7f ? i + 2 : i + 1;
  }
  // nF sequences: intermediates 0x20–0x2F, then a final 0x30–0x7E.
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  if (j < text.length) {
    const f = text.charCodeAt(j);
    if (f >= 0x30 && f <= 0x7e) return j + 1;
  }
  // A lone ESC (before a control, a non-ASCII char or the end): drop the ESC
  // and whatever intermediates followed it, keep the rest.
  return j;
}

/**
 * Skips a CSI body starting at `i`: parameter bytes 0x30–0x3F, intermediate
 * bytes 0x20–0x2F, then one final byte 0x40–0x7E. A malformed body ends the
 * sequence at the offending character, which is then handled on its own.
 */
function skipCsi(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c >= 0x20 && c <= 0x3f) {
      j++;
      continue;
    }
    if (c >= 0x40 && c <= 0x7e) return j + 1;
    return j;
  }
  return j;
}

/**
 * Skips an OSC/DCS/SOS/PM/APC payload starting at `i`, up to and including
 * BEL, `ESC \` or 0x9C. Unterminated, it ends before the next newline (the
 * line after is ordinary log output and must not vanish) or at the end.
 */
function skipString(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === BEL || c === C1_ST) return j + 1;
    if (c === ESC) return text.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
    if (c === 0x0a) return j;
    j++;
  }
  return j;
}
