/** `berth stop [-t N] REF…`: SIGTERM (or the image's stop signal), then SIGKILL after the grace period. */
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { runAction } from './act.ts';
import type { stopVerb } from './specs.ts';

export function run(ctx: CliContext, inv: InvocationOf<typeof stopVerb>): Promise<number> {
  return runAction(ctx, inv, inv.args.REF, { action: 'Stop', act: (rt, c) => rt.stop(c.id, inv.flags.time) });
}
