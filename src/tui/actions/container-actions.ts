/**
 * Container actions from the console, with the same rules as the scripted
 * verbs (act.ts): the confirmation policy is `decideConfirmation` (read-only
 * refuses first, per node too; dangerous ones ask, naming what, where and
 * how many), every attempt is written to the audit log through `audited`,
 * and each target gets its own result.
 */
import { toBerthError } from '../../domain/errors.ts';
import type { Container } from '../../domain/types.ts';
import type { RuntimeSource } from '../../runtime/types.ts';
import { audited, type AuditLog } from '../../cli/framework/audit.ts';
import { DESTRUCTIVE, decideConfirmation, type ConfirmDecision, type TargetGroup } from '../../cli/framework/confirm.ts';
import { sanitizeInline } from '../../util/sanitize.ts';
import type { Action } from '../keys.ts';

/** The verbs, named as the scripted commands (and the audit log) name them. */
export type ContainerVerb = 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause' | 'rm';

/** How each verb reads and acts. `ask: false` verbs never ask but still honour read-only. */
export const VERBS: Record<ContainerVerb, { action: string; ask: boolean; run: (rt: RuntimeSource, c: Container) => Promise<void> }> = {
  start: { action: 'Start', ask: false, run: (rt, c) => rt.start(c.id) },
  stop: { action: 'Stop', ask: true, run: (rt, c) => rt.stop(c.id) },
  restart: { action: 'Restart', ask: true, run: (rt, c) => rt.restart(c.id) },
  kill: { action: 'Kill', ask: true, run: (rt, c) => rt.kill(c.id, 'KILL') },
  pause: { action: 'Pause', ask: true, run: (rt, c) => rt.pause(c.id) },
  unpause: { action: 'Unpause', ask: false, run: (rt, c) => rt.unpause(c.id) },
  // Not forced: removing a running container is refused by the engine and reported per item.
  rm: { action: 'Remove', ask: true, run: (rt, c) => rt.remove(c.id, { force: false, volumes: false }) },
};

/** The verb a key's action means for these targets (`p` unpauses when all are paused). */
export function verbFor(action: Action, targets: readonly Container[]): ContainerVerb | null {
  switch (action) {
    case 'start': return 'start';
    case 'stop': return 'stop';
    case 'restart': return 'restart';
    case 'kill': return 'kill';
    case 'remove': return 'rm';
    case 'pause': return targets.length > 0 && targets.every((c) => c.state === 'paused') ? 'unpause' : 'pause';
    default: return null;
  }
}

/** Targets grouped by node, for the question and the read-only check. */
export function groupsOf(targets: readonly Container[]): TargetGroup[] {
  const byNode = new Map<string, string[]>();
  for (const t of targets) byNode.set(t.node, [...(byNode.get(t.node) ?? []), t.name]);
  return [...byNode].map(([node, items]) => ({ node, items }));
}

/** The policy's answer for the console: refuse, ask (with the question) or proceed. */
export function decide(verb: ContainerVerb, targets: readonly Container[], ro: { readonly: boolean; readonlyNodes: readonly string[]; prodNodes?: readonly string[] }): ConfirmDecision {
  const spec = VERBS[verb];
  return decideConfirmation({
    verb,
    action: spec.action,
    what: { one: 'container', many: 'containers' },
    policy: verb === 'rm' ? DESTRUCTIVE.rm : 'direct',
    targets: groupsOf(targets),
    allNodes: false,
    // Safe verbs skip the question (as `berth start` does) but not the read-only refusal.
    yes: !spec.ask,
    dryRun: false,
    readonly: ro.readonly,
    readonlyNodes: ro.readonlyNodes,
    ...(ro.prodNodes ? { prodNodes: ro.prodNodes } : {}),
    interactive: true,
  });
}

/** One target's outcome, for the results panel. */
export interface ActionResult {
  label: string;
  ok: boolean;
  /** Why it failed (sanitised), or null. */
  message: string | null;
}

/** How many actions run at once (as the scripted verbs). */
const PARALLEL = 4;

/**
 * Acts on every target, auditing each, and reports each result as it
 * lands (`onResult`). Never throws: a failure is a result.
 */
export async function runVerb(
  verb: ContainerVerb,
  targets: readonly Container[],
  deps: { runtime: (node: string) => Promise<RuntimeSource>; audit: AuditLog },
  onResult: (r: ActionResult, index: number) => void,
): Promise<ActionResult[]> {
  const out: ActionResult[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const i = next++;
      const c = targets[i]!;
      const label = `${sanitizeInline(c.node)}/${sanitizeInline(c.name)}`;
      let r: ActionResult;
      try {
        // Opening the node is inside the audited call: an attempt that could not reach it is recorded too.
        await audited(deps.audit, { node: c.node, verb, target: c.name }, async () => VERBS[verb].run(await deps.runtime(c.node), c));
        r = { label, ok: true, message: null };
      } catch (err) {
        r = { label, ok: false, message: sanitizeInline(toBerthError(err, c.node).message) };
      }
      out[i] = r;
      onResult(r, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, targets.length) }, worker));
  return out;
}
