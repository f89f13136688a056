/**
 * The fleet store (DESIGN.md "fleet store"): one state for all nodes, changed
 * only by pure reducers over plain actions, so the console and the scripted
 * commands read the same numbers and tests need no daemons.
 */
import type { BerthEvent, Container, HostInfo } from '../domain/types.ts';
import { byText } from '../util/compare.ts';
import { mergeListed } from './listed-merge.ts';

/** Connection state of one node, with its last error and data time. */
export interface NodeState {
  name: string;
  state: 'connecting' | 'up' | 'down';
  host: HostInfo | null;
  lastError: string | null;
  /** When the node's data was last confirmed fresh (ms since epoch). */
  at: number | null;
}

/** Everything berth knows about the fleet. */
export interface FleetState {
  nodes: Record<string, NodeState>;
  /** Containers keyed by `node/id`. */
  containers: Record<string, Container>;
  /** Newest last; capped. */
  events: BerthEvent[];
}

/** Something that happened, as the store learns it. */
export type FleetAction =
  | { type: 'node/connecting'; node: string }
  | { type: 'node/up'; node: string; host: HostInfo; at: number }
  | { type: 'node/down'; node: string; error: string; at: number }
  | { type: 'containers/snapshot'; node: string; containers: Container[]; at: number }
  | { type: 'container/upsert'; container: Container; at: number }
  | { type: 'container/remove'; node: string; id: string; at: number }
  | { type: 'event'; event: BerthEvent };

/** How many events the store keeps. */
export const EVENT_LIMIT = 1000;

/** An empty fleet. */
export function emptyFleet(): FleetState {
  return { nodes: {}, containers: {}, events: [] };
}

/** Key of a container in the store. */
export function containerKey(node: string, id: string): string {
  return `${node}/${id}`;
}

function touch(state: FleetState, node: string, at: number): Record<string, NodeState> {
  const prev = state.nodes[node];
  if (!prev) return state.nodes;
  return { ...state.nodes, [node]: { ...prev, at } };
}

/** The one reducer: returns a new state, never mutates. */
export function reduce(state: FleetState, action: FleetAction): FleetState {
  switch (action.type) {
    case 'node/connecting': {
      const prev = state.nodes[action.node];
      return {
        ...state,
        nodes: { ...state.nodes, [action.node]: { name: action.node, state: 'connecting', host: prev?.host ?? null, lastError: prev?.lastError ?? null, at: prev?.at ?? null } },
      };
    }
    case 'node/up':
      return {
        ...state,
        nodes: { ...state.nodes, [action.node]: { name: action.node, state: 'up', host: action.host, lastError: null, at: action.at } },
      };
    case 'node/down': {
      const prev = state.nodes[action.node];
      // Keep the last known data (shown stale with its age) rather than dropping it.
      return {
        ...state,
        nodes: { ...state.nodes, [action.node]: { name: action.node, state: 'down', host: prev?.host ?? null, lastError: action.error, at: prev?.at ?? null } },
      };
    }
    case 'containers/snapshot': {
      const containers: Record<string, Container> = {};
      for (const [k, c] of Object.entries(state.containers)) if (c.node !== action.node) containers[k] = c;
      for (const c of action.containers) {
        const key = containerKey(action.node, c.id);
        containers[key] = mergeListed(state.containers[key], c);
      }
      return { ...state, containers, nodes: touch(state, action.node, action.at) };
    }
    case 'container/upsert':
      return {
        ...state,
        containers: { ...state.containers, [containerKey(action.container.node, action.container.id)]: action.container },
        nodes: touch(state, action.container.node, action.at),
      };
    case 'container/remove': {
      const key = containerKey(action.node, action.id);
      if (!(key in state.containers)) return state;
      const { [key]: _gone, ...rest } = state.containers;
      return { ...state, containers: rest, nodes: touch(state, action.node, action.at) };
    }
    case 'event': {
      const events = state.events.length >= EVENT_LIMIT ? state.events.slice(1 - EVENT_LIMIT) : state.events.slice();
      events.push(action.event);
      return { ...state, events };
    }
  }
}

/** Containers of the fleet in a stable order (node, then name). */
export function containersOf(state: FleetState, node?: string): Container[] {
  return Object.values(state.containers)
    .filter((c) => node === undefined || c.node === node)
    .sort((a, b) => byText(a.node, b.node) || byText(a.name, b.name));
}

/** A subscribable holder of FleetState for the console and long-running commands. */
export class FleetStore {
  #state: FleetState = emptyFleet();
  readonly #listeners = new Set<(s: FleetState) => void>();

  /** Current state (immutable snapshot). */
  get state(): FleetState {
    return this.#state;
  }

  /** Applies an action and notifies subscribers when anything changed. */
  dispatch(action: FleetAction): void {
    const next = reduce(this.#state, action);
    if (next === this.#state) return;
    this.#state = next;
    for (const l of this.#listeners) l(next);
  }

  /** Calls `fn` on every change; returns the unsubscribe function. */
  subscribe(fn: (s: FleetState) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}
