import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/domain/errors.ts';
import { DIAL_STDIO_SCRIPT, dialStdioError, DialStdioStream } from '../../../../src/transport/ssh/dial-stdio.ts';
import { shScript } from '../../../../src/transport/ssh/quote.ts';
import { FakeChannel } from './fake-channel.ts';
import { tempDir } from './keys.ts';

let bin: string;
const ctx = { node: 'web1', address: 'root@web1', path: '/var/run/docker.sock', sudo: false };

beforeAll(() => {
  bin = tempDir('berth-ds-');
  // Stand-ins that print their argv, one per line.
  for (const name of ['docker', 'sudo']) {
    writeFileSync(join(bin, name), `#!/bin/sh\nprintf '%s\\n' "${name}" "$@"\n`);
    chmodSync(join(bin, name), 0o755);
  }
});

afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** Runs the script as the host would, with only our stand-ins (and sh) on PATH. */
function run(args: string[], path: string): { out: string[]; err: string; code: number | null } {
  const r = spawnSync('/bin/sh', ['-c', shScript(DIAL_STDIO_SCRIPT, args)], { env: { PATH: `${path}:/bin` }, encoding: 'utf8' });
  return { out: r.stdout.trim().split('\n'), err: r.stderr, code: r.status };
}

describe('the dial-stdio command', () => {
  it('runs docker --host unix://PATH system dial-stdio, the path as one argument', () => {
    expect(run(['', '/run/my docker.sock'], bin).out).toEqual(['docker', '--host', 'unix:///run/my docker.sock', 'system', 'dial-stdio']);
  });

  it('with sudo, through sudo -n (never a password prompt)', () => {
    expect(run(['sudo', '/var/run/docker.sock'], bin).out).toEqual(['sudo', '-n', '--', 'docker', '--host', 'unix:///var/run/docker.sock', 'system', 'dial-stdio']);
  });

  it('without docker or podman on the host: exit 127 and a sentence saying so', () => {
    const empty = tempDir('berth-ds-empty-');
    symlinkSync('/bin/sh', join(empty, 'sh'));
    const r = spawnSync('/bin/sh', ['-c', shScript(DIAL_STDIO_SCRIPT, ['', '/x.sock'])], { env: { PATH: empty }, encoding: 'utf8' });
    rmSync(empty, { recursive: true });
    expect(r.status).toBe(127);
    expect(r.stderr).toMatch(/neither docker nor podman/);
  });
});

describe('dialStdioError', () => {
  it('sudo refusing is a permission error with the NOPASSWD hint', () => {
    const e = dialStdioError('sudo: a password is required\n', 1, { ...ctx, sudo: true });
    expect(e).toBeInstanceOf(BerthError);
    expect((e as BerthError).kind).toBe('permission');
    expect((e as BerthError).hint).toMatch(/NOPASSWD/);
  });

  it('no CLI on the host is unreachable, saying what to install or enable', () => {
    const e = dialStdioError('berth: neither docker nor podman…', 127, ctx) as BerthError;
    expect(e.kind).toBe('unreachable');
    expect(e.hint).toMatch(/AllowStreamLocalForwarding/);
  });

  it.each([
    ['permission denied while trying to connect to the Docker daemon socket', 'EACCES'],
    ['dial unix /x.sock: connect: connection refused', 'ECONNREFUSED'],
    ['dial unix /x.sock: connect: no such file or directory', 'ENOENT'],
    ['something else', 'ECONNRESET'],
  ])('%s → %s', (text, code) => {
    expect(dialStdioError(text, 1, ctx)).toMatchObject({ code, path: ctx.path });
  });
});

describe('DialStdioStream', () => {
  it('passes bytes both ways and ends when the command ends', async () => {
    const ch = new FakeChannel();
    let works = 0;
    const s = new DialStdioStream(ch.opened(), ctx, () => works++);
    s.write('GET /_ping');
    setTimeout(() => ch.finish('OK', '', 0), 5);
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('OK');
    expect(Buffer.concat(ch.written).toString()).toBe('GET /_ping');
    expect(works).toBe(1);
  });

  it('a command that dies before answering becomes an error with a code, not a bare hang-up', async () => {
    const ch = new FakeChannel();
    const s = new DialStdioStream(ch.opened(), ctx);
    setTimeout(() => ch.finish('', 'dial unix /var/run/docker.sock: connect: permission denied', 1), 5);
    await expect((async () => {
      for await (const _ of s) void _;
    })()).rejects.toMatchObject({ code: 'EACCES' });
  });
});
