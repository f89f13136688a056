import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shScript } from '../../../../src/transport/ssh/quote.ts';
import { batchPaths, newBoundary, parseReadFiles, READ_FILES_SCRIPT } from '../../../../src/transport/ssh/read-files.ts';
import { tempDir } from './keys.ts';

let dir: string;
const BINARY = Buffer.from([0, 1, 2, 255, 10, 13, 0, 0x2d, 0x2d, 10]);

beforeAll(() => {
  dir = tempDir('berth-rf-');
  writeFileSync(join(dir, 'text'), 'line 1\nline 2\n');
  writeFileSync(join(dir, 'no-newline'), 'x');
  writeFileSync(join(dir, 'empty'), '');
  writeFileSync(join(dir, 'binary'), BINARY);
  writeFileSync(join(dir, "it's a \"name\" $x"), 'weird');
  mkdirSync(join(dir, 'sub'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  symlinkSync(join(dir, 'missing-target'), join(dir, 'dangling'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the reader through a real local sh, as the remote host would, and parses it. */
function readLocally(paths: string[], env?: NodeJS.ProcessEnv): Map<string, Buffer | Error> {
  const boundary = newBoundary();
  const r = spawnSync('/bin/sh', ['-c', shScript(READ_FILES_SCRIPT, [boundary, ...paths])], { env: env ?? process.env });
  return parseReadFiles(r.stdout, r.stderr, paths, boundary);
}

const p = (name: string) => join(dir, name);

describe('the remote file reader (one sh, one cat)', () => {
  it('reads text, binary, empty and oddly named files byte for byte', () => {
    const got = readLocally([p('text'), p('binary'), p('empty'), p('no-newline'), p("it's a \"name\" $x")]);
    expect(got.get(p('text'))).toEqual(Buffer.from('line 1\nline 2\n'));
    expect(got.get(p('binary'))).toEqual(BINARY);
    expect(got.get(p('empty'))).toEqual(Buffer.alloc(0));
    expect(got.get(p('no-newline'))).toEqual(Buffer.from('x'));
    expect(got.get(p("it's a \"name\" $x"))).toEqual(Buffer.from('weird'));
  });

  it('maps missing, directory, FIFO (never opened: it would block) to Node-style errors', () => {
    const got = readLocally([p('nope'), p('sub'), p('fifo'), p('dangling'), p('text')]);
    expect(got.get(p('nope'))).toMatchObject({ code: 'ENOENT', path: p('nope') });
    expect(got.get(p('sub'))).toMatchObject({ code: 'EISDIR' });
    expect(got.get(p('fifo'))).toMatchObject({ code: 'EINVAL' });
    expect(got.get(p('dangling'))).toMatchObject({ code: 'ENOENT' });
    expect(got.get(p('text'))).toEqual(Buffer.from('line 1\nline 2\n'));
  });

  it('reads live /proc files (size 0 on stat) in full', () => {
    const got = readLocally(['/proc/self/status', '/proc/self/cgroup']);
    expect((got.get('/proc/self/status') as Buffer).toString()).toMatch(/^Name:/);
    expect((got.get('/proc/self/cgroup') as Buffer).length).toBeGreaterThan(0);
  });

  it('the same path twice, and no paths at all', () => {
    expect(readLocally([]).size).toBe(0);
    const got = readLocally([p('no-newline'), p('no-newline')]);
    expect(got.get(p('no-newline'))).toEqual(Buffer.from('x'));
  });

  it('leaves no temp file behind', () => {
    const tmp = tempDir('berth-rf-tmp-');
    readLocally([p('text'), p('binary')], { ...process.env, TMPDIR: tmp });
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true });
  });

  it('without mktemp (read-only /tmp, minimal hosts) falls back to a cat per file', () => {
    const bin = tempDir('berth-rf-bin-');
    for (const tool of ['sh', 'cat']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`]).toString().trim(), join(bin, tool));
    const got = readLocally([p('binary'), p('nope'), p('text')], { PATH: bin });
    expect(got.get(p('binary'))).toEqual(BINARY);
    expect(got.get(p('nope'))).toMatchObject({ code: 'ENOENT' });
    expect(got.get(p('text'))).toEqual(Buffer.from('line 1\nline 2\n'));
    rmSync(bin, { recursive: true });
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file is EACCES', () => {
    writeFileSync(p('secret'), 's');
    chmodSync(p('secret'), 0);
    expect(readLocally([p('secret')]).get(p('secret'))).toMatchObject({ code: 'EACCES' });
  });
});

describe('parseReadFiles', () => {
  it('output cut short maps the missing files to EIO, not to empty content', () => {
    const b = '--b--';
    const got = parseReadFiles(Buffer.from(' OK OK\nfirst--b--sec'), Buffer.alloc(0), ['/a', '/b'], b);
    expect(got.get('/a')).toEqual(Buffer.from('first'));
    expect(got.get('/b')).toMatchObject({ code: 'EIO' });
  });

  it('a file that vanished between the check and the read carries cat\'s complaint', () => {
    const got = parseReadFiles(Buffer.from(' OK OK\n--b--x--b--'), Buffer.from('cat: /proc/123/stat: No such process\n'), ['/proc/123/stat', '/b'], '--b--');
    expect(got.get('/proc/123/stat')).toMatchObject({ code: 'ENOENT' });
    expect(got.get('/b')).toEqual(Buffer.from('x'));
  });

  it('no status line at all: every file is an error', () => {
    expect(parseReadFiles(Buffer.alloc(0), Buffer.alloc(0), ['/a'], 'b').get('/a')).toMatchObject({ code: 'EIO' });
  });
});

describe('batchPaths', () => {
  it('keeps each command line under the limit and every path in order', () => {
    const paths = Array.from({ length: 50 }, (_, i) => `/sys/fs/cgroup/x/${i}/memory.stat`);
    const batches = batchPaths(paths, 300);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(paths);
    for (const b of batches) expect(b.reduce((n, x) => n + x.length + 8, 0)).toBeLessThanOrEqual(300);
  });
});
