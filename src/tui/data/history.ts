/**
 * Recent stats per container, kept in the data layer (components only read
 * it): a bounded ring per container, so a long-running console holds at most
 * `capacity` samples for each container that is still being sampled.
 */
import type { ContainerStats } from '../../domain/stats.ts';

/** Samples kept per container: three minutes at the default 1 s refresh. */
export const HISTORY_SAMPLES = 180;

/** A fixed-size ring: pushing past capacity drops the oldest. */
export class Ring<T> {
  readonly capacity: number;
  #items: T[] = [];
  #start = 0;
  /** toArray's answer until the next push: every table row reads its ring once per render. */
  #ordered: readonly T[] | null = null;

  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity));
  }

  /** Adds the newest item. */
  push(item: T): void {
    this.#ordered = null;
    if (this.#items.length < this.capacity) this.#items.push(item);
    else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % this.capacity;
    }
  }

  /** The items, oldest first; the same array until the next push (so it is read-only). */
  toArray(): readonly T[] {
    this.#ordered ??= Object.freeze([...this.#items.slice(this.#start), ...this.#items.slice(0, this.#start)]);
    return this.#ordered;
  }

  /** How many items are held. */
  get size(): number {
    return this.#items.length;
  }
}

const NONE: readonly ContainerStats[] = Object.freeze([]);

/** Per-container rings keyed `node/id`. */
export class StatsHistory {
  readonly #rings = new Map<string, Ring<ContainerStats>>();
  readonly #capacity: number;

  constructor(capacity = HISTORY_SAMPLES) {
    this.#capacity = capacity;
  }

  /** Records one tick of a node: appends each sample, forgets the node's containers not in it. */
  recordNode(node: string, samples: readonly ContainerStats[]): void {
    const seen = new Set<string>();
    for (const s of samples) {
      const key = `${node}/${s.id}`;
      seen.add(key);
      let ring = this.#rings.get(key);
      if (!ring) this.#rings.set(key, (ring = new Ring(this.#capacity)));
      ring.push(s);
    }
    for (const key of [...this.#rings.keys()]) if (key.startsWith(`${node}/`) && !seen.has(key)) this.#rings.delete(key);
  }

  /** A container's samples, oldest first (empty when none); the same array until its next sample. */
  get(node: string, id: string): readonly ContainerStats[] {
    return this.#rings.get(`${node}/${id}`)?.toArray() ?? NONE;
  }
}
