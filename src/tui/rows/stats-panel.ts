/**
 * The stats panel as pure data: a container's recent samples in, labelled
 * braille charts out: CPU %, memory against its limit, network (receive
 * above the line, transmit below) and block I/O (read above, write below).
 * Scales are stated in a gutter so a flat line on a big scale is not
 * mistaken for idle. Unknown samples are gaps, never zeros. When the pane
 * is too short for four charts, it keeps CPU and memory and says why the
 * others are missing.
 */
import type { ContainerStats } from '../../domain/stats.ts';
import { formatBytes, formatPercent, formatRate } from '../../util/units.ts';
import { brailleChart, flipChart } from '../chart/braille.ts';
import type { Token } from '../theme/tokens.ts';
import { UNKNOWN } from './containers.ts';

/** Rows per chart at most: taller only stretches the same few levels. */
export const MAX_CHART_ROWS = 8;

/** Rows a two-way chart needs at least: one up, one down. */
export const MIN_TWO_WAY_ROWS = 2;

/** Cells left of a chart for its scale labels. */
export const GUTTER = 9;

/** Smallest top of a rate axis: an idle container's few bytes do not fill the chart. */
export const MIN_RATE_SCALE = 1024;

/** One chart with its heading. */
export interface ChartSection {
  /** `CPU 12.3%`, `Memory 2.0MiB / 64.0MiB (3.1%)`. */
  heading: string;
  /** Chart lines, gutter included. */
  lines: string[];
  token: Token;
}

/** The charts that fit, and why some did not. */
export interface StatsLayout {
  sections: ChartSection[];
  /** Said under the charts when the I/O charts were left out, else null. */
  note: string | null;
}

/** The smallest 1, 2 or 5 × 10^k at or above `v` (a readable axis maximum). */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** niceCeil in binary units: 1, 2 or 5 × 10^k KiB, MiB… so the axis label reads exactly (1500 B/s → 2.0KiB). */
export function niceBytes(v: number): number {
  if (!(v > 0)) return 1;
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(v) / Math.log(1024)));
  return niceCeil(v / unit) * unit;
}

/** A chart with labels in the gutter: `labels[i]` beside line i (missing ones blank). */
function withLabels(chart: string[], labels: readonly string[]): string[] {
  return chart.map((line, i) => `${(labels[i] ?? '').padStart(GUTTER - 2)} ┤${line}`);
}

/** A chart with the scale's top and bottom labels in the gutter. */
function withGutter(chart: string[], top: string, bottom: string): string[] {
  return withLabels(chart, chart.map((_, i) => (i === 0 ? top : i === chart.length - 1 ? bottom : '')));
}

const known = (v: number | null): v is number => v !== null && Number.isFinite(v);

/**
 * Two rates on one time axis: `up` grows up from the middle line, `down`
 * grows down from it, on one scale so they compare. The gutter names each
 * half next to the middle and gives the scale at the top and bottom.
 */
function twoWay(up: readonly (number | null)[], down: readonly (number | null)[], names: [string, string], width: number, rows: number): { lines: string[]; scale: number } {
  const scale = niceBytes(Math.max(MIN_RATE_SCALE, ...up.filter(known), ...down.filter(known)));
  const upRows = Math.ceil(rows / 2);
  const downRows = Math.max(1, rows - upRows);
  const top = brailleChart(up, { width, height: upRows, max: scale });
  const bottom = flipChart(brailleChart(down, { width, height: downRows, max: scale }));
  const label = formatBytes(scale);
  const topLabels = top.map((_, i) => (i === top.length - 1 ? names[0] : i === 0 ? label : ''));
  const bottomLabels = bottom.map((_, i) => (i === 0 ? names[1] : i === bottom.length - 1 ? label : ''));
  return { lines: [...withLabels(top, topLabels), ...withLabels(bottom, bottomLabels)], scale };
}

const rate = (v: number | null | undefined): string => (v == null ? UNKNOWN : formatRate(v));

/** CPU and memory, `rows` chart lines each. */
function coreSections(history: readonly ContainerStats[], chartWidth: number, rows: number): ChartSection[] {
  const last = history[history.length - 1] ?? null;
  const cpu = history.map((s) => s.cpu.percent);
  const cpuMax = niceCeil(Math.max(1, ...cpu.filter(known)));
  const cpuNow = last?.cpu.percent ?? null;

  const mem = history.map((s) => s.memory.workingSetBytes);
  const limit = last?.memory.limitBytes ?? null;
  const memMax = limit ?? niceCeil(Math.max(1, ...mem.filter(known)));
  const used = last?.memory.workingSetBytes ?? null;
  const memHeading = used === null ? `Memory ${UNKNOWN}`
    : `Memory ${formatBytes(used)}${limit === null ? '' : ` / ${formatBytes(limit)}${last?.memory.percent == null ? '' : ` (${formatPercent(last.memory.percent)})`}`}`;
  return [
    {
      heading: `CPU ${cpuNow === null ? UNKNOWN : formatPercent(cpuNow)}`,
      lines: withGutter(brailleChart(cpu, { width: chartWidth, height: rows, max: cpuMax }), formatPercent(cpuMax), '0%'),
      token: 'chart.cpu',
    },
    {
      heading: memHeading,
      lines: withGutter(brailleChart(mem, { width: chartWidth, height: rows, max: memMax }), formatBytes(memMax), '0B'),
      token: 'chart.memory',
    },
  ];
}

/** Network and block I/O, `rows` chart lines each (half up, half down). */
function ioSections(history: readonly ContainerStats[], chartWidth: number, rows: number): ChartSection[] {
  const last = history[history.length - 1] ?? null;
  const net = twoWay(history.map((s) => s.network.rxBytesPerSec), history.map((s) => s.network.txBytesPerSec), ['rx', 'tx'], chartWidth, rows);
  const io = twoWay(history.map((s) => s.blockIo.readBytesPerSec), history.map((s) => s.blockIo.writeBytesPerSec), ['read', 'write'], chartWidth, rows);
  return [
    {
      heading: `Network rx ${rate(last?.network.rxBytesPerSec)} (up) · tx ${rate(last?.network.txBytesPerSec)} (down) · scale ${formatRate(net.scale)}`,
      lines: net.lines,
      token: 'chart.network',
    },
    {
      heading: `Block I/O read ${rate(last?.blockIo.readBytesPerSec)} (up) · write ${rate(last?.blockIo.writeBytesPerSec)} (down) · scale ${formatRate(io.scale)}`,
      lines: io.lines,
      token: 'chart.blockio',
    },
  ];
}

/** Lines four charts need at least: four headings and two rows each. */
export const FULL_HEIGHT = 4 + 4 * MIN_TWO_WAY_ROWS;

/**
 * The charts for `history` (oldest first) in a body of `width`×`height`
 * cells: all four with the same rows each (at most MAX_CHART_ROWS) when
 * they fit, else CPU and memory and a note saying how many rows more the
 * network and block I/O charts need.
 */
export function statsLayout(history: readonly ContainerStats[], width: number, height: number): StatsLayout {
  const chartWidth = Math.max(1, width - GUTTER);
  if (height >= FULL_HEIGHT) {
    const rows = Math.min(MAX_CHART_ROWS, Math.floor((height - 4) / 4));
    return { sections: [...coreSections(history, chartWidth, rows), ...ioSections(history, chartWidth, rows)], note: null };
  }
  const rows = Math.min(MAX_CHART_ROWS, Math.max(1, Math.floor((height - 3) / 2)));
  return {
    sections: coreSections(history, chartWidth, rows),
    note: `network and block I/O charts need ${FULL_HEIGHT - height} more row${FULL_HEIGHT - height === 1 ? '' : 's'}`,
  };
}

/** The sections alone (see statsLayout). */
export function statsSections(history: readonly ContainerStats[], width: number, height: number): ChartSection[] {
  return statsLayout(history, width, height).sections;
}
