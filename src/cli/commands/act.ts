/**
 * The shared shape of every container action (start, stop, restart, kill,
 * pause, unpause, rm): resolve every reference first (so a typo changes
 * nothing), confirm per CLI.md, then act on each target, audit it, and
 * report each result. Safe verbs (start, unpause) skip the question but
 * still honour --readonly and --dry-run.
 */
import { EXIT, exitCodeFor, toBerthError, BerthError } from '../../domain/errors.ts';
import type { Container } from '../../domain/types.ts';
import type { DockerRuntime } from '../../runtime/docker/client.ts';
import { audited } from '../framework/audit.ts';
import { prodNodeNames } from '../../fleet/node-spec.ts';
import { confirmAction, decideConfirmation, type TargetGroup } from '../framework/confirm.ts';
import type { CliContext } from '../framework/context.ts';
import { formatError } from '../framework/errors-out.ts';
import type { AnyInvocation } from '../framework/registry.ts';
import { withFleet, type ResolvedContainer } from '../fleet-session.ts';
import { sanitizeInline } from '../../util/sanitize.ts';

/** What one action verb does. */
export interface ActionSpec {
  /** Sentence verb for questions and dry runs: `Stop`. */
  action: string;
  /** The change itself. */
  act: (runtime: DockerRuntime, c: Container) => Promise<void>;
  /** True for start/unpause: no question, but --readonly and --dry-run hold. */
  safe?: boolean;
}

/** How many actions run at once across the fleet. */
const PARALLEL = 4;

function groupsOf(targets: readonly ResolvedContainer[]): TargetGroup[] {
  const byNode = new Map<string, string[]>();
  for (const t of targets) byNode.set(t.container.node, [...(byNode.get(t.container.node) ?? []), t.container.name]);
  return [...byNode].map(([node, items]) => ({ node, items }));
}

/** Readonly and dry-run for verbs that do not ask (start, unpause). */
function gateSafe(ctx: CliContext, inv: AnyInvocation, groups: TargetGroup[], spec: ActionSpec): boolean {
  const d = decideConfirmation({
    verb: inv.verb.name, action: spec.action, what: { one: 'container', many: 'containers' }, policy: 'direct', targets: groups,
    allNodes: false, yes: true, dryRun: (inv.flags as Record<string, unknown>).dryRun === true,
    readonly: inv.globals.readonly || ctx.config.readonly, readonlyNodes: ctx.config.nodes.filter((n) => n.readonly).map((n) => n.name),
    prodNodes: prodNodeNames(ctx.config.nodes),
    interactive: false,
  });
  if (d.action === 'refuse') throw new BerthError('refused', d.reason, { hint: d.hint });
  if (d.action === 'dry-run') {
    ctx.stdout.write(d.lines.map((l) => `${l}\n`).join(''));
    return false;
  }
  return true;
}

/** Runs an action verb end to end; returns the exit code. */
export async function runAction(ctx: CliContext, inv: AnyInvocation, refs: readonly string[], spec: ActionSpec): Promise<number> {
  return withFleet(ctx, async (fleet) => {
    const resolved = await fleet.resolveContainers(refs);
    // The same container named twice (name and id) is acted on once.
    const targets = resolved.filter((t, i) => resolved.findIndex((u) => u.container.node === t.container.node && u.container.id === t.container.id) === i);
    const groups = groupsOf(targets);
    const readonlyNodes = fleet.nodes.filter((n) => n.readonly).map((n) => n.name);
    const go = spec.safe
      ? gateSafe(ctx, inv, groups, spec)
      : await confirmAction(ctx, inv, groups, { action: spec.action, what: { one: 'container', many: 'containers' }, readonlyNodes });
    if (!go) return EXIT.ok;

    const failures: BerthError[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < targets.length) {
        const t = targets[next++]!;
        const label = `${t.container.node}/${t.container.name}`;
        try {
          await audited(ctx.audit, { node: t.container.node, verb: inv.verb.name, target: t.container.name }, () => spec.act(t.node.runtime, t.container));
          ctx.stdout.write(`${sanitizeInline(fleet.multiNode ? label : t.ref)}\n`);
        } catch (err) {
          const e = toBerthError(err, t.container.node);
          failures.push(e);
          ctx.stderr.write(formatError(new BerthError(e.kind, `cannot ${spec.action.toLowerCase()} ${label}: ${e.message}`, { ...(e.hint === undefined ? {} : { hint: e.hint }) }), ctx.globals.verbose));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, targets.length) }, worker));
    if (failures.length === 0) return EXIT.ok;
    if (failures.length === targets.length && failures.every((f) => f.kind === failures[0]!.kind)) return exitCodeFor(failures[0]!.kind);
    return EXIT.partial;
  });
}
