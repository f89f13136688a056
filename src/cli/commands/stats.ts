/**
 * `berth stats`: every running container's CPU, memory, network, block I/O,
 * pids, throttling, OOM kills and pressure, read from the kernel's cgroup
 * counters (src/metrics) — never from the Docker stats API, which costs
 * about two seconds per container and a lot of daemon CPU (REFERENCE §3).
 * `--no-stream` samples twice `--window` apart and prints once; otherwise a
 * sample a second, as a redrawn table on a terminal or a line per container
 * per tick (`-o jsonl`, or tab-separated when piped).
 */
import { BerthError } from '../../domain/errors.ts';
import type { ContainerStats } from '../../domain/stats.ts';
import type { Container } from '../../domain/types.ts';
import { nodeError, type NodeError } from '../../fleet/fanout.ts';
import type { OpenedNode } from '../../fleet/open-node.ts';
import { findLocalPids } from '../../metrics/local-pids.ts';
import { samplerForTransport, statsBetween, type RawSample, type Sampler, type SampleTarget } from '../../metrics/index.ts';
import type { CliContext } from '../framework/context.ts';
import { printList, renderList } from '../framework/output.ts';
import { onInterrupt } from '../streams/interrupt.ts';
import { nodeHealth } from '../streams/node-health.ts';
import { retryBudgetMs } from '../streams/retry.ts';
import { renderJsonLine } from '../framework/output/document.ts';
import type { InvocationOf } from '../framework/registry.ts';
import { withFleet, type FleetSession } from '../fleet-session.ts';
import { sortStats, statsList, type StatsFilter } from './stats-list.ts';
import type { statsVerb } from './specs.ts';

/** Parses `--filter` values. */
export function parseFilters(values: readonly string[]): StatsFilter[] {
  return values.map((v) => {
    const eq = v.indexOf('=');
    const key = eq > 0 ? v.slice(0, eq) : '';
    if (key !== 'name' && key !== 'node' && key !== 'label' && key !== 'id') {
      throw new BerthError('usage', `invalid --filter "${v}"`, { hint: 'use name=SUBSTRING, node=NAME, label=KEY[=VALUE] or id=PREFIX' });
    }
    return { key, value: v.slice(eq + 1) };
  });
}

/** Whether a container passes every filter. */
export function matches(c: Container, filters: readonly StatsFilter[]): boolean {
  return filters.every((f) => {
    switch (f.key) {
      case 'name':
        return c.name.includes(f.value);
      case 'node':
        return c.node === f.value;
      case 'id':
        return c.id.startsWith(f.value);
      case 'label': {
        const eq = f.value.indexOf('=');
        return eq < 0 ? f.value in c.labels : c.labels[f.value.slice(0, eq)] === f.value.slice(eq + 1);
      }
    }
  });
}

/** One node's sampler and the init pids of its containers (inspected once per container). */
interface NodeSampling {
  node: OpenedNode;
  sampler: Sampler;
  pids: Map<string, number>;
}

/** Running containers that pass the filters, with their init pids (new ones inspected). */
async function targetsOf(s: NodeSampling, filters: readonly StatsFilter[], signal: AbortSignal): Promise<SampleTarget[]> {
  const running = (await s.node.runtime.listContainers({ all: false }, signal)).filter((c) => matches(c, filters));
  let fresh = running.filter((c) => !s.pids.has(c.id)).map((c) => c.id);
  if (fresh.length > 0 && s.node.transport.kind === 'local') {
    // On this machine /proc tells every container's processes at once, far cheaper than an inspect each.
    for (const [id, pid] of findLocalPids(fresh)) s.pids.set(id, pid);
    fresh = fresh.filter((id) => !s.pids.has(id));
  }
  if (fresh.length > 0) {
    for (const d of await s.node.runtime.inspectMany(fresh, signal)) if (d.pid !== null && d.pid > 0) s.pids.set(d.id, d.pid);
  }
  const live = new Set(running.map((c) => c.id));
  for (const id of s.pids.keys()) if (!live.has(id)) s.pids.delete(id);
  return running.flatMap((c) => (s.pids.has(c.id) ? [{ id: c.id, name: c.name, node: c.node, pid: s.pids.get(c.id)! }] : []));
}

/**
 * Opens a sampler on every node (metrics/node-sampler.ts: kept-open files
 * here, a streaming host loop ticking every `intervalMs` over SSH);
 * failures become per-node errors.
 */
async function openSamplings(fleet: FleetSession, intervalMs: number): Promise<{ samplings: NodeSampling[]; errors: NodeError[] }> {
  const { results, errors } = await fleet.each(async (node) => ({ node, sampler: samplerForTransport(node.transport, intervalMs), pids: new Map<string, number>() }));
  return { samplings: results.map((r) => r.value), errors };
}

/** `--no-stream`: two samples `--window` apart on every node at once. */
async function once(ctx: CliContext, fleet: FleetSession, inv: InvocationOf<typeof statsVerb>, filters: StatsFilter[]): Promise<number> {
  const { samplings, errors } = await openSamplings(fleet, inv.flags.window);
  const items: ContainerStats[] = [];
  await Promise.all(samplings.map(async (s) => {
    try {
      const targets = await fleet.one(s.node, (signal) => targetsOf(s, filters, signal));
      items.push(...(await fleet.one(s.node, (signal) => s.sampler.sampleTwice(targets, inv.flags.window, signal))));
    } catch (err) {
      errors.push(nodeError(s.node.spec.name, err));
    } finally {
      s.sampler.close();
    }
  }));
  return printList(ctx, statsList(fleet.multiNode), { items: sortStats(items, inv.flags.sort), errors, nodes: fleet.nodeNames });
}

/** How often a followed stats stream ticks. */
const TICK_MS = 1000;

/**
 * Streams a sample per second until interrupted (130). A failing node is
 * said on stderr once, and again when back; its rows are missing meanwhile
 * (unknown); when every node has failed for --timeout×3, exit 5.
 */
async function stream(ctx: CliContext, fleet: FleetSession, inv: InvocationOf<typeof statsVerb>, filters: StatsFilter[]): Promise<number> {
  const { samplings, errors } = await openSamplings(fleet, TICK_MS);
  for (const e of errors) ctx.stderr.write(`berth: ${e.node}: ${e.message}\n`);
  if (samplings.length === 0) throw new BerthError((errors[0]?.kind as BerthError['kind']) ?? 'unreachable', 'no node to sample');
  const prev = new Map<string, RawSample[]>();
  const spec = statsList(fleet.multiNode);
  const redraw = ctx.output.mode === 'table' || ctx.output.mode === 'wide';
  const health = nodeHealth(samplings.map((s) => s.node.spec.name), retryBudgetMs(ctx.timeoutMs), (line) => ctx.stderr.write(line));
  // Ctrl-C ends the stream as the other stream verbs do (130, as docker).
  const interrupt = onInterrupt();
  try {
    while (!interrupt.signal.aborted) {
      const started = Date.now();
      const items: ContainerStats[] = [];
      await Promise.all(samplings.map(async (s) => {
        const name = s.node.spec.name;
        try {
          const targets = await fleet.one(s.node, (signal) => targetsOf(s, filters, signal));
          const next = await s.sampler.sample(targets);
          items.push(...statsBetween(prev.get(name) ?? [], next));
          prev.set(name, next);
          health.ok(name);
        } catch (err) {
          // Unknown, not stale: the next good sample starts its rates afresh.
          prev.delete(name);
          health.failed(name, nodeError(name, err).message);
        }
      }));
      health.check();
      const sorted = sortStats(items, inv.flags.sort);
      if (redraw) ctx.stdout.write(`\u001b[H\u001b[2J${renderList(ctx, spec, { items: sorted, errors: [] })}`);
      else if (ctx.output.mode === 'jsonl') ctx.stdout.write(sorted.map((i) => renderJsonLine(i)).join(''));
      else ctx.stdout.write(renderList(ctx, spec, { items: sorted, errors: [] }));
      const wait = Math.max(0, TICK_MS - (Date.now() - started));
      await new Promise<void>((r) => {
        const t = setTimeout(r, wait);
        interrupt.signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
      });
    }
  } finally {
    interrupt.dispose();
    for (const s of samplings) s.sampler.close();
  }
  return interrupt.code ?? 0;
}

export async function run(ctx: CliContext, inv: InvocationOf<typeof statsVerb>): Promise<number> {
  const filters = parseFilters(inv.flags.filter);
  if (inv.flags.noStream === false && (ctx.output.mode === 'json' || ctx.output.mode === 'yaml')) {
    throw new BerthError('usage', `-o ${ctx.output.mode} needs --no-stream (a stream is one JSON line per container per tick: use -o jsonl)`);
  }
  return withFleet(ctx, (fleet) => (inv.flags.noStream ? once(ctx, fleet, inv, filters) : stream(ctx, fleet, inv, filters)));
}
