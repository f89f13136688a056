import { describe, expect, it } from 'vitest';
import { runChannel, streamChannel } from '../../../../src/transport/ssh/exec.ts';
import { FakeChannel } from './fake-channel.ts';

const lost = () => new Error('lost the SSH connection');

describe('runChannel', () => {
  it('collects stdout, stderr and the exit code, and sends the input', async () => {
    const ch = new FakeChannel();
    const p = runChannel(async () => ch.opened(), lost, { input: 'hello' });
    await new Promise((r) => setImmediate(r));
    ch.finish('out', 'err', 3);
    const r = await p;
    expect([r.code, r.signal, r.stdout.toString(), r.stderr.toString()]).toEqual([3, null, 'out', 'err']);
    expect(Buffer.concat(ch.written).toString()).toBe('hello');
  });

  it('a reply that arrives whole with the open (as through a ProxyJump hop) keeps its exit status and output', async () => {
    // ssh2 emits 'exit' in the channel-open callback's tick when the packets come in one read;
    // awaiting the channel before listening lost it, and the command was called a lost connection.
    const ch = new FakeChannel();
    const r = await runChannel(async () => {
      const opened = ch.opened();
      ch.finish('1000\n', '', 0);
      return opened;
    }, lost, {});
    expect([r.code, r.stdout.toString()]).toEqual([0, '1000\n']);
  });

  it('a remote signal death is reported like Node does (code null, SIGxxx)', async () => {
    const ch = new FakeChannel();
    const p = runChannel(async () => ch.opened(), lost, {});
    await new Promise((r) => setImmediate(r));
    ch.finish('', '', null, 'SIGTERM');
    expect(await p).toMatchObject({ code: null, signal: 'SIGTERM' });
  });

  it('a channel that closes without an exit status means the connection is gone', async () => {
    const ch = new FakeChannel();
    const p = runChannel(async () => ch.opened(), lost, {});
    await new Promise((r) => setImmediate(r));
    ch.hangUp();
    await expect(p).rejects.toThrow('lost the SSH connection');
  });

  it('a timeout signals KILL, closes the channel and resolves as killed (like the local transport)', async () => {
    const ch = new FakeChannel();
    const r = await runChannel(async () => ch.opened(), lost, { timeoutMs: 20 });
    expect(r).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(ch.signals).toEqual(['KILL']);
    expect(ch.wasClosed).toBe(true);
  });

  it('an abort rejects with the abort reason', async () => {
    const ch = new FakeChannel();
    const ac = new AbortController();
    const p = runChannel(async () => ch.opened(), lost, { signal: ac.signal });
    await new Promise((r) => setImmediate(r));
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('streamChannel', () => {
  it('hands back streams at once and wires them when the channel opens', async () => {
    const ch = new FakeChannel();
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    const proc = streamChannel(async () => {
      await opened;
      return ch.opened();
    }, lost);
    proc.stdin.write('in');
    open();
    await new Promise((r) => setTimeout(r, 10));
    ch.finish('streamed', 'warn', 0);
    const chunks: Buffer[] = [];
    for await (const c of proc.stdout) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('streamed');
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(Buffer.concat(ch.written).toString()).toBe('in');
  });

  it('a channel that cannot open fails the stdout reader with the reason, and exits without a code', async () => {
    const proc = streamChannel(async () => {
      throw new Error('node web1 is unreachable');
    }, lost);
    await expect((async () => {
      for await (const _ of proc.stdout) void _;
    })()).rejects.toThrow('unreachable');
    expect(await proc.exited).toEqual({ code: null, signal: null });
  });

  it('a streamed command whose reply arrives whole with the open still reports its exit', async () => {
    const ch = new FakeChannel();
    const proc = streamChannel(async () => {
      const opened = ch.opened();
      ch.finish('all at once', '', 4);
      return opened;
    }, lost);
    const chunks: Buffer[] = [];
    for await (const c of proc.stdout) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('all at once');
    expect(await proc.exited).toEqual({ code: 4, signal: null });
  });

  it('kill before the channel is open still stops it once it is', async () => {
    const ch = new FakeChannel();
    const proc = streamChannel(async () => ch.opened(), lost);
    proc.kill('SIGINT');
    expect(await proc.exited).toEqual({ code: null, signal: 'SIGINT' });
    expect(ch.signals).toEqual(['INT']);
  });
});
