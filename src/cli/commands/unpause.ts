/** `berth unpause REF…`: thaw paused containers. */
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { runAction } from './act.ts';
import type { unpauseVerb } from './specs.ts';

export function run(ctx: CliContext, inv: InvocationOf<typeof unpauseVerb>): Promise<number> {
  return runAction(ctx, inv, inv.args.REF, { action: 'Unpause', safe: true, act: (rt, c) => rt.unpause(c.id) });
}
