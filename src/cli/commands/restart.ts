/** `berth restart [-t N] REF…`: stop (with the grace period) and start again. */
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { runAction } from './act.ts';
import type { restartVerb } from './specs.ts';

export function run(ctx: CliContext, inv: InvocationOf<typeof restartVerb>): Promise<number> {
  return runAction(ctx, inv, inv.args.REF, { action: 'Restart', act: (rt, c) => rt.restart(c.id, inv.flags.time) });
}
