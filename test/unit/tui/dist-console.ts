// The console's compiled modules (dist/: Node cannot load .tsx) for scripts that render the real App
// in a plain Node process, where module hooks apply: bench/console-render.ts and the line-output
// frame check. Build first (npm run build; the test script does).
const dist = <T>(path: string): Promise<T> => import(new URL(`../../../dist/${path}`, import.meta.url).href) as Promise<T>;

/** Installs the Ink memo and line-level frames (unless `memo` is false), then loads what renders the App. */
export async function loadDistConsole(memo = true) {
  if (memo) (await dist<typeof import('../../../src/tui/ink-memo/install.ts')>('tui/ink-memo/install.js')).installInkMemo();
  const [react, ink, audit, nodeSpec, store, app, history, main, keys, theme, width, lineOutput] = await Promise.all([
    import('react'),
    import('ink'),
    dist<typeof import('../../../src/cli/framework/audit.ts')>('cli/framework/audit.js'),
    dist<typeof import('../../../src/fleet/node-spec.ts')>('fleet/node-spec.js'),
    dist<typeof import('../../../src/fleet/store.ts')>('fleet/store.js'),
    dist<typeof import('../../../src/tui/components/App.tsx')>('tui/components/App.js'),
    dist<typeof import('../../../src/tui/data/history.ts')>('tui/data/history.js'),
    dist<typeof import('../../../src/tui/main.tsx')>('tui/main.js'),
    dist<typeof import('../../../src/tui/keys.ts')>('tui/keys.js'),
    dist<typeof import('../../../src/tui/theme/load.ts')>('tui/theme/load.js'),
    dist<typeof import('../../../src/util/width.ts')>('util/width.js'),
    dist<typeof import('../../../src/tui/ink-memo/line-output.ts')>('tui/ink-memo/line-output.js'),
  ]);
  return {
    createElement: react.createElement, render: ink.render, memoryAuditLog: audit.memoryAuditLog, LOCAL_NODE: nodeSpec.LOCAL_NODE,
    FleetStore: store.FleetStore, App: app.App, StatsHistory: history.StatsHistory, MAX_FPS: main.MAX_FPS, DEFAULT_KEYS: keys.DEFAULT_KEYS,
    keyMap: keys.keyMap, loadTheme: theme.loadTheme, loadDisplayWidth: width.loadDisplayWidth,
    lineOutputCounts: lineOutput.lineOutputCounts, setFrameCheck: lineOutput.setFrameCheck,
  };
}
