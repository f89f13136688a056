import { beforeAll, describe, expect, it } from 'vitest';
import { loadYaml } from '../../../src/cli/framework/output/document.ts';
import { parse as parseYaml } from 'yaml';
import { openItemStream, printList } from '../../../src/cli/framework/output.ts';
import { resolveOutput } from '../../../src/cli/framework/output/mode.ts';
import { fakeContext, fakeIO, type FakeOptions } from '../../../src/cli/framework/testing.ts';
import { containerList, NOW, rows } from './fixtures/containers.ts';
import { registry } from './fixtures/registry.ts';
import { controlChars } from '../util/control-chars.ts';

beforeAll(loadYaml);

/** Runs printList as `berth <argv>` would, returning what the operator sees. */
function print(argv: string[], opts: FakeOptions = {}, errors: { node: string; kind: string; message: string; hint?: string }[] = [], nodes?: string[]) {
  const io = fakeIO({ now: NOW, ...opts });
  const ctx = fakeContext(registry, ['ps', ...argv], io);
  const code = printList(ctx, containerList, { items: rows, errors, ...(nodes ? { nodes } : {}) });
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

const unreachable = { node: 'db1', kind: 'unreachable', message: 'cannot connect to db1 over SSH: connection refused', hint: 'check the host is up' };

describe('choosing the output form', () => {
  const base = { output: undefined, quiet: false, noHeaders: false, noColor: false, stdoutIsTTY: true, env: {} };
  it('is a table on a terminal and TSV when piped', () => {
    expect(resolveOutput(base).mode).toBe('table');
    expect(resolveOutput({ ...base, stdoutIsTTY: false }).mode).toBe('tsv');
  });

  it('follows -o, even when piped, and -q over -o', () => {
    expect(resolveOutput({ ...base, stdoutIsTTY: false, output: 'wide' }).mode).toBe('wide');
    expect(resolveOutput({ ...base, output: 'json', quiet: true }).mode).toBe('quiet');
  });

  it('colours only on a terminal without NO_COLOR, --no-color or TERM=dumb', () => {
    expect(resolveOutput(base).color).toBe(true);
    expect(resolveOutput({ ...base, stdoutIsTTY: false }).color).toBe(false);
    expect(resolveOutput({ ...base, noColor: true }).color).toBe(false);
    expect(resolveOutput({ ...base, env: { NO_COLOR: '1' } }).color).toBe(false);
    expect(resolveOutput({ ...base, env: { NO_COLOR: '' } }).color).toBe(true);
    expect(resolveOutput({ ...base, env: { TERM: 'dumb' } }).color).toBe(false);
  });
});

describe('printList', () => {
  it('prints an aligned, coloured table on a terminal', () => {
    const { stdout, code } = print([], { stdoutTTY: true });
    expect(code).toBe(0);
    expect(stdout).toContain('\u001b[32mrunning');
    expect(stdout.split('\n')[0]).toContain('NODE');
  });

  it('keeps an aligned table without colour for an explicit -o table on a pipe', () => {
    const { stdout } = print(['-o', 'table']);
    expect(stdout.split('\n')[1]).toBe('local   web            running    4.0%   12.3MiB   3m ago');
    expect(stdout).not.toContain('\u001b');
  });

  it('prints TSV with raw units when piped: bytes, RFC 3339, - for unknown, no colour', () => {
    const { stdout } = print([]);
    expect(stdout.split('\n')).toEqual([
      'NODE\tNAME\tSTATE\tCPU %\tMEM\tCREATED',
      'local\tweb\trunning\t4\t12897485\t2026-01-02T03:01:05Z',
      'web1\tデータベース\texited\t-\t-\t2026-01-01T03:04:05Z',
      'web1\t🐳whale\trunning\t0\t0\t2026-01-02T03:01:05Z',
      'local\tevilname\trunning\t4\t12897485\t2026-01-02T03:01:05Z',
      '',
    ]);
  });

  it('keeps every TSV line to the same number of fields, whatever the text holds', () => {
    const tsv = print([]).stdout.trimEnd().split('\n');
    for (const line of tsv) expect(line.split('\t')).toHaveLength(6);
  });

  it('writes one JSON document: kind, apiVersion, items, errors', () => {
    const { stdout, code, stderr } = print(['-o', 'json'], {}, [unreachable]);
    const doc = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['kind', 'apiVersion', 'items', 'errors']);
    expect(doc.kind).toBe('ContainerList');
    expect(doc.apiVersion).toBe('berth/v1');
    expect(doc.errors).toEqual([{ node: 'db1', kind: 'unreachable', message: 'cannot connect to db1 over SSH: connection refused' }]);
    const items = doc.items as Record<string, unknown>[];
    expect(items).toHaveLength(4);
    expect(items[1]).toMatchObject({ name: 'データベース', memoryBytes: null, cpuPercent: null, exitCode: 1 });
    expect(code).toBe(1);
    expect(stderr).toBe('berth: cannot connect to db1 over SSH: connection refused\nhint: check the host is up\n');
  });

  it('escapes control characters in JSON and YAML rather than passing them raw', () => {
    expect(controlChars(print(['-o', 'json']).stdout)).toEqual([]);
    expect(controlChars(print(['-o', 'yaml']).stdout)).toEqual([]);
  });

  it('writes YAML with null kept as null', () => {
    const { stdout } = print(['-o', 'yaml']);
    expect(stdout.startsWith('kind: ContainerList\napiVersion: berth/v1\nitems:\n')).toBe(true);
    expect(stdout).toContain('memoryBytes: null');
    const doc = parseYaml(stdout) as { items: { memoryBytes: number | null; name: string }[]; errors: unknown[] };
    expect(doc.items[1]!.memoryBytes).toBeNull();
    expect(doc.items[3]!.name).toBe(rows[3]!.name);
    expect(doc.errors).toEqual([]);
  });

  it('writes one item per line with -o jsonl', () => {
    const lines = print(['-o', 'jsonl']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[2]!)).toMatchObject({ name: '🐳whale', node: 'web1' });
  });

  it('writes node/name with -o name, sanitised', () => {
    expect(print(['-o', 'name']).stdout).toBe('local/web\nweb1/データベース\nweb1/🐳whale\nlocal/evilname\n');
  });

  it('writes ids only with -q', () => {
    expect(print(['-q']).stdout).toBe('aaaaaaaaaaaa0000\nbbbbbbbbbbbb\ncccccccccccc\ndddddddddddd\n');
  });

  it('exits 1 when some nodes failed and others answered', () => {
    expect(print([], {}, [unreachable], ['local', 'web1', 'db1']).code).toBe(1);
  });

  it('exits with the failures\' own code when no node answered', () => {
    const io = fakeIO();
    const ctx = fakeContext(registry, ['ps'], io);
    const both = [unreachable, { ...unreachable, node: 'db2', message: 'no reply' }];
    expect(printList(ctx, containerList, { items: [], errors: both, nodes: ['db1', 'db2'] })).toBe(5);
    expect(printList(ctx, containerList, { items: [], errors: [unreachable, { node: 'x', kind: 'permission', message: 'denied' }] })).toBe(1);
  });

  it('prints no table header over nothing when no node answered (the errors are on stderr); JSON keeps its document', () => {
    const failed = (argv: string[]) => {
      const io = fakeIO({ now: NOW });
      const code = printList(fakeContext(registry, ['ps', ...argv], io), containerList, { items: [], errors: [unreachable], nodes: ['db1'] });
      return { code, stdout: io.stdout.text, stderr: io.stderr.text };
    };
    for (const argv of [[], ['-o', 'wide'], ['-o', 'table']]) {
      const r = failed(argv);
      expect(r).toMatchObject({ code: 5, stdout: '' });
      expect(r.stderr).toContain('cannot connect to db1 over SSH');
    }
    expect((JSON.parse(failed(['-o', 'json']).stdout) as { errors: unknown[] }).errors).toHaveLength(1);
    const io = fakeIO({ now: NOW });
    printList(fakeContext(registry, ['ps'], io), containerList, { items: [], errors: [], nodes: ['local'] });
    expect(io.stdout.text).toContain('NAME');
  });

  it('counts a node that answered with nothing as a success', () => {
    const io = fakeIO();
    const ctx = fakeContext(registry, ['ps'], io);
    expect(printList(ctx, containerList, { items: [], errors: [unreachable], nodes: ['local', 'db1'] })).toBe(1);
    expect(printList(ctx, containerList, { items: [], errors: [], nodes: ['local'] })).toBe(0);
  });
});

describe('openItemStream', () => {
  it('streams JSON lines as items arrive', () => {
    const io = fakeIO({ now: NOW });
    const s = openItemStream(fakeContext(registry, ['ps', '-o', 'jsonl'], io), containerList);
    s.item(rows[0]!);
    expect(io.stdout.text.split('\n')).toHaveLength(2);
    s.item(rows[1]!);
    expect(s.close()).toBe(0);
    expect(io.stdout.text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([rows[0]!.id, rows[1]!.id]);
  });

  it('streams TSV with one header', () => {
    const io = fakeIO({ now: NOW });
    const s = openItemStream(fakeContext(registry, ['ps'], io), containerList);
    s.item(rows[0]!);
    s.item(rows[1]!);
    s.error({ node: 'db1', kind: 'timeout', message: 'no reply from node db1 within 10s' });
    expect(s.close()).toBe(1);
    expect(io.stdout.text.split('\n')[0]).toBe('NODE\tNAME\tSTATE\tCPU %\tMEM\tCREATED');
    expect(io.stdout.text.split('\n')).toHaveLength(4);
    expect(io.stderr.text).toBe('berth: no reply from node db1 within 10s\n');
  });

  it('streams table rows under a header on a terminal', () => {
    const io = fakeIO({ now: NOW, stdoutTTY: true, env: { NO_COLOR: '1' } });
    const s = openItemStream(fakeContext(registry, ['ps'], io), containerList);
    s.item(rows[0]!);
    expect(io.stdout.text).toBe('NODE    NAME   STATE     CPU %       MEM   CREATED\nlocal   web    running    4.0%   12.3MiB   3m ago\n');
    s.close();
  });

  it('prints one envelope at the end for -o json', () => {
    const io = fakeIO({ now: NOW });
    const s = openItemStream(fakeContext(registry, ['ps', '-o', 'json'], io), containerList);
    s.item(rows[0]!);
    expect(io.stdout.text).toBe('');
    s.close();
    expect((JSON.parse(io.stdout.text) as { items: unknown[] }).items).toHaveLength(1);
  });
});
