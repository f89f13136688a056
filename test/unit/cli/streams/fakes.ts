/** Fakes shared by the stream tests: a virtual clock and log/event sources. */
import { BerthError } from '../../../../src/domain/errors.ts';
import type { BerthEvent, ContainerState, LogLine } from '../../../../src/domain/types.ts';
import type { LogOptions } from '../../../../src/runtime/types.ts';
import type { RetryClock } from '../../../../src/cli/streams/retry.ts';

/** A clock whose sleeps pass at once, advancing virtual time; it records each wait. */
export function virtualClock(start = 1_800_000_000_000): RetryClock & { waits: number[]; t: number } {
  const c = {
    t: start,
    waits: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.waits.push(ms);
      c.t += ms;
      await Promise.resolve();
    },
  };
  return c;
}

/** A log line as the runtime yields it. */
export function line(stream: LogLine['stream'], text: string, at: string | null): LogLine {
  return { stream, at, data: Buffer.from(`${text}\n`) };
}

/** An engine-lost error as the runtime throws it. */
export function lost(message = 'connection refused by unix:///x.sock on node local'): BerthError {
  return new BerthError('unreachable', message, { node: 'local' });
}

/** One scripted reply to a logs or events request. */
export type Pass<T> = { items: T[]; then?: 'end' | BerthError };

/**
 * A log source that answers each logs request with the next scripted pass
 * and each inspect with the next scripted state (or error); it records the
 * requests.
 */
export function fakeLogSource(passes: Pass<LogLine>[], states: (ContainerState | BerthError)[]) {
  const requests: LogOptions[] = [];
  let inspects = 0;
  return {
    requests,
    get inspects() {
      return inspects;
    },
    async *logs(_id: string, opts: LogOptions): AsyncGenerator<LogLine> {
      requests.push(opts);
      const pass = passes.shift();
      if (!pass) throw new Error('no more passes scripted');
      for (const item of pass.items) yield item;
      if (pass.then instanceof BerthError) throw pass.then;
    },
    async inspectContainer(): Promise<{ state: ContainerState }> {
      inspects++;
      const s = states.shift();
      if (s === undefined) throw new Error('no more states scripted');
      if (s instanceof BerthError) throw s;
      return { state: s };
    },
  };
}

/** An event. */
export function event(at: string, action: string, id = 'c1'): BerthEvent {
  return { at, node: 'local', type: 'container', action, id, name: 'web', attributes: { name: 'web' } };
}

/** An event source answering each request with the next scripted pass (a throw for a failed connect). */
export function fakeEventSource(passes: (Pass<BerthEvent> | BerthError)[]) {
  const requests: { since?: number; until?: number }[] = [];
  return {
    requests,
    async *events(opts: { since?: number; until?: number }): AsyncGenerator<BerthEvent> {
      requests.push(opts);
      const pass = passes.shift();
      if (!pass) throw new Error('no more passes scripted');
      if (pass instanceof BerthError) throw pass;
      for (const item of pass.items) yield item;
      if (pass.then instanceof BerthError) throw pass.then;
    },
  };
}
