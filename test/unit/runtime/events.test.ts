import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { BerthEvent } from '../../../src/domain/types.ts';
import { parseEventLine, readEvents } from '../../../src/runtime/docker/events.ts';
import { nanosToRfc3339 } from '../../../src/runtime/docker/time.ts';
import { chunks, rechunk } from './fixtures.ts';

async function collect(bufs: Buffer[]): Promise<BerthEvent[]> {
  const out: BerthEvent[] = [];
  for await (const e of readEvents('local', Readable.from(bufs))) out.push(e);
  return out;
}

describe('events (real streams)', () => {
  it('docker: lines split across chunks still parse; name from Actor attributes', async () => {
    const real = chunks('docker-20.10', 'events');
    const events = await collect(rechunk(real, 37));
    expect(events.length).toBe(Buffer.concat(real).toString().trim().split('\n').length);
    const lifecycle = events.filter((e) => e.type === 'container' && !e.action.startsWith('exec_')).map((e) => `${e.name} ${e.action}`);
    expect(lifecycle).toEqual(['exited3 start', 'exited3 die', 'web pause', 'web unpause', 'web kill', 'web health_status: healthy']);
    const kill = events.find((e) => e.action === 'kill')!;
    expect(kill.attributes.signal).toBe('28');
    expect(kill.id).toMatch(/^[0-9a-f]{64}$/);
    expect(kill.node).toBe('local');
  });

  it('keeps all nine digits of timeNano (a JSON number would lose them)', async () => {
    const raw = Buffer.concat(chunks('docker-20.10', 'events')).toString().split('\n')[0]!;
    const digits = /"timeNano":(\d+)/.exec(raw)![1]!;
    const e = parseEventLine('local', raw)!;
    expect(e.at).toMatch(/^2026-11-22T06:\d\d:\d\d\.\d{9}Z$/);
    expect(e.at.slice(20, 29)).toBe(digits.slice(-9));
  });

  it('podman: its own action words come through (remove, not destroy; init, cleanup)', async () => {
    const events = await collect(chunks('podman-4.3', 'events'));
    const actions = new Set(events.map((e) => e.action));
    expect(actions.has('init')).toBe(true);
    expect(events.every((e) => e.at.startsWith('2026-11-22T'))).toBe(true);
    expect(events.find((e) => e.action === 'pause')!.name).toBe('web');
  });

  it('formats nanoseconds and falls back to seconds', () => {
    expect(nanosToRfc3339('1795329621738013000')).toBe('2026-11-22T06:40:21.738013000Z');
    expect(nanosToRfc3339(undefined, 1795329621)).toBe('2026-11-22T06:40:21Z');
  });
});
