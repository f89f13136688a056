/**
 * Events: the `GET /events` stream (newline-delimited JSON, one event per
 * line, kept open until the client goes away) to BerthEvents. Docker and
 * Podman both send `Type`, `Action`, `Actor.{ID,Attributes}` and
 * `timeNano`; the container's name is `Actor.Attributes.name`.
 */
import type { Readable } from 'node:stream';
import type { BerthEvent } from '../../domain/types.ts';
import { nanosToRfc3339 } from './time.ts';

/** One event as the engine sends it. */
export interface WireEvent {
  Type?: string;
  Action?: string;
  /** Pre-1.22 spelling, still sent alongside Action. */
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> | null } | null;
  time?: number;
  timeNano?: number | string;
}

/** An event as berth's BerthEvent; `timeNanoDigits` keeps the exact nanoseconds. */
export function eventFromWire(node: string, w: WireEvent, timeNanoDigits?: string): BerthEvent {
  const attributes = w.Actor?.Attributes ?? {};
  return {
    at: nanosToRfc3339(timeNanoDigits ?? w.timeNano, w.time),
    node,
    type: w.Type ?? 'container',
    action: w.Action ?? w.status ?? '',
    id: w.Actor?.ID ?? w.id ?? '',
    name: attributes.name ?? null,
    attributes,
  };
}

/**
 * Parses one NDJSON line. `timeNano` is read from the text before
 * JSON.parse: as a number it exceeds 2^53 and would lose its last digits.
 */
export function parseEventLine(node: string, line: string): BerthEvent | null {
  const text = line.trim();
  if (text === '') return null;
  const w = JSON.parse(text) as WireEvent;
  const digits = /"timeNano"\s*:\s*(\d+)/.exec(text)?.[1];
  return eventFromWire(node, w, digits);
}

/**
 * Yields events from a reply body until it ends or the signal aborts
 * (ending quietly then). A line may arrive split across chunks.
 */
export async function* readEvents(node: string, body: Readable, signal?: AbortSignal): AsyncGenerator<BerthEvent> {
  let pending = '';
  try {
    for await (const chunk of body) {
      pending += (chunk as Buffer).toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const e = parseEventLine(node, line);
        if (e) yield e;
      }
    }
    const last = parseEventLine(node, pending);
    if (last) yield last;
  } catch (err) {
    if (signal?.aborted) return;
    throw err;
  } finally {
    body.destroy();
  }
}
