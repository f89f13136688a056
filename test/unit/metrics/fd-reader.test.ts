import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFdCacheReader } from '../../../src/metrics/fd-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'berth-fd-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const openFds = () => readdirSync('/proc/self/fd').length;

describe('the kept-open file reader', () => {
  it('re-reads a file from offset 0 each time, seeing new contents', async () => {
    const file = join(dir, 'counter');
    writeFileSync(file, '1\n');
    const reader = createFdCacheReader();
    expect((await reader.readFiles([file])).get(file)?.toString()).toBe('1\n');
    writeFileSync(file, '22\n');
    expect((await reader.readFiles([file])).get(file)?.toString()).toBe('22\n');
    reader.close();
  });

  it('keeps files open between ticks until forgotten or closed', async () => {
    const files = ['a', 'b', 'c'].map((n) => join(dir, n));
    for (const f of files) writeFileSync(f, 'x');
    const before = openFds();
    const reader = createFdCacheReader();
    await reader.readFiles(files);
    await reader.readFiles(files);
    expect(openFds()).toBe(before + 3);
    reader.forget([files[0]!]);
    expect(openFds()).toBe(before + 2);
    reader.close();
    expect(openFds()).toBe(before);
  });

  it('never keeps /proc/<pid>/ files open (an open net/dev pins a namespace)', async () => {
    const before = openFds();
    const reader = createFdCacheReader();
    const path = `/proc/${process.pid}/stat`;
    const out = await reader.readFiles([path, '/proc/stat']);
    expect(out.get(path)?.toString()).toMatch(new RegExp(`^${process.pid} `));
    expect(openFds()).toBe(before + 1); // /proc/stat only
    reader.close();
  });

  it('maps a missing file to its error and reads it once it appears', async () => {
    const file = join(dir, 'later');
    const reader = createFdCacheReader();
    expect((await reader.readFiles([file])).get(file)).toMatchObject({ code: 'ENOENT' });
    writeFileSync(file, 'here');
    expect((await reader.readFiles([file])).get(file)?.toString()).toBe('here');
    reader.close();
  });

  it('reads files larger than its buffer whole', async () => {
    const file = join(dir, 'big');
    const text = 'x'.repeat(200_000);
    writeFileSync(file, text);
    const reader = createFdCacheReader();
    expect((await reader.readFiles([file])).get(file)?.toString()).toBe(text);
    expect((await reader.readFiles([file])).get(file)?.toString().length).toBe(text.length);
    reader.close();
  });
});
