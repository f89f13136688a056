import { describe, expect, it } from 'vitest';
import { memoryAuditLog } from '../../../src/cli/framework/audit.ts';
import { decide, runVerb, verbFor, type ActionResult } from '../../../src/tui/actions/container-actions.ts';
import { container, fakeRuntime, type Call } from './fixtures.ts';

const rw = { readonly: false, readonlyNodes: [] };

describe('which verb a key means', () => {
  it('unpauses when every target is paused, pauses otherwise', () => {
    expect(verbFor('pause', [container('a', { state: 'paused' })])).toBe('unpause');
    expect(verbFor('pause', [container('a', { state: 'paused' }), container('b')])).toBe('pause');
    expect(verbFor('remove', [container('a')])).toBe('rm');
  });
});

describe('confirmation policy in the console', () => {
  it('asks before stopping, naming the container and node', () => {
    expect(decide('stop', [container('web')], rw)).toEqual({ action: 'ask', question: 'Stop container web on local? [y/N] ' });
  });

  it('names every node and its count for a selection across nodes', () => {
    const d = decide('kill', [container('a'), container('b'), container('c', { node: 'web2' })], rw);
    expect(d).toMatchObject({ action: 'ask', question: 'Kill 3 containers on local (2) and web2 (1)? [y/N] ' });
  });

  it('starts without asking', () => {
    expect(decide('start', [container('web')], rw)).toEqual({ action: 'proceed' });
  });

  it('refuses everything when read-only, starts included', () => {
    expect(decide('start', [container('web')], { readonly: true, readonlyNodes: [] })).toMatchObject({ action: 'refuse', reason: expect.stringMatching(/read-only/) });
    expect(decide('stop', [container('a'), container('b', { node: 'prod' })], { readonly: false, readonlyNodes: ['prod'] }))
      .toMatchObject({ action: 'refuse', reason: expect.stringContaining('prod is read-only') });
  });
});

describe('running an action', () => {
  it('acts on each target, audits each, and reports each result', async () => {
    const calls: Call[] = [];
    const targets = [container('a'), container('b')];
    const rt = fakeRuntime('local', targets, calls, { [targets[1]!.id]: 'container b is not running' });
    const audit = memoryAuditLog();
    const seen: ActionResult[] = [];
    const out = await runVerb('stop', targets, { runtime: async () => rt, audit }, (r) => seen.push(r));
    expect(calls.map((c) => c.slice(0, 2))).toEqual([['stop', targets[0]!.id], ['stop', targets[1]!.id]]);
    expect(out).toEqual([
      { label: 'local/a', ok: true, message: null },
      { label: 'local/b', ok: false, message: 'container b is not running' },
    ]);
    expect(seen).toHaveLength(2);
    expect(audit.entries).toEqual([
      { node: 'local', verb: 'stop', target: 'a', result: 'ok' },
      { node: 'local', verb: 'stop', target: 'b', result: 'failed', message: 'container b is not running' },
    ]);
  });

  it('records an attempt on a node that cannot be reached', async () => {
    const audit = memoryAuditLog();
    const out = await runVerb('restart', [container('a')], { runtime: async () => { throw new Error('no socket'); }, audit }, () => undefined);
    expect(out[0]).toMatchObject({ ok: false, message: 'no socket' });
    expect(audit.entries[0]).toMatchObject({ verb: 'restart', result: 'failed' });
  });
});
