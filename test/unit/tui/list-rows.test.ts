// Volumes and networks tables from the scripted CLI's own list specs: the
// same columns and cell text as `berth volumes` / `berth networks`.
import { beforeAll, describe, expect, it } from 'vitest';
import { volumeList } from '../../../src/cli/commands/volumes.ts';
import { networkList } from '../../../src/cli/commands/networks.ts';
import { renderTable } from '../../../src/cli/framework/output/table.ts';
import type { Network, Volume } from '../../../src/domain/types.ts';
import { columnId } from '../../../src/tui/rows/list-rows.ts';
import { NETWORK_COLUMNS, networkRow } from '../../../src/tui/rows/networks.ts';
import { VOLUME_COLUMNS, volumeRow } from '../../../src/tui/rows/volumes.ts';
import { sortRows } from '../../../src/tui/table/sort.ts';
import { loadDisplayWidth } from '../../../src/util/width.ts';

beforeAll(loadDisplayWidth);

const now = new Date('2026-01-01T00:00:00Z');
const vols: Volume[] = [
  { name: 'big', node: 'web1', driver: 'local', mountpoint: '/v/big', sizeBytes: 5 * 1024 ** 3, inUse: true },
  { name: 'unknown', node: 'local', driver: 'local', mountpoint: null, sizeBytes: null, inUse: null },
  { name: 'small\u001b[31m', node: 'local', driver: 'local', mountpoint: '/v/small', sizeBytes: 10, inUse: false },
];

describe('volume and network rows', () => {
  it('have the columns of the scripted command across nodes, with the same cell text', () => {
    const spec = volumeList(true);
    expect(VOLUME_COLUMNS.map((c) => c.title)).toEqual(spec.columns.map((c) => c.header));
    expect(NETWORK_COLUMNS.map((c) => c.title)).toEqual(networkList(true).columns.map((c) => c.header));
    // Each console row reads as the scripted table's line for the same item (the table pads; compare words).
    const scripted = renderTable(spec.columns, vols, { headers: false, color: false, env: { now } }).trim().split('\n');
    vols.forEach((v, i) => expect(volumeRow(v, now).cells.map((c) => c.text)).toEqual(scripted[i]!.split(/ {3,}/).map((t) => t.trim())));
  });

  it('show unknown as –, muted, and strip control sequences from names', () => {
    const r = volumeRow(vols[1]!, now);
    expect(r.cells.map((c) => c.text)).toEqual(['local', 'unknown', 'local', '–', '–', '–']);
    expect(r.cells[4]).toEqual({ text: '–', token: 'text.muted' });
    expect(volumeRow(vols[2]!, now).cells[1]!.text).not.toContain('\u001b');
  });

  it('sort by the raw value (bytes, not text), unknown last either way, keyed by node', () => {
    const rows = vols.map((v) => volumeRow(v, now));
    expect(rows.map((r) => r.key)).toEqual(['web1/big', 'local/unknown', 'local/small\u001b[31m']);
    const size = columnId('SIZE');
    expect(sortRows(rows, size, true).map((r) => r.cells[1]!.text)).toEqual(['big', expect.stringMatching(/^small/), 'unknown']);
    expect(sortRows(rows, size, false).map((r) => r.cells[1]!.text)).toEqual([expect.stringMatching(/^small/), 'big', 'unknown']);
  });

  it('filter across node, name and the other cells', () => {
    const net: Network = { id: 'a'.repeat(64), name: 'shop_default', node: 'web2', driver: 'bridge', scope: 'local', containers: 2 };
    const r = networkRow(net, now);
    expect(r.key).toBe(`web2/${'a'.repeat(64)}`);
    expect(r.haystack).toContain('web2');
    expect(r.haystack).toContain('shop_default');
    expect(r.sort).toMatchObject({ containers: 2, name: 'shop_default', 'network-id': 'aaaaaaaaaaaa' });
  });
});
