/** `berth pause REF…`: freeze every process of the containers (cgroup freezer). */
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { runAction } from './act.ts';
import type { pauseVerb } from './specs.ts';

export function run(ctx: CliContext, inv: InvocationOf<typeof pauseVerb>): Promise<number> {
  return runAction(ctx, inv, inv.args.REF, { action: 'Pause', act: (rt, c) => rt.pause(c.id) });
}
