import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/validate.ts';
import { BerthError, exitCodeFor } from '../../../src/domain/errors.ts';
import type { ConfiguredNode } from '../../../src/fleet/node-spec.ts';
import type { NodeConfig } from '../../../src/config/schema.ts';

/** The message an operator sees for a bad config, and that it exits 2. */
function configError(text: string, file = 'config.yaml'): { message: string; hint: string | undefined } {
  try {
    parseConfig(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(BerthError);
    const e = err as BerthError;
    expect(e.kind).toBe('config');
    expect(exitCodeFor(e.kind)).toBe(2);
    return { message: e.message, hint: e.hint };
  }
  throw new Error('expected a config error');
}

const FULL = `refresh: 2s                 # console refresh
theme: light
readonly: false
nodes:
  - name: web1
    ssh: web1
    socket: /var/run/docker.sock
    readonly: true
    sudo: false
    labels: {env: prod, tier: 1}
  - name: local
keys: {quit: Q, logs: [l, L]}
shell: /bin/bash
`;

describe('a valid config', () => {
  it('reads every key of CLI.md\'s schema', () => {
    const c = parseConfig(FULL, '/home/op/.config/berth/config.yaml');
    expect(c.path).toBe('/home/op/.config/berth/config.yaml');
    expect(c.refreshMs).toBe(2000);
    expect(c.theme).toBe('light');
    expect(c.readonly).toBe(false);
    expect(c.shell).toBe('/bin/bash');
    expect(c.keys).toEqual({ quit: 'Q', logs: ['l', 'L'] });
    expect(c.nodes).toEqual([
      { name: 'web1', ssh: 'web1', socket: '/var/run/docker.sock', readonly: true, sudo: false, labels: { env: 'prod', tier: '1' } },
      { name: 'local', ssh: undefined, socket: undefined, readonly: false, sudo: false, labels: {} },
    ]);
  });

  it('fills defaults for what is left out', () => {
    const c = parseConfig('theme: dark\n', 'c.yaml');
    expect(c).toMatchObject({ refreshMs: 1000, theme: 'dark', readonly: false, nodes: [], keys: {}, shell: '/bin/sh' });
  });

  it('treats an empty file or one with only comments as all defaults', () => {
    expect(parseConfig('', 'c.yaml').nodes).toEqual([]);
    expect(parseConfig('# nothing yet\n', 'c.yaml').refreshMs).toBe(1000);
    expect(parseConfig('nodes:\n', 'c.yaml').nodes).toEqual([]);
  });

  it('reads refresh as a plain number of seconds too', () => {
    expect(parseConfig('refresh: 5\n', 'c.yaml').refreshMs).toBe(5000);
    expect(parseConfig('refresh: 500ms\n', 'c.yaml').refreshMs).toBe(500);
  });

  it('follows YAML anchors and aliases', () => {
    const c = parseConfig('nodes:\n  - name: a\n    labels: &l {env: prod}\n  - name: b\n    labels: *l\n', 'c.yaml');
    expect(c.nodes[1]!.labels).toEqual({ env: 'prod' });
  });

  it('locates a key for later validators, as FILE:LINE:COL', () => {
    const c = parseConfig(FULL, 'config.yaml');
    expect(c.locate(['keys', 'quit'])).toBe('config.yaml:12:14');
    expect(c.locate(['nodes', 0, 'name'])).toBe('config.yaml:5:11');
    expect(c.locate(['nope'])).toBe('config.yaml');
  });

  it('produces nodes the fleet accepts as configured nodes', () => {
    const nodes: ConfiguredNode[] = parseConfig(FULL, 'c.yaml').nodes satisfies NodeConfig[];
    expect(nodes.map((n) => n.name)).toEqual(['web1', 'local']);
  });
});

describe('errors read FILE:LINE:COL: what is wrong, naming the key', () => {
  it('an unknown key in a node, with a suggestion (CLI.md\'s own example)', () => {
    const e = configError('refresh: 1s\nnodes:\n  - name: web1\n    sokcet: /var/run/docker.sock\n');
    expect(e.message).toBe('config.yaml:4:5: unknown key "sokcet" in nodes[0] (did you mean "socket"?)');
    expect(e.hint).toBe('valid keys in nodes[]: name, ssh, socket, readonly, sudo, labels');
  });

  it('an unknown top-level key', () => {
    expect(configError('refresh: 1s\nnode:\n  - name: a\n').message).toBe('config.yaml:2:1: unknown key "node" (did you mean "nodes"?)');
    expect(configError('colour: red\n').message).toBe('config.yaml:1:1: unknown key "colour"');
  });

  it('a wrong type names the key path and what was found', () => {
    expect(configError('readonly: yes\n').message).toBe('config.yaml:1:11: readonly: expected true or false, got "yes"');
    expect(configError('nodes:\n  - name: a\n    sudo: 1\n').message).toBe('config.yaml:3:11: nodes[0].sudo: expected true or false, got 1');
    expect(configError('nodes: {name: a}\n').message).toBe('config.yaml:1:8: nodes: expected a list of nodes, got a mapping');
    expect(configError('theme: [a, b]\n').message).toBe('config.yaml:1:8: theme: expected a string, got a list');
    expect(configError('nodes:\n  - name: a\n    labels: {env: {deep: 1}}\n').message)
      .toBe('config.yaml:3:19: nodes[0].labels.env: expected a text value, got a mapping');
    expect(configError('keys: [q]\n').message).toBe('config.yaml:1:7: keys: expected a mapping of action: key, got a list');
  });

  it('a bad refresh', () => {
    const e = configError('refresh: fast\n');
    expect(e.message).toBe('config.yaml:1:10: refresh: expected a duration, got "fast"');
    expect(e.hint).toMatch(/500ms/);
    expect(configError('refresh: 10ms\n').message).toBe('config.yaml:1:10: refresh: 10ms is too fast; use 100ms or more');
  });

  it('duplicate node names, pointing at both', () => {
    const e = configError('nodes:\n  - name: web1\n  - name: db\n  - name: web1\n');
    expect(e.message).toBe('config.yaml:4:11: nodes[2].name: duplicate node name "web1" (first at config.yaml:2:11)');
  });

  it('a node without a name, or with a name that cannot be addressed', () => {
    expect(configError('nodes:\n  - ssh: web1\n').message).toBe('config.yaml:2:5: nodes[0]: missing "name"');
    expect(configError('nodes:\n  - name: web/1\n').message).toBe('config.yaml:2:11: nodes[0].name: "web/1" is not a valid node name');
    expect(configError('nodes:\n  - name: ""\n').message).toBe('config.yaml:2:11: nodes[0].name: must not be empty');
    expect(configError('nodes:\n  - web1\n').message).toBe('config.yaml:2:5: nodes[0]: expected a mapping with at least "name", got "web1"');
  });

  it('a relative socket path', () => {
    expect(configError('nodes:\n  - name: a\n    socket: docker.sock\n').message)
      .toBe('config.yaml:3:13: nodes[0].socket: expected an absolute path, got "docker.sock"');
  });

  it('bad YAML', () => {
    expect(configError('nodes:\n  - name: a\n   ssh: b\n').message).toMatch(/^config\.yaml:3:1: invalid YAML: /);
    expect(configError('theme: "dark\n').message).toBe('config.yaml:2:1: invalid YAML: missing closing "quote');
    expect(configError('a: b: c\n').message).toBe('config.yaml:1:4: invalid YAML: nested mappings are not allowed in compact mappings');
  });

  it('a duplicate key', () => {
    expect(configError('theme: a\ntheme: b\n').message).toBe('config.yaml:2:1: duplicate key "theme"');
  });

  it('several documents in one file', () => {
    expect(configError('theme: a\n---\ntheme: b\n').message).toBe('config.yaml:2:1: invalid YAML: source contains multiple documents');
  });

  it('a file that is not a mapping', () => {
    expect(configError('- a\n- b\n').message).toBe('config.yaml:1:1: expected a mapping of settings (refresh, theme, readonly, nodes, keys, shell), got a list');
  });

  it('an alias to nothing', () => {
    expect(configError('theme: *nope\n').message).toBe('config.yaml:1:8: alias *nope names no anchor');
  });

  it('uses the file name exactly as given', () => {
    expect(configError('x: 1\n', '/etc/berth/prod.yaml').message).toBe('/etc/berth/prod.yaml:1:1: unknown key "x"');
  });
});
