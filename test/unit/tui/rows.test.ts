import { forwardRow } from '../../../src/tui/rows/forwards.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContainerStats } from '../../../src/domain/stats.ts';
import { loadDisplayWidth, displayWidth } from '../../../src/util/width.ts';
import { CONTAINER_COLUMNS, containerRow, containerRows, liveStatus, stateText } from '../../../src/tui/rows/containers.ts';
import type { Container } from '../../../src/domain/types.ts';
import { layoutColumns, rowSegments, headerLine } from '../../../src/tui/table/columns.ts';
import { compileFilter } from '../../../src/tui/table/filter.ts';
import { sortRows } from '../../../src/tui/table/sort.ts';
import { container, nodeState } from './fixtures.ts';

beforeAll(loadDisplayWidth);

const ctx = { nodes: { local: nodeState('local', 'up', 1000) }, stats: () => null, selected: new Set<string>(), now: 61_000 };
const text = (cells: { text: string }[]): string[] => cells.map((c) => c.text);
const byColumn = (r: { cells: { text: string }[] }): Record<string, string> => Object.fromEntries(CONTAINER_COLUMNS.map((c, i) => [c.id, r.cells[i]!.text]));
/** Stats with CPU and working set; no network, block I/O or pids known. */
const sample = (cpu: number, mem: number): ContainerStats => ({
  cpu: { percent: cpu }, memory: { workingSetBytes: mem, limitBytes: 64 * 1024 * 1024 },
  network: { rxBytesPerSec: null, txBytesPerSec: null }, blockIo: { readBytesPerSec: null, writeBytesPerSec: null }, pids: null,
}) as ContainerStats;

describe('container rows', () => {
  it('shows unknown restarts, CPU and memory as –, never 0', () => {
    const r = containerRow(container('web', { restartCount: null, startedAt: null }), ctx);
    const cells = byColumn(r);
    for (const id of ['restarts', 'cpu', 'spark', 'mem', 'net', 'io', 'pids', 'uptime', 'ports']) expect(cells[id], id).toBe('–');
  });

  it('shows CPU and memory with its limit once stats exist, and none for a stopped container', () => {
    const stats = sample(12.345, 2 * 1024 * 1024);
    const r = containerRow(container('web'), { ...ctx, stats: () => stats });
    expect(byColumn(r)).toMatchObject({ cpu: '12.3%', mem: '2.0MiB/64.0MiB' });
    const stopped = containerRow(container('old', { state: 'exited', exitCode: 3 }), { ...ctx, stats: () => stats });
    expect(text(stopped.cells).slice(4, 9)).toEqual(['exited(3)', 'Up 3 minutes', '0', '–', '–']);
  });

  it('shows net and block I/O rates, pids, uptime and ports once known', () => {
    const stats = { ...sample(1, 1024), network: { rxBytesPerSec: 2048, txBytesPerSec: 512, rxBytes: 0, txBytes: 0 },
      blockIo: { readBytesPerSec: 0, writeBytesPerSec: 1024 * 1024, readBytes: 0, writeBytes: 0 }, pids: 7 } as ContainerStats;
    const c = container('web', { startedAt: '1970-01-01T00:00:01Z', ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' }, { privatePort: 53, publicPort: null, type: 'udp', ip: null }] });
    expect(byColumn(containerRow(c, { ...ctx, stats: () => stats }))).toMatchObject({
      net: '2.0KiB/512B/s', io: '0B/1.0MiB/s', pids: '7', uptime: '1m', ports: '0.0.0.0:8080->80/tcp, 53/udp',
    });
  });

  it('draws a CPU sparkline from the history, one core as a full block', () => {
    const history = [0, 50, 100, 25].map((p) => sample(p, 1));
    const r = containerRow(container('web'), { ...ctx, history: () => history });
    expect(byColumn(r).spark).toBe('      ▁▅█▃');
  });

  it('marks rows of a node that is down as stale, with the age of the data', () => {
    const r = containerRow(container('web'), { ...ctx, nodes: { local: nodeState('local', 'down', 1000) } });
    expect(r.stale).toBe(true);
    expect(r.cells[5]!.text).toBe('stale 1m · Up 3 minutes');
  });

  it('words the status again from the start or finish time, as Docker does, keeping what follows the duration', () => {
    const now = Date.parse('2026-01-01T01:00:00Z');
    const run = (over: Partial<Container>) => liveStatus(container('web', over), now);
    expect(run({ status: 'Up 1 second (healthy)', health: 'healthy', startedAt: '2026-01-01T00:57:00Z' })).toBe('Up 3 minutes (healthy)');
    expect(run({ state: 'paused', status: 'Up 2 seconds (Paused)', startedAt: '2026-01-01T00:00:00Z' })).toBe('Up About an hour (Paused)');
    expect(run({ state: 'exited', exitCode: 137, status: 'Exited (137) Less than a second ago', finishedAt: '2026-01-01T00:59:58Z' })).toBe('Exited (137) 2 seconds ago');
    expect(run({ state: 'restarting', exitCode: 1, status: 'Restarting (1) 1 second ago', finishedAt: '2026-01-01T00:59:30Z' })).toBe('Restarting (1) 30 seconds ago');
  });

  it('leaves the engine\'s words alone where the time is unknown or the words are not Docker\'s', () => {
    const now = Date.parse('2026-01-01T01:00:00Z');
    expect(liveStatus(container('web', { state: 'exited', status: 'Exited (3) 5 minutes ago', finishedAt: null }), now)).toBe('Exited (3) 5 minutes ago');
    expect(liveStatus(container('web', { status: 'running', startedAt: '2026-01-01T00:00:00Z' }), now)).toBe('running');
    expect(liveStatus(container('web', { state: 'created', status: 'Created' }), now)).toBe('Created');
  });

  it('strips terminal escapes from names and images', () => {
    const r = containerRow(container('evil\u001b]0;owned\u0007name', { image: 'img\u001b[2J' }), ctx);
    expect(r.cells[1]!.text).toBe('evilname');
    expect(r.cells[3]!.text).toBe('img');
  });

  it('colours state by health when it is bad', () => {
    expect(containerRow(container('web', { health: 'unhealthy' }), ctx).cells[4]).toEqual({ text: 'running/unhealthy', token: 'health.unhealthy' });
    expect(stateText(container('x', { state: 'paused' }))).toBe('paused');
  });

  it('hides stopped containers unless all are shown', () => {
    const list = [container('a'), container('b', { state: 'exited' }), container('c', { state: 'paused' })];
    expect(containerRows(list, ctx, false).map((r) => r.cells[1]!.text)).toEqual(['a', 'c']);
    expect(containerRows(list, ctx, true)).toHaveLength(3);
  });

  it('shows each tick\'s numbers, selection and node state on the same container objects, rows reused between ticks', () => {
    const web = container('web');
    const gone = container('old', { state: 'exited' });
    let now = sample(1, 1024 ** 2);
    const tick = (over: Partial<typeof ctx> = {}) => containerRows([web, gone], { ...ctx, stats: () => now, ...over }, true);
    const first = tick();
    expect(byColumn(first[0]!).cpu).toBe('1.0%');
    now = sample(2.5, 2 * 1024 ** 2);
    const second = tick();
    expect(byColumn(second[0]!)).toMatchObject({ cpu: '2.5%', mem: '2.0MiB/64.0MiB' });
    // The stopped container's row did not change, so it is the same row.
    expect(second[1]).toBe(first[1]);
    expect(byColumn(tick({ selected: new Set([`local/${gone.id}`]) })[1]!).sel).toBe('*');
    expect(byColumn(tick()[1]!).sel).toBe(' ');
    expect(byColumn(tick({ nodes: { local: nodeState('local', 'down', 1000) } })[1]!).status).toMatch(/^stale 1m · /);
  });
});

describe('table layout', () => {
  it('lines up columns after a CJK name (two cells a character)', () => {
    const rows = [container('웹서버-프로덕션'), container('web')].map((c) => containerRow(c, ctx));
    const widths = layoutColumns(CONTAINER_COLUMNS, rows, 120);
    const lines = rows.map((r) => rowSegments(r, CONTAINER_COLUMNS, widths, 120).map((s) => s.text).join(''));
    const imageAt = (line: string): number => displayWidth(line.slice(0, line.indexOf('busybox')));
    expect(imageAt(lines[0]!)).toBe(imageAt(lines[1]!));
    for (const l of lines) expect(displayWidth(l)).toBe(120);
    expect(displayWidth(headerLine(CONTAINER_COLUMNS, widths, null, false))).toBeLessThanOrEqual(120);
  });

  it('drops the least useful columns first on a narrow terminal', () => {
    const rows = [containerRow(container('web'), ctx)];
    const widths = layoutColumns(CONTAINER_COLUMNS, rows, 50);
    const shown = CONTAINER_COLUMNS.filter((_, i) => widths[i]! > 0).map((c) => c.id);
    expect(shown).toContain('name');
    expect(shown).toContain('state');
    // Restarts and the image go before resource usage, the reason to open a console.
    expect(shown).not.toContain('restarts');
    expect(shown).not.toContain('image');
    expect(shown).toContain('cpu');
    expect(widths.reduce((a, b) => a + b, 0) + 2 * (shown.length - 1)).toBeLessThanOrEqual(50);
  });
});

describe('filter and sort', () => {
  it('matches substrings without case, and /regex/', () => {
    expect(compileFilter('WEB').test('lab-web')).toBe(true);
    expect(compileFilter('/^lab-w/').test('lab-web')).toBe(true);
    expect(compileFilter('/^web/').test('lab-web')).toBe(false);
    const bad = compileFilter('/(/');
    expect(bad.error).toMatch(/invalid regular expression/);
    expect(bad.test('anything')).toBe(false);
  });

  it('sorts unknown values last in both directions', () => {
    const rows = [{ v: 5 }, { v: null }, { v: 50 }].map((x, i) => ({ key: String(i), cells: [], haystack: '', sort: { cpu: x.v } }));
    expect(sortRows(rows, 'cpu', true).map((r) => r.key)).toEqual(['2', '0', '1']);
    expect(sortRows(rows, 'cpu', false).map((r) => r.key)).toEqual(['0', '2', '1']);
  });
});

describe('forwardRow', () => {
  it('shows where a forward listens and leads, its use and its last failure; keyed by id for x', () => {
    const row = forwardRow({ id: 7, localPort: 40123, node: 'web1', container: 'api\u001b[31m', containerPort: 8080, since: 1_000, connections: 3, failed: 1, lastError: 'connect ECONNREFUSED 10.0.0.5:8080' }, 1_000 + 95_000);
    expect(row.key).toBe('7');
    expect(row.cells.map((c) => c.text)).toEqual(['127.0.0.1:40123', 'web1', 'api', '8080', '3', '1', '1m', 'connect ECONNREFUSED 10.0.0.5:8080']);
    expect(row.cells[5]!.token).toBe('text.error');
    expect(row.sort).toMatchObject({ local: 40123, connections: 3 });
  });
});
