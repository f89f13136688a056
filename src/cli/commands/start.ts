/** `berth start REF…`: start stopped containers. */
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { runAction } from './act.ts';
import type { startVerb } from './specs.ts';

export function run(ctx: CliContext, inv: InvocationOf<typeof startVerb>): Promise<number> {
  return runAction(ctx, inv, inv.args.REF, { action: 'Start', safe: true, act: (rt, c) => rt.start(c.id) });
}
