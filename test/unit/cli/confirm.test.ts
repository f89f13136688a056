import { describe, expect, it } from 'vitest';
import { confirmAction, decideConfirmation, type ConfirmRequest, type DestructivePolicy, type TargetGroup } from '../../../src/cli/framework/confirm.ts';
import { parseConfig } from '../../../src/config/validate.ts';
import { BerthError } from '../../../src/domain/errors.ts';
import { parseArgv } from '../../../src/cli/framework/args.ts';
import { createContext } from '../../../src/cli/framework/context.ts';
import { fakeIO, type FakeOptions } from '../../../src/cli/framework/testing.ts';
import type { Invocation } from '../../../src/cli/framework/registry.ts';
import { registry } from './fixtures/registry.ts';

const one: TargetGroup[] = [{ node: 'local', items: ['web'] }];
const three: TargetGroup[] = [{ node: 'local', items: ['web', 'db'] }, { node: 'web1', items: ['api'] }];
const pruneAll: TargetGroup[] = [{ node: 'local', items: null }, { node: 'web1', items: null }];

function req(over: Partial<ConfirmRequest>): ConfirmRequest {
  return {
    verb: 'stop', action: 'Stop', what: { one: 'container', many: 'containers' }, policy: 'direct',
    targets: one, allNodes: false, yes: false, dryRun: false, readonly: false, readonlyNodes: [], interactive: false,
    ...over,
  };
}

const policies: Record<string, DestructivePolicy> = { stop: 'direct', restart: 'direct', kill: 'direct', pause: 'direct', scale: 'direct', rollout: 'direct', cordon: 'direct', rm: 'yes-if-many', prune: 'yes', drain: 'yes' };

describe('in scripts (no terminal)', () => {
  it.each(['stop', 'restart', 'kill', 'pause', 'scale', 'rollout', 'cordon'])('%s acts directly, on many targets too', (verb) => {
    expect(decideConfirmation(req({ verb, policy: policies[verb], targets: three })).action).toBe('proceed');
  });

  it('rm of one item acts directly', () => {
    expect(decideConfirmation(req({ verb: 'rm', policy: 'yes-if-many', targets: one })).action).toBe('proceed');
  });

  it('rm of more than one item needs --yes (exit 4, saying to add --yes)', () => {
    const d = decideConfirmation(req({ verb: 'rm', action: 'Remove', policy: 'yes-if-many', targets: three }));
    expect(d).toEqual({
      action: 'refuse',
      exitCode: 4,
      reason: 'refusing "rm" of 3 containers without confirmation: not on a terminal, so berth cannot ask',
      hint: 'add --yes to confirm, or --dry-run to see what would happen; nothing was changed',
    });
    expect(decideConfirmation(req({ verb: 'rm', policy: 'yes-if-many', targets: three, yes: true })).action).toBe('proceed');
  });

  it.each(['prune', 'drain'])('%s always needs --yes', (verb) => {
    const d = decideConfirmation(req({ verb, policy: 'yes', targets: pruneAll }));
    expect(d.action).toBe('refuse');
    expect(d.action === 'refuse' && d.reason).toBe(`refusing "${verb}" without confirmation: not on a terminal, so berth cannot ask`);
    expect(decideConfirmation(req({ verb, policy: 'yes', targets: pruneAll, yes: true })).action).toBe('proceed');
  });

  it('a fleet-wide (--all-nodes) action needs --yes even for stop', () => {
    const d = decideConfirmation(req({ allNodes: true, targets: three }));
    expect(d.action === 'refuse' && d.reason).toBe('refusing a fleet-wide (--all-nodes) action without confirmation: not on a terminal, so berth cannot ask');
    expect(decideConfirmation(req({ allNodes: true, targets: three, yes: true })).action).toBe('proceed');
  });
});

describe('on a terminal', () => {
  it('asks, naming each node and the count affected', () => {
    expect(decideConfirmation(req({ interactive: true, targets: three }))).toEqual({
      action: 'ask', question: 'Stop 3 containers on local (2) and web1 (1)? [y/N] ',
    });
  });

  it('marks production nodes (labels env: prod) in the question and the dry run', () => {
    const d = decideConfirmation(req({ interactive: true, targets: three, prodNodes: ['web1'] }));
    expect(d.action === 'ask' && d.question).toBe('Stop 3 containers on local (2) and web1 [prod] (1)? [y/N] ');
    const one = decideConfirmation(req({ interactive: true, targets: [{ node: 'web1', items: ['api'] }], prodNodes: ['web1'] }));
    expect(one.action === 'ask' && one.question).toBe('Stop container api on web1 [prod]? [y/N] ');
    const dry = decideConfirmation(req({ dryRun: true, targets: three, prodNodes: ['web1'] }));
    expect(dry).toEqual({ action: 'dry-run', lines: ['would stop local/web', 'would stop local/db', 'would stop web1/api [prod]'] });
  });

  it('names the one item when there is one', () => {
    const d = decideConfirmation(req({ interactive: true }));
    expect(d.action === 'ask' && d.question).toBe('Stop container web on local? [y/N] ');
  });

  it('counts per node when all are on one node', () => {
    const d = decideConfirmation(req({ interactive: true, targets: [{ node: 'web1', items: ['a', 'b'] }] }));
    expect(d.action === 'ask' && d.question).toBe('Stop 2 containers on web1? [y/N] ');
  });

  it('asks about prune without a count (the runtime picks)', () => {
    const d = decideConfirmation(req({ interactive: true, verb: 'prune', action: 'Prune', what: { one: 'stopped container', many: 'stopped containers' }, policy: 'yes', targets: [...pruneAll, { node: 'db', items: null }] }));
    expect(d.action === 'ask' && d.question).toBe('Prune stopped containers on local, web1 and db? [y/N] ');
  });

  it('does not ask with --yes', () => {
    expect(decideConfirmation(req({ interactive: true, yes: true })).action).toBe('proceed');
  });

  it('sanitises item names in the question', () => {
    const d = decideConfirmation(req({ interactive: true, targets: [{ node: 'local', items: ['x\u001b]0;t\u0007y'] }] }));
    expect(d.action === 'ask' && d.question).toBe('Stop container xy on local? [y/N] ');
  });
});

describe('--dry-run and --readonly', () => {
  it('--dry-run lists one line per target and changes nothing, even where --yes would be needed', () => {
    expect(decideConfirmation(req({ dryRun: true, verb: 'rm', action: 'Remove', policy: 'yes-if-many', targets: three }))).toEqual({
      action: 'dry-run', lines: ['would remove local/web', 'would remove local/db', 'would remove web1/api'],
    });
    const prune = decideConfirmation(req({ dryRun: true, verb: 'prune', action: 'Prune', what: { one: 'image', many: 'unused images' }, policy: 'yes', targets: pruneAll }));
    expect(prune).toEqual({ action: 'dry-run', lines: ['would prune unused images on local', 'would prune unused images on web1'] });
  });

  it('--readonly refuses every destructive verb with exit 4, dry run, --yes and terminal alike', () => {
    for (const over of [{}, { yes: true }, { dryRun: true }, { interactive: true }]) {
      const d = decideConfirmation(req({ readonly: true, ...over }));
      expect(d).toMatchObject({ action: 'refuse', exitCode: 4, reason: 'refusing to stop: berth is read-only' });
    }
  });

  it('a node read-only in config refuses the whole action, naming the node', () => {
    const d = decideConfirmation(req({ targets: three, readonlyNodes: ['web1'], yes: true }));
    expect(d).toMatchObject({ action: 'refuse', exitCode: 4, reason: 'refusing to stop: web1 is read-only in the config' });
    expect(decideConfirmation(req({ targets: one, readonlyNodes: ['web1'] })).action).toBe('proceed');
  });

  it('nothing to do proceeds without asking', () => {
    expect(decideConfirmation(req({ interactive: true, targets: [{ node: 'local', items: [] }] })).action).toBe('proceed');
  });
});

describe('confirmAction', () => {
  async function run(argv: string[], targets: TargetGroup[], opts: FakeOptions = {}, configText = '') {
    const io = fakeIO(opts);
    const parsed = parseArgv(argv, registry);
    const config = parseConfig(configText, 'config.yaml');
    const ctx = createContext(io.deps, parsed.globals, config, registry);
    const inv = { verb: parsed.verb!, globals: parsed.globals, flags: parsed.flags, args: parsed.args, given: parsed.given } as Invocation;
    const result = await confirmAction(ctx, inv, targets, { action: parsed.verb!.name === 'rm' ? 'Remove' : 'Stop', what: { one: 'container', many: 'containers' } })
      .then((go) => ({ go, error: null }), (error: unknown) => ({ go: null, error: error as BerthError }));
    return { ...result, io };
  }

  it('prints dry-run lines on stdout and returns false', async () => {
    const r = await run(['stop', '--dry-run', 'web', 'api'], three);
    expect(r.go).toBe(false);
    expect(r.io.stdout.text).toBe('would stop local/web\nwould stop local/db\nwould stop web1/api\n');
  });

  it('asks on a terminal and goes ahead on yes', async () => {
    const r = await run(['stop', 'web'], three, { stdinTTY: true, stderrTTY: true, answers: [true] });
    expect(r.go).toBe(true);
    expect(r.io.questions).toEqual(['Stop 3 containers on local (2) and web1 (1)? [y/N] ']);
  });

  it('stops with exit 4 on no', async () => {
    const r = await run(['stop', 'web'], three, { stdinTTY: true, stderrTTY: true, answers: [false] });
    expect(r.error?.kind).toBe('refused');
    expect(r.error?.message).toBe('not confirmed; nothing was changed');
  });

  it('reads --yes from the verb and --all-nodes from the globals', async () => {
    expect((await run(['stop', '--all-nodes', 'web'], three)).error?.message).toMatch(/--all-nodes/);
    expect((await run(['stop', '--all-nodes', '-y', 'web'], three)).go).toBe(true);
    expect((await run(['rm', 'a', 'b'], three)).error?.kind).toBe('refused');
  });

  it('honours readonly from config, globally and per node', async () => {
    expect((await run(['stop', 'web'], one, {}, 'readonly: true\n')).error?.message).toBe('refusing to stop: berth is read-only');
    const perNode = await run(['stop', '-y', 'web'], three, {}, 'nodes:\n  - name: local\n  - name: web1\n    readonly: true\n');
    expect(perNode.error?.message).toBe('refusing to stop: web1 is read-only in the config');
    expect((await run(['--readonly', 'stop', 'web'], one)).error?.kind).toBe('refused');
  });

  it('refuses verbs not declared destructive (a bug, caught early)', async () => {
    const io = fakeIO();
    const parsed = parseArgv(['ps'], registry);
    const ctx = createContext(io.deps, parsed.globals, parseConfig('', 'c'), registry);
    const inv = { verb: parsed.verb!, globals: parsed.globals, flags: parsed.flags, args: parsed.args, given: parsed.given } as Invocation;
    await expect(confirmAction(ctx, inv, one, { action: 'List', what: { one: 'x', many: 'xs' } })).rejects.toMatchObject({ kind: 'internal' });
  });
});
