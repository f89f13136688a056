import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalTransport } from '../../../src/transport/local.ts';

const t = new LocalTransport();
let dir: string;
let server: Server;
let socketPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-local-'));
  socketPath = join(dir, 's.sock');
  server = createServer((sock) => sock.end('hi'));
  await new Promise<void>((r) => server.listen(socketPath, r));
  writeFileSync(join(dir, 'a'), 'A');
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('LocalTransport', () => {
  it('dials a unix socket', async () => {
    const s = await t.dialUnix(socketPath);
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hi');
  });

  it('a missing socket rejects with ENOENT (the runtime layer words it)', async () => {
    await expect(t.dialUnix(join(dir, 'nope.sock'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('an aborted dial rejects', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(t.dialUnix(socketPath, ac.signal)).rejects.toThrow();
  });

  it('runs argv without a shell: metacharacters stay literal', async () => {
    const r = await t.exec(['echo', '$HOME;', '`id`']);
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(r.stdout.toString()).toBe('$HOME; `id`\n');
  });

  it('feeds input and reports exit codes and stderr', async () => {
    expect((await t.exec(['cat'], { input: 'piped' })).stdout.toString()).toBe('piped');
    const r = await t.exec(['sh', '-c', 'echo oops >&2; exit 4']);
    expect([r.code, r.stderr.toString()]).toEqual([4, 'oops\n']);
  });

  it('kills a command past its timeout', async () => {
    const r = await t.exec(['sleep', '5'], { timeoutMs: 100 });
    expect(r.signal).toBe('SIGKILL');
  });

  it('a missing binary rejects', async () => {
    await expect(t.exec(['/nonexistent/berth-cmd'])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('spawns with streamed output', async () => {
    const p = t.spawn(['sh', '-c', 'read x; echo "got $x"']);
    p.stdin.end('line\n');
    const out: Buffer[] = [];
    for await (const c of p.stdout) out.push(c as Buffer);
    expect(Buffer.concat(out).toString()).toBe('got line\n');
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });

  it('reads many files in one pass; a missing one maps to its error', async () => {
    const m = await t.readFiles([join(dir, 'a'), join(dir, 'missing')]);
    expect(m.get(join(dir, 'a'))?.toString()).toBe('A');
    expect((m.get(join(dir, 'missing')) as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('stats sockets, files and missing paths', async () => {
    expect(await t.stat(socketPath)).toMatchObject({ kind: 'socket' });
    expect(await t.stat(join(dir, 'a'))).toMatchObject({ kind: 'file' });
    expect(await t.stat(join(dir, 'missing'))).toBeNull();
    expect(await t.access(join(dir, 'missing'))).toBe('missing');
    expect(await t.access(socketPath)).toBe('ok');
  });
});
