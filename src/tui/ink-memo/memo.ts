/**
 * Bounded memo tables for the pure text functions Ink calls on every line
 * of every frame (display width, widest line, ANSI tokenizing). Ink keeps
 * its own caches for one frame only, so a cursor move measured and
 * tokenized all 50 visible lines again: about a fifth of the console's CPU
 * per key (bench/console-render.ts, profiled). Lines that did not change
 * are now answered from here. Used through install.ts, never imported by
 * berth's own code.
 *
 * Each table has two generations: hits are looked up in the young one,
 * then the old one (and moved to the young); when the young one is full
 * it becomes the old one and the previous old one is dropped. So the
 * lines on screen stay in, and a table never holds more than twice its
 * limit: a tokenized line is a few hundred small objects, and unbounded
 * tables took the console's RSS from ~200 to 270 MB in minutes.
 */

import { narrowWidth } from '../../util/width.ts';

/** A memo table with two generations (see above). */
class TwoGenerations<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.#young.size >= this.#limit) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }

  get size(): number {
    return this.#young.size + this.#old.size;
  }
}

/** Every table made here, for memoEntries. */
const tables: { readonly size: number }[] = [];

/** How many results the tables hold now (tests and benchmarks check the memo is in use). */
export function memoEntries(): number {
  return tables.reduce((n, t) => n + t.size, 0);
}

/**
 * `fn` with its results remembered by its one string argument, at most
 * 2 × `limit` of them (other arguments bypass the table). Results must not
 * be undefined, and callers must not change them.
 */
export function memoByText<R>(fn: (text: string, ...rest: unknown[]) => R, limit: number): (text: string, ...rest: unknown[]) => R {
  const table = new TwoGenerations<string, R>(limit);
  tables.push(table);
  return (text, ...rest) => {
    if (rest.length > 0 && rest.some((r) => r !== undefined)) return fn(text, ...rest);
    let hit = table.get(text);
    if (hit === undefined) {
      hit = fn(text);
      table.set(text, hit);
    }
    return hit;
  };
}

/** `fn` with its results remembered by the identity of its one object argument (which must not be changed). */
export function memoByRef<A extends object, R>(fn: (arg: A) => R): (arg: A) => R {
  const table = new WeakMap<A, R>();
  return (arg) => {
    let hit = table.get(arg);
    if (hit === undefined) {
      hit = fn(arg);
      table.set(arg, hit);
    }
    return hit;
  };
}

/**
 * string-width with the narrow fast path first: a console line of ASCII,
 * dashes and sparkline blocks is its length, where string-width segments
 * it into graphemes and tests each against its emoji pattern (the largest
 * self time in a stats tick's profile).
 */
export function fastStringWidth(fn: (text: string, ...rest: unknown[]) => number): (text: string, ...rest: unknown[]) => number {
  return (text, ...rest) => (rest.length > 0 && rest.some((r) => r !== undefined) ? fn(text, ...rest) : narrowWidth(text) ?? fn(text));
}

/** widest-line with the same fast path for each line; any line that needs string-width sends the whole text to `fn`. */
export function fastWidestLine(fn: (text: string) => number): (text: string) => number {
  return (text) => {
    let widest = 0;
    for (const line of text.split('\n')) {
      const w = narrowWidth(line);
      if (w === undefined) return fn(text);
      if (w > widest) widest = w;
    }
    return widest;
  };
}
