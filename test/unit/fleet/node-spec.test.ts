import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProd, prodNodeNames, selectNodes } from '../../../src/fleet/node-spec.ts';
import { isDeclaredSshHost } from '../../../src/transport/ssh/aliases.ts';

const flags = { nodes: [] as string[], allNodes: false, readonly: false };

describe('which nodes', () => {
  it('is the local node when nothing is configured', () => {
    expect(selectNodes([], flags).map((n) => n.name)).toEqual(['local']);
  });

  it('is every configured node, and local only when listed', () => {
    const nodes = selectNodes([{ name: 'web1', ssh: 'web1' }, { name: 'db', ssh: 'db' }], flags);
    expect(nodes.map((n) => n.name)).toEqual(['web1', 'db']);
  });

  it('narrows with --node and refuses an unknown name with exit-3 kind', () => {
    const cfg = [{ name: 'web1', ssh: 'web1' }, { name: 'db', ssh: 'db' }];
    expect(selectNodes(cfg, { ...flags, nodes: ['db'] }).map((n) => n.name)).toEqual(['db']);
    expect(() => selectNodes(cfg, { ...flags, nodes: ['nope'] })).toThrow(/unknown node "nope"/);
  });

  it('accepts an ad-hoc ssh address', () => {
    const [n] = selectNodes([], { ...flags, nodes: ['ssh://ops@web3.example:2222'] });
    expect(n).toMatchObject({ ssh: 'ssh://ops@web3.example:2222', name: 'ops@web3.example:2222' });
  });

  it('takes a bare name the ssh config declares as a Host as an ad-hoc SSH node; anything else stays unknown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-alias-'));
    try {
      const file = join(dir, 'ssh_config');
      writeFileSync(file, 'Host bastion web-*\n  HostName 10.0.0.1\nHost web1 !web2\n  ProxyJump bastion\n');
      const env = { BERTH_SSH_CONFIG: file };
      const declared = (name: string): boolean => isDeclaredSshHost(name, env, dir);
      expect(['web1', 'bastion', 'web-3', 'web2', '*', 'nope'].map(declared)).toEqual([true, true, false, false, false, false]);
      const [n] = selectNodes([{ name: 'db', ssh: 'db' }], { ...flags, nodes: ['web1'] }, declared);
      expect(n).toMatchObject({ name: 'web1', ssh: 'web1', socket: null });
      expect(() => selectNodes([], { ...flags, nodes: ['web-3'] }, declared)).toThrow(/unknown node "web-3"/);
      // A configured node of that name wins over the alias.
      expect(selectNodes([{ name: 'web1', ssh: 'other' }], { ...flags, nodes: ['web1'] }, declared)[0]!.ssh).toBe('other');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies global and per-node readonly', () => {
    const cfg = [{ name: 'a', readonly: true }, { name: 'b' }];
    expect(selectNodes(cfg, flags).map((n) => n.readonly)).toEqual([true, false]);
    expect(selectNodes(cfg, { ...flags, readonly: true }).map((n) => n.readonly)).toEqual([true, true]);
  });
});

describe('production nodes', () => {
  it('are the ones labelled env: prod or production (any case), nothing else', () => {
    const n = (env?: string): { name: string; labels: Record<string, string> } => ({ name: 'x', labels: env === undefined ? {} : { env } });
    expect([n('prod'), n('production'), n('PROD')].map(isProd)).toEqual([true, true, true]);
    expect([n('preprod'), n('staging'), n(), n('prod ')].map(isProd)).toEqual([false, false, false, false]);
    expect(prodNodeNames([{ name: 'a', labels: { env: 'prod' } }, { name: 'b', labels: { tier: 'prod' } }])).toEqual(['a']);
  });
});
