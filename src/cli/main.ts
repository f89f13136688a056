/**
 * berth's entry point. Stays light: the verb table is data, each verb's code
 * is imported only when it runs, and the console (React, Ink) only when
 * `berth` opens it on a terminal.
 */
import { installEpipeHandler } from './framework/epipe.ts';
import { processDeps } from './framework/context.ts';
import { runCli } from './framework/run.ts';
import { registry } from './commands/specs.ts';

installEpipeHandler([process.stdout, process.stderr]);
process.exitCode = await runCli(process.argv.slice(2), registry, processDeps(), {
  openConsole: async (ctx) => {
    // Before Ink loads: its per-line text work is memoised across frames (tui/ink-memo).
    (await import('../tui/ink-memo/install.ts')).installInkMemo();
    return (await import('../tui/main.tsx')).openConsole(ctx);
  },
});
