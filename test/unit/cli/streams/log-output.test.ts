import { describe, expect, it } from 'vitest';
import { registry } from '../../../../src/cli/commands/specs.ts';
import { fakeContext, fakeIO } from '../../../../src/cli/framework/testing.ts';
import { logItem, logPrinter, plainLine } from '../../../../src/cli/streams/log-output.ts';
import { line } from './fakes.ts';

const AT = '2026-11-22T07:11:06.614516986Z';
const hostile = { stream: 'stdout' as const, at: AT, data: Buffer.from('\u001b]0;pwned\u0007\u001b[2Jhello\tworld\r\n') };

describe('log lines', () => {
  it('jsonl items are {at, node, container, stream, line}, without the line end', () => {
    expect(logItem(line('stderr', 'err 3', AT), { node: 'local', container: 'web', raw: false })).toEqual({
      at: AT, node: 'local', container: 'web', stream: 'stderr', line: 'err 3',
    });
    expect(Object.keys(logItem(line('stdout', 'x', null), { node: 'n', container: 'c', raw: false }))).toEqual(['at', 'node', 'container', 'stream', 'line']);
  });

  it('control sequences are stripped unless --raw', () => {
    expect(plainLine(hostile, { timestamps: false, raw: false })).toBe('hello\tworld\n');
    expect(logItem(hostile, { node: 'n', container: 'c', raw: false }).line).toBe('hello\tworld');
    expect(Buffer.from(plainLine(hostile, { timestamps: false, raw: true })).equals(hostile.data)).toBe(true);
    expect(logItem(hostile, { node: 'n', container: 'c', raw: true }).line).toBe('\u001b]0;pwned\u0007\u001b[2Jhello\tworld');
  });

  it('-t puts the engine time in front, as docker does', () => {
    expect(plainLine(line('stdout', 'a', AT), { timestamps: true, raw: false })).toBe(`${AT} a\n`);
    expect(plainLine(line('stdout', 'a', AT), { timestamps: true, raw: true }).toString()).toBe(`${AT} a\n`);
    expect(plainLine(line('stdout', 'a', null), { timestamps: true, raw: false })).toBe('a\n');
  });
});

describe('logPrinter', () => {
  it('plain: stdout lines to stdout, stderr lines to stderr', async () => {
    const io = fakeIO();
    const p = logPrinter(fakeContext(registry, ['logs', 'web'], io), { node: 'local', container: 'web', timestamps: false, raw: false });
    await p.emit(line('stdout', 'out 1', AT));
    await p.emit(line('stderr', 'err 1', AT));
    p.close();
    expect(io.stdout.text).toBe('out 1\n');
    expect(io.stderr.text).toBe('err 1\n');
  });

  it('-o jsonl: every line on stdout, one JSON object each', async () => {
    const io = fakeIO();
    const p = logPrinter(fakeContext(registry, ['-o', 'jsonl', 'logs', 'web'], io), { node: 'local', container: 'web', timestamps: false, raw: false });
    await p.emit(line('stdout', 'out 1', AT));
    await p.emit(line('stderr', 'err 1', AT));
    p.close();
    expect(io.stderr.text).toBe('');
    expect(io.stdout.text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown)).toEqual([
      { at: AT, node: 'local', container: 'web', stream: 'stdout', line: 'out 1' },
      { at: AT, node: 'local', container: 'web', stream: 'stderr', line: 'err 1' },
    ]);
  });

  it('-o json: one LogLineList document at the end', async () => {
    const io = fakeIO();
    const p = logPrinter(fakeContext(registry, ['-o', 'json', 'logs', 'web'], io), { node: 'local', container: 'web', timestamps: false, raw: false });
    await p.emit(line('stdout', 'a', AT));
    expect(io.stdout.text).toBe('');
    p.close();
    const doc = JSON.parse(io.stdout.text) as { kind: string; items: unknown[] };
    expect(doc.kind).toBe('LogLineList');
    expect(doc.items).toHaveLength(1);
  });
});
