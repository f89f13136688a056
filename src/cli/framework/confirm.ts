/**
 * The confirmation policy of CLI.md "Destructive verbs", as a pure decision
 * (`decideConfirmation`) and the small bit of I/O that carries it out
 * (`confirmAction`). Order matters and is fixed: read-only refuses first
 * (even a dry run: the preview would promise an action that cannot
 * happen), then `--dry-run` previews, then `--yes` proceeds, then a
 * terminal asks, and a script acts directly or needs `--yes`.
 */
import { BerthError, EXIT } from '../../domain/errors.ts';
import { prodNodeNames } from '../../fleet/node-spec.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { CliContext } from './context.ts';
import type { AnyInvocation } from './registry.ts';

/**
 * How a destructive verb behaves in a script (stdin not a terminal):
 * `direct` acts (stop, kill, restart, pause, scale, rollout, cordon, as
 * docker and kubectl do); `yes-if-many` needs --yes for more than one item
 * (rm); `yes` always needs --yes (prune, drain). On a terminal all ask.
 */
export type DestructivePolicy = 'direct' | 'yes-if-many' | 'yes';

/** CLI.md's list, for registry rows to use (`destructive: DESTRUCTIVE.rm`). */
export const DESTRUCTIVE = {
  stop: 'direct',
  kill: 'direct',
  restart: 'direct',
  pause: 'direct',
  scale: 'direct',
  rollout: 'direct',
  cordon: 'direct',
  rm: 'yes-if-many',
  prune: 'yes',
  drain: 'yes',
} as const satisfies Record<string, DestructivePolicy>;

/** What one node would be changed: named items, or null when the runtime picks (prune). */
export interface TargetGroup {
  node: string;
  items: readonly string[] | null;
}

/** Everything the decision depends on. */
export interface ConfirmRequest {
  /** The command as typed (`rm`, `image prune`), for messages. */
  verb: string;
  /** The sentence verb: `Stop`, `Remove`, `Prune`. */
  action: string;
  /** Noun forms: `{ one: 'container', many: 'containers' }`. */
  what: { one: string; many: string };
  policy: DestructivePolicy;
  targets: readonly TargetGroup[];
  allNodes: boolean;
  yes: boolean;
  dryRun: boolean;
  /** `--readonly`, or `readonly: true` at the top of the config. */
  readonly: boolean;
  /** Target nodes marked `readonly: true` in the config. */
  readonlyNodes: readonly string[];
  /** Nodes labelled `env: prod`: marked `[prod]` in the question and the dry run. */
  prodNodes?: readonly string[];
  /** stdin and stderr are terminals, so someone can answer. */
  interactive: boolean;
}

/** What to do. `refuse` always means exit 4 and nothing changed. */
export type ConfirmDecision =
  | { action: 'proceed' }
  | { action: 'dry-run'; lines: string[] }
  | { action: 'ask'; question: string }
  | { action: 'refuse'; reason: string; hint: string; exitCode: typeof EXIT.refused };

/** `a (2), b (1) and c (1)`. */
function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function refuse(reason: string, hint: string): ConfirmDecision {
  return { action: 'refuse', reason, hint, exitCode: EXIT.refused };
}

/** `web1 [prod]` for a production node, else the name. */
function marked(req: ConfirmRequest, node: string): string {
  return req.prodNodes?.includes(node) ? `${node} [prod]` : node;
}

/** The question asked on a terminal, naming each node and the count affected. */
export function confirmQuestion(req: ConfirmRequest): string {
  const groups = req.targets.filter((g) => g.items === null || g.items.length > 0).map((g) => ({ ...g, node: marked(req, g.node) }));
  const nodes = groups.map((g) => g.node);
  if (groups.some((g) => g.items === null)) return `${req.action} ${req.what.many} on ${joinAnd(nodes)}? [y/N] `;
  const total = groups.reduce((n, g) => n + g.items!.length, 0);
  if (total === 1) return `${req.action} ${req.what.one} ${sanitizeInline(groups[0]!.items![0]!)} on ${nodes[0]}? [y/N] `;
  const noun = req.what.many;
  if (groups.length === 1) return `${req.action} ${total} ${noun} on ${nodes[0]}? [y/N] `;
  return `${req.action} ${total} ${noun} on ${joinAnd(groups.map((g) => `${g.node} (${g.items!.length})`))}? [y/N] `;
}

/** One line per target for `--dry-run`: `would stop local/web`. */
export function dryRunLines(req: ConfirmRequest): string[] {
  const verb = req.action.toLowerCase();
  return req.targets.flatMap((g) =>
    g.items === null
      ? [`would ${verb} ${req.what.many} on ${marked(req, g.node)}`]
      : g.items.map((item) => `would ${verb} ${g.node}/${sanitizeInline(item)}${req.prodNodes?.includes(g.node) ? ' [prod]' : ''}`));
}

/** The pure decision; see the module comment for the order. */
export function decideConfirmation(req: ConfirmRequest): ConfirmDecision {
  if (req.readonly) {
    return refuse(`refusing to ${req.verb}: berth is read-only`, 'read-only comes from --readonly or "readonly: true" in the config; nothing was changed');
  }
  const blocked = req.targets.map((g) => g.node).filter((n) => req.readonlyNodes.includes(n));
  if (blocked.length > 0) {
    return refuse(`refusing to ${req.verb}: ${joinAnd(blocked)} ${blocked.length === 1 ? 'is' : 'are'} read-only in the config`,
      'nothing was changed on any node; leave the read-only node out with --node to act on the others');
  }
  if (req.dryRun) return { action: 'dry-run', lines: dryRunLines(req) };
  const unknownCount = req.targets.some((g) => g.items === null);
  const total = req.targets.reduce((n, g) => n + (g.items?.length ?? 0), 0);
  if (!unknownCount && total === 0) return { action: 'proceed' };
  if (req.yes) return { action: 'proceed' };
  if (req.interactive) return { action: 'ask', question: confirmQuestion(req) };
  const why = req.allNodes
    ? 'a fleet-wide (--all-nodes) action'
    : req.policy === 'yes'
      ? `"${req.verb}"`
      : req.policy === 'yes-if-many' && (unknownCount || total > 1)
        ? `"${req.verb}" of ${unknownCount ? 'several' : total} ${req.what.many}`
        : null;
  if (why === null) return { action: 'proceed' };
  return refuse(`refusing ${why} without confirmation: not on a terminal, so berth cannot ask`,
    'add --yes to confirm, or --dry-run to see what would happen; nothing was changed');
}

/** The read-only nodes among the configured ones. */
function configReadonlyNodes(ctx: CliContext): string[] {
  return ctx.config.nodes.filter((n) => n.readonly).map((n) => n.name);
}

/** Flags read from the verb's own table, when it declares them (CONFIRM_FLAGS). */
function flag(inv: AnyInvocation, key: 'yes' | 'dryRun'): boolean {
  return (inv.flags as Record<string, unknown>)[key] === true;
}

/**
 * Carries out the policy for a verb: fills the request from the command
 * line and config, then prints the dry run (returns false), asks (throws
 * 'refused' when the answer is not yes), or throws 'refused' (exit 4).
 * Returns true when the verb should go ahead. Verbs call it once, with all
 * targets resolved, before changing anything.
 */
export async function confirmAction(
  ctx: CliContext,
  inv: AnyInvocation,
  targets: readonly TargetGroup[],
  words: { action: string; what: { one: string; many: string }; readonlyNodes?: readonly string[] },
): Promise<boolean> {
  const policy = inv.verb.destructive;
  if (policy === undefined) throw new BerthError('internal', `"${inv.verb.name}" is not declared destructive but asked for confirmation`);
  const decision = decideConfirmation({
    verb: inv.verb.name,
    action: words.action,
    what: words.what,
    policy,
    targets,
    allNodes: inv.globals.allNodes,
    yes: flag(inv, 'yes'),
    dryRun: flag(inv, 'dryRun'),
    readonly: inv.globals.readonly || ctx.config.readonly,
    readonlyNodes: words.readonlyNodes ?? configReadonlyNodes(ctx),
    prodNodes: prodNodeNames(ctx.config.nodes),
    interactive: ctx.tty.stdin && ctx.tty.stderr,
  });
  switch (decision.action) {
    case 'proceed':
      return true;
    case 'dry-run':
      ctx.stdout.write(decision.lines.map((l) => `${l}\n`).join(''));
      return false;
    case 'refuse':
      throw new BerthError('refused', decision.reason, { hint: decision.hint });
    case 'ask':
      if (await ctx.ask(decision.question)) return true;
      throw new BerthError('refused', 'not confirmed; nothing was changed');
  }
}
