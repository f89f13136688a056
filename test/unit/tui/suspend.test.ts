import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopSelf, type SuspendProc } from '../../../src/tui/suspend.ts';

/** A process that records the signals it sends itself. */
function fakeProc(): SuspendProc & { sent: string[]; emitter: EventEmitter } {
  const emitter = new EventEmitter();
  const sent: string[] = [];
  return {
    sent, emitter, pid: 4242,
    once: ((e: string, f: () => void) => emitter.once(e, f)) as SuspendProc['once'],
    off: ((e: string, f: () => void) => emitter.off(e, f)) as SuspendProc['off'],
    kill: ((pid: number, sig: string) => (sent.push(`${pid} ${sig}`), true)) as SuspendProc['kill'],
  };
}

describe('ctrl+z', () => {
  it('stops the process with SIGTSTP and resumes on SIGCONT', async () => {
    const proc = fakeProc();
    const resumed = stopSelf(proc);
    expect(proc.sent).toEqual(['4242 SIGTSTP']);
    proc.emitter.emit('SIGCONT');
    await resumed;
    expect(proc.emitter.listenerCount('SIGCONT')).toBe(0);
  });

  it('comes back by itself when the stop was discarded (no job-control shell above)', async () => {
    const proc = fakeProc();
    await stopSelf(proc);
    expect(proc.emitter.listenerCount('SIGCONT')).toBe(0);
  });
});
