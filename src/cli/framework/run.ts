/**
 * The whole scripted CLI in one call: parse, answer `--version` and
 * `--help`, open the console or explain why not, load the config, build
 * the context, run the verb, and turn any failure into `berth: …` and an
 * exit code. `src/cli/main.ts` is then three lines:
 *
 *   installEpipeHandler([process.stdout, process.stderr]);
 *   process.exitCode = await runCli(process.argv.slice(2), registry, processDeps(), { openConsole });
 */
import { BerthError } from '../../domain/errors.ts';
import { defaultConfig } from '../../config/schema.ts';
import { loadConfig } from '../../config/load.ts';
import { parseArgv } from './args.ts';
import { withBuiltins } from './builtins.ts';
import { createContext, type CliContext, type CliDeps } from './context.ts';
import { reportError } from './errors-out.ts';
import { loadYaml } from './output/document.ts';
import { loadDisplayWidth } from '../../util/width.ts';
import type { Invocation, Registry, VerbModule } from './registry.ts';

/** Hooks the CLI entry point may give. */
export interface RunOptions {
  /**
   * Opens the console (`berth` with no verb on a terminal). Loaded lazily
   * by the caller (`() => import('../tui/main.ts')…`) so scripts never load
   * React. Without it, `berth` on a terminal prints the help.
   */
  openConsole?: (ctx: CliContext) => Promise<number>;
}

/** Runs one command line and resolves to the process exit code. Never throws. */
export async function runCli(argv: readonly string[], registry: Registry, deps: CliDeps, opts: RunOptions = {}): Promise<number> {
  const reg = withBuiltins(registry);
  const verboseGuess = argv.includes('-v') || argv.includes('--verbose');
  let parsed;
  try {
    parsed = parseArgv(argv, reg);
  } catch (err) {
    return reportError(deps.stderr, err, verboseGuess);
  }
  const { globals, verb } = parsed;
  if (globals.version) {
    deps.stdout.write(`berth ${deps.version}\n`);
    return 0;
  }
  if (globals.help || parsed.group !== null) {
    // Help is loaded only when asked for: the common path stays light (start-up time).
    const help = await import('./help.ts');
    await loadDisplayWidth();
    deps.stdout.write(verb ? help.renderVerbHelp(verb) : parsed.group !== null ? help.renderGroupHelp(reg, parsed.group) : help.renderMainHelp(reg));
    return 0;
  }
  const terminal = deps.stdin.isTTY === true && deps.stdout.isTTY === true;
  if (verb === null && !(terminal && opts.openConsole)) {
    if (terminal) {
      await loadDisplayWidth();
      deps.stdout.write((await import('./help.ts')).renderMainHelp(reg));
      return 0;
    }
    return reportError(deps.stderr, new BerthError('usage', 'no command given, and the console needs a terminal', {
      hint: "See 'berth --help' for the commands scripts can use.",
    }), false);
  }
  try {
    const config = verb?.needsConfig === false ? defaultConfig() : await loadConfig({ flag: globals.config, env: deps.env, home: deps.home });
    const ctx = createContext(deps, globals, config, reg);
    // Heavy formatters load only for the outputs that need them (start-up time).
    if (ctx.output.mode === 'yaml') await loadYaml();
    if (ctx.output.mode === 'table' || ctx.output.mode === 'wide') await loadDisplayWidth();
    // No verb gets here only on a terminal with a console to open (checked above).
    if (verb === null) return opts.openConsole ? await opts.openConsole(ctx) : 0;
    ctx.log.debug(`running ${verb.name} (config: ${config.path ?? 'none, defaults'})`);
    const mod = (await verb.load()) as VerbModule;
    if (typeof mod.run !== 'function') throw new BerthError('internal', `the module of "${verb.name}" exports no run()`);
    const inv: Invocation = { verb, globals, flags: parsed.flags, args: parsed.args, given: parsed.given } as Invocation;
    return (await mod.run(ctx, inv)) ?? 0;
  } catch (err) {
    return reportError(deps.stderr, err, globals.verbose);
  }
}
