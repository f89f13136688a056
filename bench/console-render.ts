// The console's render path alone, in this process: the real App and Ink
// (interactive, incremental, the console's frame cap) writing to a fake
// 200×50 terminal, over an in-memory store of 1,000 containers (200 running,
// with stats and history). Prints the CPU time per key press and per stats
// tick, from process.cpuUsage: no engine, no pty, and far less swayed by a
// busy machine than wall-clock figures, so before/after comparisons of the
// rendering code are meaningful on a shared VM. A companion to
// bench/console.ts (which measures the real thing end to end).
//   npm run build && node_modules/.bin/node bench/console-render.ts   (runs dist/, so build first)
process.env.NODE_ENV = 'production';
const { loadDistConsole } = await import('../test/unit/tui/dist-console.ts');
const {
  createElement, render, memoryAuditLog, LOCAL_NODE, FleetStore, App, StatsHistory, MAX_FPS, DEFAULT_KEYS, keyMap, loadTheme, loadDisplayWidth, lineOutputCounts,
} = await loadDistConsole(!process.env.BENCH_NO_MEMO);
const { EventEmitter } = await import('node:events');
const { container, fakeRuntime, HOST } = await import('../test/unit/tui/fixtures.ts');
const { FakeStdin } = await import('../test/unit/tui/fake-keyboard.ts');
import type { ContainerStats } from '../src/domain/stats.ts';
import type { StatsSource } from '../src/tui/data/stats.ts';

const TOTAL = Number(process.env.BENCH_TOTAL ?? 1000);
const RUNNING = Number(process.env.BENCH_CONTAINERS ?? 200);
const KEYS = Number(process.env.BENCH_PRESSES ?? 300);
const TICKS = Number(process.env.BENCH_TICKS ?? 30);
const COLS = 200;
const ROWS = 50;

class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  columns = COLS;
  rows = ROWS;
  writes = 0;
  write = (): boolean => {
    this.writes++;
    return true;
  };
}

/** A stats source the benchmark ticks by hand. */
function manualStats(): StatsSource & { tick(n: number): void } {
  const latest = new Map<string, ContainerStats>();
  const history = new StatsHistory();
  const listeners = new Set<() => void>();
  return {
    get: (node, id) => latest.get(`${node}/${id}`) ?? null,
    history: (node, id) => history.get(node, id),
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    close: () => undefined,
    tick(n) {
      const fresh: ContainerStats[] = [];
      for (let i = 0; i < RUNNING; i++) {
        const id = running[i]!.id;
        const s: ContainerStats = {
          id, name: running[i]!.name, node: 'local', at: new Date().toISOString(), windowSeconds: 1,
          cpu: { percent: ((i * 7 + n) % 50) / 10, throttledPercent: null, throttledSeconds: null },
          memory: { workingSetBytes: 400_000 + ((i * 13 + n) % 97) * 1024, limitBytes: 24 * 1024 ** 3, percent: 0.01, rssBytes: null, cacheBytes: null, oomKills: 0 },
          network: { rxBytesPerSec: 0, txBytesPerSec: 0, rxBytes: 0, txBytes: 0 },
          blockIo: { readBytesPerSec: null, writeBytesPerSec: null, readBytes: null, writeBytes: null },
          pids: 2,
          pressure: { cpuSome10: null, memorySome10: null, memoryFull10: null, ioSome10: null },
        };
        latest.set(`local/${id}`, s);
        fresh.push(s);
      }
      history.recordNode('local', fresh);
      for (const l of listeners) l();
    },
  };
}

const pad = (i: number): string => String(i).padStart(4, '0');
const running = Array.from({ length: RUNNING }, (_, i) => container(`bench-${pad(i + 1)}`));
const stopped = Array.from({ length: TOTAL - RUNNING }, (_, i) => container(`bench-idle-${pad(i + 1)}`, { state: 'created', status: 'Created', startedAt: null }));
const containers = [...running, ...stopped];

await loadDisplayWidth();
const theme = await loadTheme('dark', { noColor: false });
const store = new FleetStore();
store.dispatch({ type: 'node/up', node: 'local', host: HOST, at: Date.now() });
store.dispatch({ type: 'containers/snapshot', node: 'local', containers, at: Date.now() });
const stats = manualStats();
for (let n = 0; n < 20; n++) stats.tick(n);
const stdout = new FakeTerminal();
const stdin = new FakeStdin();
const fleet = { nodes: [{ ...LOCAL_NODE, readonly: false }], runtime: async () => fakeRuntime('local', containers, []) };
const instance = render(
  createElement(App, { store, fleet, stats, keys: keyMap(DEFAULT_KEYS), theme, readonly: false, audit: memoryAuditLog(), refreshMs: 1000, retryBudgetMs: 1000 }),
  {
    stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: new FakeTerminal() as unknown as NodeJS.WriteStream,
    interactive: true, incrementalRendering: true, maxFps: MAX_FPS, exitOnCtrlC: false, patchConsole: false,
  },
);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
await sleep(500);

/** CPU milliseconds of `n` rounds of `step`, each followed by a pause longer than a frame. */
async function cpuPer(n: number, step: (i: number) => void): Promise<number> {
  let cpu = 0;
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const w0 = stdout.writes;
    step(i);
    // The frame is written synchronously or on the throttle's trailing edge: wait for it.
    while (stdout.writes === w0) await sleep(1);
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    await sleep(30);
  }
  return cpu / n;
}

const keys = ['j', 'j', 'j', 'k', 'k'];
const cursor = await cpuPer(KEYS, (i) => stdin.write(keys[i % keys.length]!));
const filter = await cpuPer(40, (i) => stdin.write(i % 10 === 0 ? '/' : i % 10 === 9 ? '\u0015' : 'b'));
stdin.write('\r');
await sleep(50);
const views = await cpuPer(40, (i) => stdin.write(i % 2 === 0 ? '2' : '1'));
const tick = await cpuPer(TICKS, (i) => stats.tick(100 + i));
instance.unmount();
console.log(`console render path, in process: ${TOTAL} containers (${RUNNING} running), ${COLS}x${ROWS}, maxFps ${MAX_FPS}`);
console.log(`CPU per key, j/k cursor          ${cursor.toFixed(2)} ms`);
console.log(`CPU per key, filter typing       ${filter.toFixed(2)} ms`);
console.log(`CPU per key, 2/1 switch views    ${views.toFixed(2)} ms`);
console.log(`CPU per stats tick (${RUNNING} rows)   ${tick.toFixed(2)} ms`);
const frames = lineOutputCounts();
console.log(`frames drawn by lines / by Ink's Output   ${frames.lines} / ${frames.ink}`);
const { readFileSync } = await import('node:fs');
const status = readFileSync('/proc/self/status', 'utf8');
const kb = (f: string): number => Number(new RegExp(`^${f}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN) / 1024;
console.log(`heap used at the end             ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB; RSS ${kb('VmRSS').toFixed(0)} MB, peak ${kb('VmHWM').toFixed(0)} MB (this process)`);
const mu = process.memoryUsage();
console.log(`heapTotal ${(mu.heapTotal / 1048576).toFixed(0)} MB, external ${(mu.external / 1048576).toFixed(0)} MB, arrayBuffers ${(mu.arrayBuffers / 1048576).toFixed(0)} MB`);
if (process.env.BENCH_SMAPS) { const sm = readFileSync("/proc/self/smaps", "utf8").split("\n"); let cur = ""; const by = new Map<string, number>(); for (const l of sm) { if (/^[0-9a-f]+-/.test(l)) cur = l.split(/\s+/).slice(5).join(" ") || "[anon]"; else if (l.startsWith("Rss:")) by.set(cur, (by.get(cur) ?? 0) + Number(l.split(/\s+/)[1])); } console.log([...by].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${(v / 1024).toFixed(1)} MB ${k}`).join("\n")); }
process.exit(0);
