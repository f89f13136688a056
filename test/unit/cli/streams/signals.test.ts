import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onInterrupt } from '../../../../src/cli/streams/interrupt.ts';
import { enterRawMode, terminalSize, watchResize } from '../../../../src/cli/streams/terminal.ts';
import type { OutStream, InStream } from '../../../../src/cli/framework/context.ts';

function fakeHost() {
  const em = new EventEmitter();
  const exits: number[] = [];
  return Object.assign(em, { exits, exit: (c: number) => void exits.push(c) });
}

describe('onInterrupt', () => {
  it('Ctrl-C aborts the streams and asks for exit 130 (docker 28 does the same)', () => {
    const host = fakeHost();
    const i = onInterrupt(host);
    expect(i.code).toBeNull();
    host.emit('SIGINT');
    expect(i.signal.aborted).toBe(true);
    expect(i.code).toBe(130);
    expect(host.exits).toEqual([]);
    // A second signal does not wait for the cleanup.
    host.emit('SIGINT');
    expect(host.exits).toEqual([130]);
  });

  it('SIGTERM asks for 143; dispose removes every handler', () => {
    const host = fakeHost();
    const i = onInterrupt(host);
    host.emit('SIGTERM');
    expect(i.code).toBe(143);
    i.dispose();
    expect(host.listenerCount('SIGINT') + host.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('terminal', () => {
  it('reads the size of a terminal, and forwards resizes', () => {
    const out = Object.assign(new EventEmitter(), { isTTY: true, rows: 30, columns: 100 }) as unknown as OutStream & { rows: number; columns: number };
    expect(terminalSize(out)).toEqual({ rows: 30, cols: 100 });
    const sizes: unknown[] = [];
    const stop = watchResize(out, (s) => sizes.push(s));
    out.rows = 40;
    out.emit('resize');
    stop();
    out.emit('resize');
    expect(sizes).toEqual([{ rows: 40, cols: 100 }]);
    expect(terminalSize(Object.assign(new EventEmitter(), { isTTY: false }) as unknown as OutStream)).toBeUndefined();
  });

  it('raw mode is restored once, also on SIGTERM and at exit', () => {
    const modes: boolean[] = [];
    const stdin = Object.assign(new EventEmitter(), { isTTY: true, isRaw: false, setRawMode: (r: boolean) => void modes.push(r) }) as unknown as InStream;
    const proc = Object.assign(new EventEmitter(), { pid: 42, kills: [] as string[], kill(_p: number, s: string) {
      this.kills.push(s);
    } });
    const restore = enterRawMode(stdin, proc as unknown as NodeJS.Process);
    expect(modes).toEqual([true]);
    proc.emit('SIGTERM');
    expect(modes).toEqual([true, false]);
    expect(proc.kills).toEqual(['SIGTERM']);
    restore();
    proc.emit('exit');
    expect(modes).toEqual([true, false]);
    expect(proc.listenerCount('exit') + proc.listenerCount('SIGHUP')).toBe(0);
  });

  it('leaves a stdin that is not a terminal alone', () => {
    const stdin = Object.assign(new EventEmitter(), { isTTY: false }) as unknown as InStream;
    expect(() => enterRawMode(stdin)()).not.toThrow();
  });
});
