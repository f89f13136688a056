/**
 * The containers table as pure data: domain containers (plus their stats
 * and node freshness) in, rows of sanitised cells out. Unknown is `–`,
 * never 0; a row from a node that is not up is marked stale with the age
 * of its data.
 */
import type { ContainerStats } from '../../domain/stats.ts';
import type { Container } from '../../domain/types.ts';
import type { NodeState } from '../../fleet/store.ts';
import { statusWords } from '../../runtime/docker/status-words.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import { compactSpan, formatBytes, formatPercent } from '../../util/units.ts';
import { sparkline } from '../chart/sparkline.ts';
import { stateToken, type Token } from '../theme/tokens.ts';
import type { Column, Row } from '../table/columns.ts';

/** Shown for any value berth does not know. */
export const UNKNOWN = '–';

/** Samples in the CPU sparkline column. */
export const SPARK_WIDTH = 10;

/** The columns, in order; the ones added last drop first on a narrow terminal. */
export const CONTAINER_COLUMNS: readonly Column[] = [
  { id: 'sel', title: ' ', min: 1, max: 1 },
  { id: 'name', title: 'NAME', min: 16, max: 40, sortable: true },
  { id: 'node', title: 'NODE', min: 4, max: 16, sortable: true, drop: 2 },
  { id: 'image', title: 'IMAGE', min: 16, max: 36, sortable: true, drop: 4 },
  { id: 'state', title: 'STATE', min: 10, max: 20, sortable: true },
  { id: 'status', title: 'STATUS', min: 14, max: 30, sortable: true, drop: 3 },
  { id: 'restarts', title: 'RESTARTS', min: 3, max: 8, align: 'right', sortable: true, drop: 5 },
  { id: 'cpu', title: 'CPU%', min: 5, max: 7, align: 'right', sortable: true, drop: 1 },
  { id: 'spark', title: 'CPU TREND', min: SPARK_WIDTH, max: SPARK_WIDTH, drop: 7 },
  { id: 'mem', title: 'MEM', min: 8, max: 20, align: 'right', sortable: true, drop: 1 },
  { id: 'net', title: 'NET RX/TX', min: 9, max: 21, align: 'right', sortable: true, drop: 9 },
  { id: 'io', title: 'BLOCK R/W', min: 9, max: 21, align: 'right', sortable: true, drop: 10 },
  { id: 'pids', title: 'PIDS', min: 4, max: 6, align: 'right', sortable: true, drop: 8 },
  { id: 'uptime', title: 'UPTIME', min: 6, max: 6, align: 'right', sortable: true, drop: 6 },
  { id: 'ports', title: 'PORTS', min: 5, max: 30, drop: 11 },
];

/** What a container row needs besides the container. */
export interface ContainerRowContext {
  nodes: Readonly<Record<string, NodeState>>;
  stats: (node: string, id: string) => ContainerStats | null;
  /** Recent stats of a container, oldest first (for the sparkline); none when absent. */
  history?: (node: string, id: string) => readonly ContainerStats[];
  selected: ReadonlySet<string>;
  now: number;
}

/** `running`, `running/unhealthy`, `exited(3)`. */
export function stateText(c: Container): string {
  const base = c.state === 'exited' && c.exitCode !== null ? `exited(${c.exitCode})` : c.state;
  return c.health ? `${base}/${c.health}` : base;
}

/** Memory cell: working set, with the limit when it is a real one. */
export function memoryText(s: ContainerStats | null): string {
  const used = s?.memory.workingSetBytes ?? null;
  if (used === null) return UNKNOWN;
  const limit = s?.memory.limitBytes ?? null;
  return limit === null ? formatBytes(used) : `${formatBytes(used)}/${formatBytes(limit)}`;
}

/** Two rates as `in/out` (`1.2KiB/s/0B/s` reads badly, so the unit goes once at the end). */
export function ratePair(a: number | null, b: number | null): string {
  if (a === null && b === null) return UNKNOWN;
  const one = (v: number | null): string => (v === null ? UNKNOWN : formatBytes(v));
  return `${one(a)}/${one(b)}/s`;
}

/** A time in ms, or null when unknown (Docker reports a never-started container as year 1). */
function timeMs(t: string | null): number | null {
  const ms = t === null ? NaN : Date.parse(t);
  return Number.isNaN(ms) || ms <= 0 ? null : ms;
}

/** A container's start and finish in ms, parsed once per container object (rows ask on every frame). */
const times = new WeakMap<Container, { startedMs: number | null; finishedMs: number | null }>();

function timesOf(c: Container): { startedMs: number | null; finishedMs: number | null } {
  let t = times.get(c);
  if (t === undefined) times.set(c, (t = { startedMs: timeMs(c.startedAt), finishedMs: timeMs(c.finishedAt) }));
  return t;
}

/** Seconds since the container started, when it is up and the start is known. */
export function uptimeSeconds(c: Container, now: number): number | null {
  if (c.state !== 'running' && c.state !== 'paused') return null;
  const { startedMs } = timesOf(c);
  return startedMs === null ? null : Math.max(0, (now - startedMs) / 1000);
}

/** Published ports as docker ps writes them (`0.0.0.0:8080->80/tcp`), exposed-only ones as `80/tcp`. */
export function portsText(c: Container): string {
  if (c.ports.length === 0) return UNKNOWN;
  return c.ports.map((p) => `${p.publicPort === null ? '' : `${p.ip ?? ''}${p.ip ? ':' : ''}${p.publicPort}->`}${p.privatePort}/${p.type}`).join(', ');
}

/**
 * The status text at `now`. The engine words it when the container is
 * listed or inspected ("Up 1 second") and it would otherwise stay so until
 * the next re-list; where the time it counts from is known (and, once
 * stopped, the exit code), it is worded again as Docker words it
 * (statusWords, shared with the runtime's inspect). Otherwise, or when
 * the engine words it differently, the engine's text stands.
 */
export function liveStatus(c: Container, now: number): string {
  const { startedMs, finishedMs } = timesOf(c);
  const known = c.state === 'running' || c.state === 'paused' ? startedMs !== null
    : c.state === 'exited' || c.state === 'restarting' ? finishedMs !== null && c.exitCode !== null : false;
  if (!known) return c.status;
  const words = statusWords({ state: c.state, health: c.health, exitCode: c.exitCode, startedMs, finishedMs }, now);
  // An engine that words its status otherwise (not "Up …", "Exited (…) …") keeps its own words.
  return firstWord(words) === firstWord(c.status) ? words : c.status;
}

function firstWord(text: string): string {
  const space = text.indexOf(' ');
  return space < 0 ? text : text.slice(0, space);
}

/** Age of a node's data, or null when it is live (up). */
export function staleAge(node: NodeState | undefined, now: number): string | null {
  if (!node || node.state === 'up') return null;
  return node.at === null ? 'stale' : `stale ${compactSpan(Math.max(0, (now - node.at) / 1000))}`;
}

/** Key of a container row (same as the store's). */
export function rowKey(c: Pick<Container, 'node' | 'id'>): string {
  return `${c.node}/${c.id}`;
}

/** What a row shows besides its container; a row is rebuilt only when one of these changes. */
interface RowInputs {
  stats: ContainerStats | null;
  history: readonly ContainerStats[];
  selected: boolean;
  stale: string | null;
  up: number | null;
  /** The status text at `now` (liveStatus). */
  status: string;
}

const NO_HISTORY: readonly ContainerStats[] = [];

function inputsOf(c: Container, ctx: ContainerRowContext): RowInputs {
  const running = c.state === 'running';
  const stale = staleAge(ctx.nodes[c.node], ctx.now);
  return {
    stats: running ? ctx.stats(c.node, c.id) : null,
    history: running && ctx.history ? ctx.history(c.node, c.id) : NO_HISTORY,
    selected: ctx.selected.has(rowKey(c)),
    stale,
    up: uptimeSeconds(c, ctx.now),
    // A row from a node that is not up keeps the words it was last given: aging them would claim it still runs.
    status: stale === null ? liveStatus(c, ctx.now) : c.status,
  };
}

/** One row of the containers table. */
export function containerRow(c: Container, ctx: ContainerRowContext): Row {
  return buildRow(c, inputsOf(c, ctx));
}

/** The parts of a row that depend on the container alone (sanitising and joining is most of a row's cost). */
interface RowStatic {
  key: string;
  name: string;
  node: string;
  image: string;
  status: string;
  state: string;
  stateToken: Token;
  restarts: string;
  ports: string;
  haystack: string;
}

/** Static parts by container object: the store replaces a container when it changes, so identity is enough. */
const statics = new WeakMap<Container, RowStatic>();

function staticOf(c: Container): RowStatic {
  let s = statics.get(c);
  if (s !== undefined) return s;
  const name = sanitizeInline(c.name);
  const image = sanitizeInline(c.image);
  const status = sanitizeInline(c.status);
  const node = sanitizeInline(c.node);
  const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(' ');
  s = {
    key: rowKey(c), name, node, image, status,
    state: stateText(c), stateToken: stateToken(c.state, c.health),
    restarts: c.restartCount === null ? UNKNOWN : String(c.restartCount),
    ports: sanitizeInline(portsText(c)),
    haystack: [name, image, c.node, c.state, c.health ?? '', status, sanitizeInline(labels)].join('\u0000').toLowerCase(),
  };
  statics.set(c, s);
  return s;
}

function buildRow(c: Container, inputs: RowInputs): Row {
  const fixed = staticOf(c);
  const { stats, stale, up } = inputs;
  const status = inputs.status === c.status ? fixed.status : sanitizeInline(inputs.status);
  const cpu = stats?.cpu.percent ?? null;
  const mem = stats?.memory.workingSetBytes ?? null;
  const rx = stats?.network.rxBytesPerSec ?? null;
  const tx = stats?.network.txBytesPerSec ?? null;
  const rd = stats?.blockIo.readBytesPerSec ?? null;
  const wr = stats?.blockIo.writeBytesPerSec ?? null;
  const pids = stats?.pids ?? null;
  // One core is a full block; busier containers clamp there rather than flattening the quiet ones.
  // The scale comes from the whole history (up to 180 samples), the blocks from the newest few:
  // one pass without copying, as this runs for every running container on every tick.
  const history = inputs.history;
  let known = false;
  let max = 100;
  for (const s of history) {
    const v = s.cpu.percent;
    if (v === null) continue;
    known = true;
    if (v > max) max = v;
  }
  const spark = known ? sparkline(history.slice(-SPARK_WIDTH).map((s) => s.cpu.percent), SPARK_WIDTH, max) : UNKNOWN;
  return {
    key: fixed.key,
    stale: stale !== null,
    cells: [
      inputs.selected ? { text: '*', token: 'row.selected' } : { text: ' ' },
      { text: fixed.name },
      { text: fixed.node },
      { text: fixed.image },
      { text: fixed.state, token: fixed.stateToken },
      { text: stale === null ? status : `${stale} · ${status}` },
      { text: fixed.restarts },
      { text: cpu === null ? UNKNOWN : formatPercent(cpu) },
      { text: spark, token: 'chart.cpu' },
      { text: memoryText(stats) },
      { text: ratePair(rx, tx) },
      { text: ratePair(rd, wr) },
      { text: pids === null ? UNKNOWN : String(pids) },
      { text: up === null ? UNKNOWN : compactSpan(up) },
      { text: fixed.ports },
    ],
    haystack: fixed.haystack,
    sort: { name: c.name, node: c.node, image: c.image, state: c.state, status: inputs.status, restarts: c.restartCount, cpu, mem,
      net: rx === null && tx === null ? null : (rx ?? 0) + (tx ?? 0), io: rd === null && wr === null ? null : (rd ?? 0) + (wr ?? 0), pids, uptime: up },
  };
}

/**
 * Each container's last row and what it was built from. The store replaces
 * a container object when it changes, so an unchanged object with the same
 * inputs has the same row: at 1,000 containers a stats tick rebuilds only
 * the running ones (their stats are new), not the 800 that sit stopped.
 */
const built = new WeakMap<Container, { inputs: RowInputs; row: Row }>();

function sameInputs(a: RowInputs, b: RowInputs): boolean {
  return a.stats === b.stats && a.history === b.history && a.selected === b.selected && a.stale === b.stale && a.up === b.up && a.status === b.status;
}

/** Rows of the containers view: all, or running only. */
export function containerRows(containers: readonly Container[], ctx: ContainerRowContext, showAll: boolean): Row[] {
  const out: Row[] = [];
  for (const c of containers) {
    if (!showAll && c.state !== 'running' && c.state !== 'restarting' && c.state !== 'paused') continue;
    const inputs = inputsOf(c, ctx);
    const last = built.get(c);
    if (last && sameInputs(last.inputs, inputs)) {
      out.push(last.row);
      continue;
    }
    const row = buildRow(c, inputs);
    built.set(c, { inputs, row });
    out.push(row);
  }
  return out;
}
