/**
 * Opens the console (`berth` with no verb on a terminal). Reached only
 * through `await import()` from src/cli/main.ts, so scripted commands never
 * load React or Ink. Order: check keys and theme (errors on a normal
 * screen, exit 2), open the nodes and start syncing, render in the
 * alternate screen, and on the way out stop every stream and give the
 * terminal back (terminal.ts).
 */
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { userInfo } from 'node:os';
import { auditLogPath, fileAuditLog } from '../cli/framework/audit.ts';
import type { CliContext } from '../cli/framework/context.ts';
import { createLogger } from '../cli/framework/logger.ts';
import { retryBudgetMs } from '../cli/streams/retry.ts';
import { EXIT } from '../domain/errors.ts';
import { FleetStore } from '../fleet/store.ts';
import { samplerForTransport } from '../metrics/index.ts';
import { findLocalPids } from '../metrics/local-pids.ts';
import { loadDisplayWidth } from '../util/width.ts';
import { shellRunner } from './actions/shell.ts';
import { NodeFleet } from './data/console-fleet.ts';
import { Prompter } from './data/prompts.ts';
import { samplerStats } from './data/sampler-stats.ts';
import { syncFleet } from './data/sync.ts';
import { resolveKeys } from './key-config.ts';
import { keyMap } from './keys.ts';
import { stopSelf } from './suspend.ts';
import { guardTerminal } from './terminal.ts';
import { forcedColor } from './theme/color-depth.ts';
import { colorDisabled, loadTheme } from './theme/load.ts';

/**
 * Highest frame rate. Ink throttles every render to it (leading and
 * trailing edge), so a key pressed within 1000/MAX_FPS ms of the last frame
 * (a stats tick's) waits out the rest of that window: at 20 fps that was up
 * to 50 ms, more than the whole key-to-frame budget (30 ms). Data-driven
 * renders are already few (one commit per stats tick, store commits at most
 * every 100 ms: use-store.ts), so the cap only bounds key repeat.
 */
export const MAX_FPS = 60;

/** Text meant for stderr while the console owns the screen, printed after it closes. */
function deferredStream(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
}

function whoAmI(env: Readonly<Record<string, string | undefined>>): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** Runs the console until the operator quits; resolves to the exit code. */
export async function openConsole(ctx: CliContext): Promise<number> {
  const keys = resolveKeys(ctx.config.keys, (path) => ctx.config.locate(path));
  for (const w of keys.warnings) ctx.stderr.write(`berth: warning: ${w}\n`);
  if (keys.errors.length > 0) {
    for (const e of keys.errors) ctx.stderr.write(`berth: ${e}\n`);
    return EXIT.usage;
  }
  // --theme overrides the config's theme:; NO_COLOR and --no-color still force monochrome (after the choice is checked).
  const theme = await loadTheme(ctx.globals.theme ?? ctx.config.theme, {
    noColor: colorDisabled(ctx.env, ctx.globals.noColor),
    source: ctx.globals.theme !== undefined ? '--theme' : ctx.config.locate(['theme']),
  });
  await loadDisplayWidth();
  const readonly = ctx.globals.readonly || ctx.config.readonly;
  // berth's own diagnostics never go onto the screen: to --log-file now, to stderr after the console closes.
  const later: string[] = [];
  const log = createLogger({ stderr: deferredStream(later), verbose: false, logFile: ctx.globals.logFile, now: () => ctx.now() });
  // SSH handshakes ask the operator (unknown host key, locked key) through the console's dialog.
  const prompter = new Prompter();
  const fleet = new NodeFleet(ctx.config, ctx.globals, {
    env: ctx.env, home: ctx.home, timeoutMs: ctx.timeoutMs,
    ssh: { askHostKey: prompter.askHostKey, askPassphrase: prompter.askPassphrase, warn: (m) => log.warn(m) },
  });
  const audit = fileAuditLog({ path: auditLogPath(ctx.env, ctx.home), user: whoAmI(ctx.env), now: () => ctx.now(), warn: (m) => log.warn(m) });

  const store = new FleetStore();
  const abort = new AbortController();
  const syncing = syncFleet(fleet, store, abort.signal);
  // CPU, memory and I/O from the kernel's counters (src/metrics), over each node's own transport.
  const sampleEveryMs = Math.max(500, ctx.config.refreshMs);
  const stats = samplerStats({
    store, fleet, nodes: fleet.nodes.map((n) => n.name), intervalMs: sampleEveryMs,
    samplerFor: async (node) => samplerForTransport((await fleet.opened(node)).transport, sampleEveryMs, { pressure: false }),
    localPids: (node, ids) => (fleet.nodes.find((n) => n.name === node)?.ssh === null ? findLocalPids(ids) : null),
    onError: (node, message) => log.warn(`cannot sample container usage on node ${node}: ${message}`),
  });
  log.debug(`console: ${fleet.nodes.length} node(s), theme ${theme.name}${readonly ? ', read-only' : ''}`);

  const stdout = ctx.stdout as NodeJS.WriteStream;
  // Ink (and its chalk) load only now, after the colour level is decided (color-depth.ts).
  const force = forcedColor(ctx.env, stdout.isTTY === true);
  if (force !== null) process.env.FORCE_COLOR = force;
  // React's development build (the default without NODE_ENV) times every component render with
  // performance.measure and keeps debug data per fiber: about 2× the CPU and 2–3× the heap at
  // 1,000 rows (bench/console.ts). This file has no JSX, so nothing of React loads before this line.
  process.env.NODE_ENV = 'production';
  // V8 lets the old generation grow to 4x the live heap on a big host; 2x keeps the console's RSS
  // near 150–180 MB at 1,000 containers without a ceiling that could crash a bigger fleet (the
  // flag is read at each GC, so setting it now works; bin/berth sets the young generation).
  setFlagsFromString('--heap-growing-percent=100');
  const { createElement } = await import('react');
  const { render } = await import('ink');
  const { App } = await import('./components/App.tsx');
  const openShell = shellRunner({ runtime: (n) => fleet.runtime(n), stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, shell: ctx.config.shell, audit });
  const instance = render(
    createElement(App, {
      store, fleet, stats, keys: keyMap(keys.keys), theme, readonly, audit,
      refreshMs: ctx.config.refreshMs, retryBudgetMs: retryBudgetMs(ctx.timeoutMs), timeoutMs: ctx.timeoutMs,
      openShell, suspendSelf: () => stopSelf(), prompter,
    }),
    {
      stdout,
      stdin: ctx.stdin as NodeJS.ReadStream,
      stderr: ctx.stderr as NodeJS.WriteStream,
      // Ink would decide "not interactive" under CI=true and draw nothing live (REFERENCE.md "Traps").
      interactive: stdout.isTTY === true,
      alternateScreen: true,
      incrementalRendering: true,
      maxFps: MAX_FPS,
      exitOnCtrlC: false,
      patchConsole: true,
    },
  );
  const unguard = guardTerminal(() => instance.unmount(), { stdout, stderr: ctx.stderr, stdin: ctx.stdin as NodeJS.ReadStream, proc: process });
  let code: number = EXIT.ok;
  try {
    await instance.waitUntilExit();
  } catch (err) {
    later.push(`berth: the console stopped: ${(err as Error).message}\n`);
    code = 1;
  } finally {
    unguard();
    prompter.close();
    abort.abort();
    stats.close();
    await Promise.race([Promise.all([syncing, fleet.close()]), new Promise((r) => setTimeout(r, 500).unref())]);
  }
  for (const line of later) ctx.stderr.write(line);
  // A stream that ignores its abort must not hold the shell hostage after quit.
  setTimeout(() => process.exit(code), 1000).unref();
  return code;
}
