/**
 * `berth why REF`: why a container stopped, died or keeps restarting, in
 * one look (the facts and their wording live in ../diagnosis.ts, shared
 * with the console's why tab).
 */
import type { CliContext } from '../framework/context.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { diagnose, diagnosisLines } from '../diagnosis.ts';
import { withFleet } from '../fleet-session.ts';
import { printDocuments } from './documents.ts';
import type { whyVerb } from './specs.ts';

export type { Diagnosis } from '../diagnosis.ts';
export { exitMeaning } from '../diagnosis.ts';

export async function run(ctx: CliContext, inv: InvocationOf<typeof whyVerb>): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const t = await fleet.resolveContainer(inv.args.REF);
    const diagnosis = await diagnose(t.node.runtime, t.container.id, inv.flags.tail, (fn) => fleet.one(t.node, fn));
    printDocuments(ctx, 'Diagnosis', [diagnosis], [], (x) => `${diagnosisLines(x, ctx.now()).join('\n')}\n`);
    return 0;
  });
}
