// Run by console-line-output.test.ts in a fresh Node process (module hooks apply to Node's own
// loader, not vitest's): the real console App (dist/, built by the test script) on a fake 160×40
// terminal with the Ink memo installed, driven through views, a filter, a selection, help and a
// confirmation dialog. Every frame the line path draws is also drawn by Ink's own Output and the
// two are compared cell by cell, style by style. Prints {checked, lines, ink, mismatches}.
process.env.NODE_ENV = 'production';
import { EventEmitter } from 'node:events';
import type { Container } from '../../src/domain/types.ts';

const { loadDistConsole } = await import('../unit/tui/dist-console.ts');
const { setFrameCheck, lineOutputCounts, createElement, render, memoryAuditLog, LOCAL_NODE, FleetStore, App, StatsHistory, DEFAULT_KEYS, keyMap, loadTheme, loadDisplayWidth } =
  await loadDistConsole();
const { tokenize, styledCharsFromTokens } = await import('@alcalzone/ansi-tokenize');
const { container, fakeRuntime, HOST } = await import('../unit/tui/fixtures.ts');
const { FakeStdin } = await import('../unit/tui/fake-keyboard.ts');

/** A row as the terminal shows it: each cell's character and its set of styles; blank unstyled cells at the end left out. */
function cells(line: string): string[] {
  const out = styledCharsFromTokens(tokenize(line)).map((c) => `${c.value}\u0000${c.styles.map((s) => s.code).sort().join(',')}`);
  while (out.length > 0 && out[out.length - 1] === ' \u0000') out.pop();
  return out;
}

let checked = 0;
const mismatches: { row: number; lines: string; ink: string }[] = [];
setFrameCheck((lines, ink) => {
  checked++;
  const a = lines.split('\n');
  const b = ink().split('\n');
  for (let row = 0; row < Math.max(a.length, b.length); row++) {
    if (cells(a[row] ?? '').join('\u0001') !== cells(b[row] ?? '').join('\u0001') && mismatches.length < 5) mismatches.push({ row, lines: a[row] ?? '', ink: b[row] ?? '' });
  }
});

class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  columns = 160;
  rows = 40;
  write = (): boolean => true;
}

const names = ['web-1', 'api', 'worker', '数据库', 'cache', 'Ünïcode-name', 'proxy'];
const containers: Container[] = [];
for (let i = 0; i < 60; i++) {
  const name = `${names[i % names.length]}-${i}`;
  containers.push(container(name, i % 3 === 0 ? { state: 'exited', status: 'Exited (3) 2 minutes ago', exitCode: 3, startedAt: null } : i % 5 === 0 ? { health: 'unhealthy' } : {}));
}
await loadDisplayWidth();
const theme = await loadTheme('dark', { noColor: false });
const store = new FleetStore();
store.dispatch({ type: 'node/up', node: 'local', host: HOST, at: Date.now() });
store.dispatch({ type: 'containers/snapshot', node: 'local', containers, at: Date.now() });
const history = new StatsHistory();
const stats = {
  get: () => null, history: (node: string, id: string) => history.get(node, id),
  subscribe: () => () => undefined, close: () => undefined,
};
const stdin = new FakeStdin();
const fleet = { nodes: [{ ...LOCAL_NODE, readonly: false }], runtime: async () => fakeRuntime('local', containers, []) };
const instance = render(
  createElement(App, { store, fleet, stats, keys: keyMap(DEFAULT_KEYS), theme, readonly: false, audit: memoryAuditLog(), refreshMs: 1000, retryBudgetMs: 1000 }),
  { stdout: new FakeTerminal() as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: new FakeTerminal() as unknown as NodeJS.WriteStream, interactive: true, incrementalRendering: true, exitOnCtrlC: false, patchConsole: false },
);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
await sleep(300);
for (const key of ['j', 'j', 'k', ' ', 'j', ' ', 'o', 'o', '/', 'w', 'e', 'b', '\r', '\u001b', '2', '1', '4', '1', '?', '\u001b', 'x', 'n', 'G', 'g']) {
  stdin.write(key);
  await sleep(40);
}
instance.unmount();
process.stdout.write(JSON.stringify({ checked, ...lineOutputCounts(), mismatches }));
process.exit(0);
