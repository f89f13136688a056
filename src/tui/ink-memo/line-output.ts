/**
 * A line-level stand-in for Ink's Output (the frame buffer its renderer
 * writes text into). Ink's own builds a grid of one object per character
 * cell for the whole frame, tokenizes every written line into per-character
 * style objects and serialises each row back: 8 of the 9.8 MB a stats tick
 * allocated at 1,000 containers, and a fifth of its CPU. Most frames of the
 * console are plain: single-line texts of narrow characters side by side,
 * no clipping, nothing overlapping. Those rows are joined as strings here;
 * any frame with something else (a clip, an overlap, a wide or unusual
 * character, a styled multi-line text such as a border) is handed whole to
 * Ink's Output, so such frames are drawn exactly as before.
 *
 * The rows are the same on screen, cell for cell and style for style, but
 * not always the same bytes (Ink re-serialises styles; this keeps the
 * writer's own sequences), which Ink's line diff does not mind. Installed
 * through install.ts for Ink's renderer only.
 */
import { narrowWidth } from '../../util/width.ts';

/** A transformer as Ink passes it: applied to each written line (colour, for one). */
type Transformer = (line: string, index: number) => string;

/** The operations Ink's renderer performs on an Output. */
type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: readonly Transformer[] }
  | { type: 'clip'; clip: unknown }
  | { type: 'unclip' };

/** What Ink's renderer needs of an Output (ink/build/output.js). */
export interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: readonly Transformer[] }): void;
  clip(clip: unknown): void;
  unclip(): void;
  get(): { output: string; height: number };
}

/** The constructor of Ink's Output. */
export type InkOutputClass = new (options: { width: number; height: number }) => InkOutput;

/** One piece of a row: text that starts at column `x` and takes `width` cells. */
interface Piece {
  x: number;
  width: number;
  text: string;
}

/** Frames drawn by each path since the last call (tests check the fast one is taken). */
const counts = { lines: 0, ink: 0 };

/** How many frames took the line path and how many went to Ink's Output. */
export function lineOutputCounts(): { lines: number; ink: number } {
  return { ...counts };
}

/** Called with each frame the line path drew and a way to draw it with Ink's Output (tests compare them). */
type FrameCheck = (lines: string, ink: () => string) => void;

let frameCheck: FrameCheck | null = null;

/** Sets (or clears) the comparison run on every frame the line path draws; for tests only. */
export function setFrameCheck(check: FrameCheck | null): void {
  frameCheck = check;
}

/**
 * The frame as rows of text, or null when it needs Ink's Output. Mirrors
 * Output.get for plain frames: rows of `height`, writes outside them
 * dropped, gaps as spaces, trailing spaces trimmed.
 */
export function linesOf(operations: readonly Operation[], height: number): string | null {
  const rows: Piece[][] = [];
  for (const op of operations) {
    if (op.type !== 'write') return null;
    if (!Number.isInteger(op.x) || !Number.isInteger(op.y) || op.x < 0) return null;
    const lines = op.text.split('\n');
    // Ink carries styles across a text's newlines; a plain split would not.
    if (lines.length > 1 && op.text.includes('\u001b')) return null;
    for (let index = 0; index < lines.length; index++) {
      const y = op.y + index;
      if (y < 0 || y >= height) continue;
      let line = lines[index]!;
      // Ink re-serialises a line before its transformers; for narrow text with SGR only, that is the line itself.
      if (narrowWidth(line) === undefined) return null;
      for (const transform of op.transformers) line = transform(line, index);
      const width = narrowWidth(line);
      if (width === undefined) return null;
      if (width === 0) continue;
      (rows[y] ??= []).push({ x: op.x, width, text: line });
    }
  }
  const out: string[] = [];
  for (let y = 0; y < height; y++) {
    const pieces = rows[y];
    if (pieces === undefined) {
      out.push('');
      continue;
    }
    if (pieces.length > 1) pieces.sort((a, b) => a.x - b.x);
    let row = '';
    let column = 0;
    for (const p of pieces) {
      if (p.x < column) return null; // overlapping writes: the later one wins cell by cell in Ink's grid
      row += ' '.repeat(p.x - column) + p.text;
      column = p.x + p.width;
    }
    out.push(row.trimEnd());
  }
  return out.join('\n');
}

/**
 * An Output class that draws plain frames by lines and hands any other
 * frame to `Ink` (Ink's own Output), replaying the same operations.
 */
export function lineOutputClass(Ink: InkOutputClass): InkOutputClass {
  return class LineOutput implements InkOutput {
    readonly width: number;
    readonly height: number;
    readonly #operations: Operation[] = [];

    constructor(options: { width: number; height: number }) {
      this.width = options.width;
      this.height = options.height;
    }

    write(x: number, y: number, text: string, options: { transformers: readonly Transformer[] }): void {
      if (text !== '') this.#operations.push({ type: 'write', x, y, text, transformers: options.transformers });
    }

    clip(clip: unknown): void {
      this.#operations.push({ type: 'clip', clip });
    }

    unclip(): void {
      this.#operations.push({ type: 'unclip' });
    }

    get(): { output: string; height: number } {
      const lines = linesOf(this.#operations, this.height);
      if (lines !== null) {
        counts.lines++;
        frameCheck?.(lines, () => this.#ink().output);
        return { output: lines, height: this.height };
      }
      counts.ink++;
      return this.#ink();
    }

    /** The frame drawn by Ink's own Output from the same operations. */
    #ink(): { output: string; height: number } {
      const ink = new Ink({ width: this.width, height: this.height });
      for (const op of this.#operations) {
        if (op.type === 'write') ink.write(op.x, op.y, op.text, { transformers: op.transformers });
        else if (op.type === 'clip') ink.clip(op.clip);
        else ink.unclip();
      }
      return ink.get();
    }
  };
}
