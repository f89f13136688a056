/**
 * The stats panel as pure data: a container's recent samples in, labelled
 * braille charts out (CPU %, memory against its limit). Scales are stated in
 * a gutter so a flat line on a big scale is not mistaken for idle.
 */
import type { ContainerStats } from '../../domain/stats.ts';
import { formatBytes, formatPercent } from '../../util/units.ts';
import { brailleChart } from '../chart/braille.ts';
import type { Token } from '../theme/tokens.ts';
import { UNKNOWN } from './containers.ts';

/** Rows per chart at most: taller only stretches the same few levels. */
export const MAX_CHART_ROWS = 8;

/** Cells left of a chart for its scale labels. */
export const GUTTER = 9;

/** One chart with its heading. */
export interface ChartSection {
  /** `CPU 12.3%`, `Memory 2.0MiB / 64.0MiB (3.1%)`. */
  heading: string;
  /** Chart lines, gutter included. */
  lines: string[];
  token: Token;
}

/** The smallest 1, 2 or 5 × 10^k at or above `v` (a readable axis maximum). */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** A chart with the scale's top and bottom labels in the gutter. */
function withGutter(chart: string[], top: string, bottom: string): string[] {
  return chart.map((line, i) => {
    const label = i === 0 ? top : i === chart.length - 1 ? bottom : '';
    return `${label.padStart(GUTTER - 2)} ┤${line}`;
  });
}

/**
 * The CPU and memory sections for `history` (oldest first) in a body of
 * `width`×`height` cells; each chart gets half the rows left after the
 * headings (at least one, at most MAX_CHART_ROWS).
 */
export function statsSections(history: readonly ContainerStats[], width: number, height: number): ChartSection[] {
  const chartRows = Math.min(MAX_CHART_ROWS, Math.max(1, Math.floor((height - 2) / 2)));
  const chartWidth = Math.max(1, width - GUTTER);
  const last = history[history.length - 1] ?? null;

  const cpu = history.map((s) => s.cpu.percent);
  const cpuMax = niceCeil(Math.max(1, ...cpu.map((v) => v ?? 0)));
  const cpuNow = last?.cpu.percent ?? null;

  const mem = history.map((s) => s.memory.workingSetBytes);
  const limit = last?.memory.limitBytes ?? null;
  const memMax = limit ?? niceCeil(Math.max(1, ...mem.map((v) => v ?? 0)));
  const used = last?.memory.workingSetBytes ?? null;
  const memHeading = used === null ? `Memory ${UNKNOWN}`
    : `Memory ${formatBytes(used)}${limit === null ? '' : ` / ${formatBytes(limit)}${last?.memory.percent == null ? '' : ` (${formatPercent(last.memory.percent)})`}`}`;

  return [
    {
      heading: `CPU ${cpuNow === null ? UNKNOWN : formatPercent(cpuNow)}`,
      lines: withGutter(brailleChart(cpu, { width: chartWidth, height: chartRows, max: cpuMax }), formatPercent(cpuMax), '0%'),
      token: 'chart.cpu',
    },
    {
      heading: memHeading,
      lines: withGutter(brailleChart(mem, { width: chartWidth, height: chartRows, max: memMax }), formatBytes(memMax), '0B'),
      token: 'chart.memory',
    },
  ];
}
