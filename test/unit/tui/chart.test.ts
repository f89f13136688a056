import { describe, expect, it } from 'vitest';
import type { ContainerStats } from '../../../src/domain/stats.ts';
import { brailleChart, flipChart } from '../../../src/tui/chart/braille.ts';
import { sparkline } from '../../../src/tui/chart/sparkline.ts';
import { Ring, StatsHistory } from '../../../src/tui/data/history.ts';
import { FULL_HEIGHT, niceBytes, niceCeil, statsLayout, statsSections } from '../../../src/tui/rows/stats-panel.ts';

const stats = (id: string, cpu: number | null, mem: number | null, limit: number | null = null): ContainerStats => ({
  id, name: id, node: 'local', cpu: { percent: cpu }, memory: { workingSetBytes: mem, limitBytes: limit, percent: mem !== null && limit ? (mem / limit) * 100 : null },
  network: { rxBytesPerSec: null, txBytesPerSec: null }, blockIo: { readBytesPerSec: null, writeBytesPerSec: null },
}) as ContainerStats;

describe('braille line chart', () => {
  it('joins a rise from the bottom to the top as one stroke (2×4 dots a cell)', () => {
    expect(brailleChart([0, 1], { width: 1, height: 1, max: 1 })).toEqual(['⣸']);
  });

  it('draws a flat line at the maximum along the top dots', () => {
    expect(brailleChart([1, 1, 1, 1], { width: 2, height: 1, max: 1 })).toEqual(['⠉⠉']);
  });

  it('right-aligns short histories and leaves unknown samples as gaps', () => {
    expect(brailleChart([null, 0], { width: 2, height: 1, max: 1 })).toEqual(['⠀⢀']);
    expect(brailleChart([1, null, 1], { width: 2, height: 1, max: 1 })).toEqual(['⠈⠈']);
  });

  it('spreads levels over several rows, top row first, and clamps above the maximum', () => {
    expect(brailleChart([0.5], { width: 1, height: 2, max: 1 })).toEqual(['⢀', '⠀']);
    expect(brailleChart([5], { width: 1, height: 2, max: 1 })).toEqual(['⠈', '⠀']);
  });

  it('shows only the newest two samples per cell', () => {
    expect(brailleChart([1, 1, 0, 0], { width: 1, height: 1, max: 1 })).toEqual(['⣀']);
  });

  it('turns upside down for a series drawn below the line (rows and dots mirrored)', () => {
    expect(flipChart(['⣸'])).toEqual(['⢹']);
    expect(flipChart(['⠉⠉', '⠀⠀'])).toEqual(['⠀⠀', '⣀⣀']);
    expect(flipChart(flipChart(['⡜⢣', '⠁⠈']))).toEqual(['⡜⢣', '⠁⠈']);
  });
});

describe('sparkline', () => {
  it('scales to the maximum, pads short histories and keeps unknown samples blank', () => {
    expect(sparkline([0, 50, 100], 5, 100)).toBe('  ▁▅█');
    expect(sparkline([10, null, 200], 3, 100)).toBe('▂ █');
    expect(sparkline([1, 2, 3, 4, 5], 2, 5)).toBe('▇█');
  });
});

describe('stats history', () => {
  it('keeps a bounded ring, oldest first', () => {
    const r = new Ring<number>(3);
    for (const n of [1, 2, 3, 4, 5]) r.push(n);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
  });

  it('appends per container and forgets containers a node no longer reports', () => {
    const h = new StatsHistory(2);
    h.recordNode('local', [stats('a', 1, 1), stats('b', 2, 2)]);
    h.recordNode('local', [stats('a', 3, 3)]);
    h.recordNode('local', [stats('a', 5, 5)]);
    expect(h.get('local', 'a').map((s) => s.cpu.percent)).toEqual([3, 5]);
    expect(h.get('local', 'b')).toEqual([]);
  });
});

describe('stats panel', () => {
  it('rounds the axis up to 1, 2 or 5 × 10^k', () => {
    expect([0, 0.3, 7, 12, 100, 101].map(niceCeil)).toEqual([1, 0.5, 10, 20, 100, 200]);
  });

  it('charts CPU on a readable scale and memory against its limit, headed by the latest values', () => {
    const mib = 1024 * 1024;
    const [cpu, mem] = statsSections([stats('a', 10, 16 * mib, 64 * mib), stats('a', 40, 32 * mib, 64 * mib)], 10, 4);
    expect(cpu!.heading).toBe('CPU 40.0%');
    expect(cpu!.lines).toEqual(['  50.0% ┤⠴']);
    expect(mem!.heading).toBe('Memory 32.0MiB / 64.0MiB (50.0%)');
    expect(mem!.lines).toEqual(['64.0MiB ┤⠴']);
  });

  it('says – when nothing is known yet', () => {
    expect(statsSections([], 20, 6).map((s) => s.heading)).toEqual(['CPU –', 'Memory –']);
    expect(statsSections([], 20, FULL_HEIGHT).map((s) => s.heading)).toEqual([
      'CPU –', 'Memory –', 'Network rx – (up) · tx – (down) · scale 1.0KiB/s', 'Block I/O read – (up) · write – (down) · scale 1.0KiB/s',
    ]);
  });

  it('charts network receive above the line and transmit below it on one scale, unknown as gaps', () => {
    const kib = 1024;
    const io = (rx: number | null, tx: number | null, read: number | null, write: number | null): ContainerStats => ({
      ...stats('a', 1, 1), network: { rxBytesPerSec: rx, txBytesPerSec: tx }, blockIo: { readBytesPerSec: read, writeBytesPerSec: write },
    }) as ContainerStats;
    // Two cells: [rx 2 KiB/s, unknown] then [unknown, rx 2 KiB/s]; tx always 0.
    const history = [io(2 * kib, 0, null, null), io(null, null, null, null), io(null, null, null, null), io(2 * kib, 0, 0, 1.5 * kib)];
    const { sections, note } = statsLayout(history, 2 + 9, 12);
    expect(note).toBeNull();
    const [, , net, disk] = sections;
    expect(net!.heading).toBe('Network rx 2.0KiB/s (up) · tx 0B/s (down) · scale 2.0KiB/s');
    // rx at the top of the up half, tx at the top of the down half (its zero line), the unknown samples empty.
    expect(net!.lines).toEqual(['     rx ┤⠁⠈', '     tx ┤⠁⠈']);
    expect(disk!.heading).toBe('Block I/O read 0B/s (up) · write 1.5KiB/s (down) · scale 2.0KiB/s');
    expect(disk!.lines).toEqual(['   read ┤⠀⢀', '  write ┤⠀⠠']);
  });

  it('keeps CPU and memory when the pane is too short for four charts, and says so', () => {
    const { sections, note } = statsLayout([stats('a', 5, 1)], 30, FULL_HEIGHT - 3);
    expect(sections.map((s) => s.token)).toEqual(['chart.cpu', 'chart.memory']);
    expect(note).toBe('network and block I/O charts need 3 more rows');
    // Never more lines than the pane has: headings, charts and the note.
    expect(sections.reduce((n, s) => n + 1 + s.lines.length, 0) + 1).toBeLessThanOrEqual(FULL_HEIGHT - 3);
    expect(statsLayout([stats('a', 5, 1)], 30, 40).sections.every((s) => s.lines.length === 8)).toBe(true);
  });

  it('rounds rate axes in binary units', () => {
    expect([1024, 1500, 300_000].map(niceBytes)).toEqual([1024, 2048, 500 * 1024]);
  });
});
