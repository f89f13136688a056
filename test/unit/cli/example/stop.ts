/** `berth stop` on top of the framework: resolve, confirm, act, audit. */
import { audited } from '../../../../src/cli/framework/audit.ts';
import { confirmAction, type TargetGroup } from '../../../../src/cli/framework/confirm.ts';
import type { CliContext } from '../../../../src/cli/framework/context.ts';
import type { InvocationOf } from '../../../../src/cli/framework/registry.ts';
import { BerthError } from '../../../../src/domain/errors.ts';
import { fakeFleet } from './fleet.ts';
import type { stopVerb } from './specs.ts';

export async function run(ctx: CliContext, inv: InvocationOf<typeof stopVerb>): Promise<number> {
  const targets = inv.args.REF.map((ref) => {
    const hit = fakeFleet.containers.find((c) => c.name === ref);
    if (!hit) throw new BerthError('not-found', `no container "${ref}"`);
    return hit;
  });
  const groups: TargetGroup[] = [...new Set(targets.map((t) => t.node))].map((node) => ({
    node, items: targets.filter((t) => t.node === node).map((t) => t.name),
  }));
  if (!(await confirmAction(ctx, inv, groups, { action: 'Stop', what: { one: 'container', many: 'containers' } }))) return 0;
  for (const t of targets) {
    await audited(ctx.audit, { node: t.node, verb: inv.verb.name, target: t.name }, async () => {
      fakeFleet.stopped.push(`${t.node}/${t.name} after ${inv.flags.time}s`);
    });
    ctx.stdout.write(`${t.node}/${t.name}\n`);
  }
  return 0;
}
