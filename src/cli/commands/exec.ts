/**
 * `berth exec [-i] [-t] REF -- CMD…`: runs a command in a running
 * container with docker's semantics. berth exits with the command's exit
 * code (126/127 when the engine could not start it, said once on stderr);
 * `-i` feeds our stdin; `-it` on a terminal gives the command a real one
 * (raw mode, resizes forwarded, the terminal restored whatever happens).
 * Like docker, `-it` with stdin that is not a terminal is refused.
 */
import { BerthError, EXIT } from '../../domain/errors.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet } from '../fleet-session.ts';
import { startFailureMessage } from '../streams/exec-failure.ts';
import { joinSession } from '../streams/exec-io.ts';
import { enterRawMode, terminalSize, watchResize } from '../streams/terminal.ts';
import type { execVerb } from './specs.ts';

/** States in which docker refuses an exec, with what to do instead. */
function notRunning(label: string, state: string, ref: string): BerthError {
  const fix = state === 'paused' ? `unpause it first: berth unpause ${ref}` : `start it first: berth start ${ref}`;
  return new BerthError('conflict', `container ${label} is not running (${state}), so nothing can run in it`, { hint: fix });
}

/** Runs the command; resolves to its exit code. */
export async function run(ctx: CliContext, inv: InvocationOf<typeof execVerb>): Promise<number> {
  const { flags } = inv;
  const argv = inv.args.CMD;
  if (flags.tty && flags.interactive && !ctx.tty.stdin) {
    // docker's wording, and for the same reason: a raw terminal needs one.
    throw new BerthError('usage', 'the input device is not a TTY', { hint: 'drop -t to pipe input to the command, or run berth from a terminal' });
  }
  return withFleet(ctx, async (fleet) => {
    const { ref, node, container } = await fleet.resolveContainer(inv.args.REF);
    const label = `${container.name} on node ${container.node}`;
    if (container.state !== 'running') throw notRunning(label, container.state, ref);
    const size = flags.tty ? terminalSize(ctx.stdout) : undefined;
    const session = await node.runtime.exec(container.id, argv, {
      tty: flags.tty,
      interactive: flags.interactive,
      ...(flags.env.length > 0 ? { env: flags.env } : {}),
      ...(flags.user === undefined ? {} : { user: flags.user }),
      ...(flags.workdir === undefined ? {} : { workingDir: flags.workdir }),
      ...(size === undefined ? {} : { size }),
    });
    // Raw mode only when our keys go to the command's terminal.
    const restore = flags.tty && flags.interactive ? enterRawMode(ctx.stdin) : () => {};
    const unwatch = flags.tty ? watchResize(ctx.stdout, (s) => void session.resize(s).catch(() => undefined)) : () => {};
    let outcome;
    try {
      outcome = await joinSession(ctx, session, { tty: flags.tty, interactive: flags.interactive });
    } finally {
      unwatch();
      restore();
    }
    if (outcome.startFailure !== null) {
      ctx.stderr.write(`berth: ${sanitizeInline(startFailureMessage(argv, `container ${label}`, outcome.startFailure, outcome.code))}\n`);
    }
    if (outcome.code === null) {
      ctx.log.warn(`the engine of node ${container.node} did not report the exit code of "${argv[0] ?? ''}"`);
      return EXIT.partial;
    }
    return outcome.code;
  });
}
