/**
 * `berth completion SHELL`: prints the script; installing it is the
 * operator's choice (the help shows where each shell looks).
 */
import { BerthError } from '../../../domain/errors.ts';
import { suggestionSuffix } from '../../../util/suggest.ts';
import { completionScript, SHELLS, type Shell } from '../completion.ts';
import type { CliContext } from '../context.ts';
import type { Invocation } from '../registry.ts';

/** Writes the completion script for the named shell to stdout. */
export function run(ctx: CliContext, inv: Invocation): Promise<number> {
  const shell = inv.args.SHELL as string;
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new BerthError('usage', `no completion for shell "${shell}"${suggestionSuffix(shell, SHELLS)}`, {
      hint: "See 'berth completion --help'.",
    });
  }
  ctx.stdout.write(completionScript(shell as Shell, ctx.registry));
  return Promise.resolve(0);
}
