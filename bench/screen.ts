// A minimal terminal screen for the console benchmark: enough of VT100 to
// follow what Ink writes (cursor up/down/next line/column/position, erase
// line and erase down, deferred wrap at the last column, scrolling), so a
// frame can be checked as an operator would read it, whatever part of a
// line Ink chose to rewrite (Ink 8 rewrites only from the first changed
// column). SGR and private modes are ignored; every character is one cell
// (the benchmark's data is ASCII plus one-cell symbols).

/** A screen of `rows`×`cols` cells fed with terminal output. */
export class Screen {
  readonly rows: number;
  readonly cols: number;
  #cells: string[][];
  #x = 0;
  #y = 0;
  #wrap = false;
  /** An escape sequence split across two writes. */
  #pending = '';

  constructor(rows: number, cols: number) {
    this.rows = rows;
    this.cols = cols;
    this.#cells = Array.from({ length: rows }, () => this.#blank());
  }

  #blank(): string[] {
    return Array.from({ length: this.cols }, () => ' ');
  }

  /** The screen as lines, trailing spaces cut. */
  lines(): string[] {
    return this.#cells.map((r) => r.join('').trimEnd());
  }

  /** Feeds output. */
  write(data: string): void {
    const s = this.#pending + data;
    this.#pending = '';
    let i = 0;
    while (i < s.length) {
      const ch = s[i]!;
      if (ch === '\u001b') {
        const used = this.#escape(s, i);
        if (used === 0) {
          this.#pending = s.slice(i);
          return;
        }
        i += used;
        continue;
      }
      i++;
      if (ch === '\r') this.#to(this.#y, 0);
      else if (ch === '\n') this.#lineFeed();
      else if (ch === '\b') this.#to(this.#y, this.#x - 1);
      else if (ch === '\t') this.#to(this.#y, Math.min(this.cols - 1, (Math.floor(this.#x / 8) + 1) * 8));
      else if (ch < ' ' || ch === '\u007f') continue;
      else {
        // A character may be two UTF-16 units.
        let glyph = ch;
        const code = ch.charCodeAt(0);
        if (code >= 0xd800 && code <= 0xdbff && i < s.length) glyph += s[i++];
        this.#put(glyph);
      }
    }
  }

  #put(glyph: string): void {
    if (this.#wrap) {
      this.#wrap = false;
      this.#x = 0;
      this.#lineFeed();
    }
    this.#cells[this.#y]![this.#x] = glyph;
    if (this.#x === this.cols - 1) this.#wrap = true;
    else this.#x++;
  }

  #lineFeed(): void {
    this.#wrap = false;
    if (this.#y < this.rows - 1) this.#y++;
    else {
      this.#cells.shift();
      this.#cells.push(this.#blank());
    }
  }

  #to(y: number, x: number): void {
    this.#wrap = false;
    this.#y = Math.max(0, Math.min(this.rows - 1, y));
    this.#x = Math.max(0, Math.min(this.cols - 1, x));
  }

  /** Handles the escape sequence at `i`; returns its length, or 0 when it is incomplete. */
  #escape(s: string, i: number): number {
    const next = s[i + 1];
    if (next === undefined) return 0;
    if (next === '[') {
      // eslint-disable-next-line no-control-regex -- a CSI sequence starts with ESC
      const m = /^\u001b\[([0-9;?<>=]*)([ -/]*)([@-~])/.exec(s.slice(i, i + 64));
      if (!m) return s.length - i < 64 ? 0 : 2;
      this.#csi(m[1]!, m[3]!);
      return m[0].length;
    }
    if (next === ']') {
      // eslint-disable-next-line no-control-regex -- an OSC string ends with BEL or ESC \\
      const end = s.slice(i).search(/\u0007|\u001b\\/);
      if (end < 0) return 0;
      return end + (s[i + end] === '\u0007' ? 1 : 2);
    }
    if (next === '(' || next === ')') return i + 2 < s.length ? 3 : 0;
    return 2;
  }

  #csi(params: string, final: string): void {
    if (params.startsWith('?') || params.startsWith('>') || params.startsWith('<') || params.startsWith('=')) {
      // Private modes; entering the alternate screen starts from a blank one.
      if (final === 'h' && params.split(';').includes('?1049')) this.#clear();
      return;
    }
    const ps = params === '' ? [] : params.split(';').map(Number);
    const n = Math.max(1, ps[0] ?? 1);
    switch (final) {
      case 'A': this.#to(this.#y - n, this.#x); break;
      case 'B': this.#to(this.#y + n, this.#x); break;
      case 'C': this.#to(this.#y, this.#x + n); break;
      case 'D': this.#to(this.#y, this.#x - n); break;
      case 'E': this.#to(this.#y + n, 0); break;
      case 'F': this.#to(this.#y - n, 0); break;
      case 'G': this.#to(this.#y, n - 1); break;
      case 'H': case 'f': this.#to(Math.max(1, ps[0] ?? 1) - 1, Math.max(1, ps[1] ?? 1) - 1); break;
      case 'J': this.#eraseDisplay(ps[0] ?? 0); break;
      case 'K': this.#eraseLine(ps[0] ?? 0); break;
      default: break;
    }
  }

  #clear(): void {
    this.#cells = Array.from({ length: this.rows }, () => this.#blank());
    this.#to(0, 0);
  }

  #eraseLine(mode: number): void {
    const row = this.#cells[this.#y]!;
    const [from, to] = mode === 0 ? [this.#x, this.cols] : mode === 1 ? [0, this.#x + 1] : [0, this.cols];
    for (let x = from; x < to; x++) row[x] = ' ';
  }

  #eraseDisplay(mode: number): void {
    if (mode === 2 || mode === 3) {
      for (const r of this.#cells) r.fill(' ');
      return;
    }
    this.#eraseLine(mode === 1 ? 1 : 0);
    const ys = mode === 1 ? [0, this.#y] : [this.#y + 1, this.rows];
    for (let y = ys[0]!; y < ys[1]!; y++) this.#cells[y]!.fill(' ');
  }
}
