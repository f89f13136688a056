import { execFileSync } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS_SCRIPT, parseAccess, parseStat, STAT_ARGV } from '../../../../src/transport/ssh/remote-fs.ts';
import { tempDir } from './keys.ts';

describe('remote stat', () => {
  it('parses stat -L -c "%f %u %g" of real files like the local transport', () => {
    const dir = tempDir('berth-st-');
    const file = join(dir, 'f');
    writeFileSync(file, 'x', { mode: 0o640 });
    const [cmd, ...args] = STAT_ARGV(file);
    const st = parseStat(execFileSync(cmd!, args, { encoding: 'utf8' }));
    const real = statSync(file);
    expect(st).toEqual({ kind: 'file', mode: 0o640, uid: real.uid, gid: real.gid });
    const [c2, ...a2] = STAT_ARGV(dir);
    expect(parseStat(execFileSync(c2!, a2, { encoding: 'utf8' }))?.kind).toBe('dir');
    rmSync(dir, { recursive: true });
  });

  it('socket and other types; junk is null', () => {
    expect(parseStat('c1ed 0 998\n')).toEqual({ kind: 'socket', mode: 0o755, uid: 0, gid: 998 });
    expect(parseStat('21b6 0 0')?.kind).toBe('other');
    expect(parseStat("stat: cannot statx '/x': No such file")).toBeNull();
  });
});

describe('remote access', () => {
  const run = (path: string, mode: string) => parseAccess(execFileSync('/bin/sh', ['-c', ACCESS_SCRIPT, 'sh', path, mode], { encoding: 'utf8' }));

  it('ok, missing; with sudo an existing path counts as ok', () => {
    expect(run('/proc/self/status', 'rw')).toBe(process.getuid?.() === 0 ? 'ok' : 'denied');
    expect(run('/nonexistent/x', 'rw')).toBe('missing');
    expect(run('/proc/self/status', 'exists')).toBe('ok');
  });

  it('anything unexpected reads as denied', () => {
    expect(parseAccess('weird')).toBe('denied');
  });
});
