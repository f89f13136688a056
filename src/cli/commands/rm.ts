/** `berth rm [-f] [-v] REF…`: remove containers; more than one needs --yes in scripts. */
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { runAction } from './act.ts';
import type { rmVerb } from './specs.ts';

export function run(ctx: CliContext, inv: InvocationOf<typeof rmVerb>): Promise<number> {
  return runAction(ctx, inv, inv.args.REF, {
    action: 'Remove',
    act: (rt, c) => rt.remove(c.id, { force: inv.flags.force, volumes: inv.flags.volumes }),
  });
}
