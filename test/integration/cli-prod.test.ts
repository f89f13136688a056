// Production nodes (labels {env: prod} in the config) through the real CLI
// against the lab's docker1: `berth nodes` shows the labels (and marks the
// node), and a change on it names it `[prod]` before anything happens.
import { describe, expect, inject, it } from 'vitest';
import { berth, envelopeOf, sandboxEnv, writeConfig } from './support/berth.ts';

const lab = inject('lab');
const docker1 = lab.engines.docker1.socket;

function setup() {
  const env = sandboxEnv(lab);
  const cfg = writeConfig(env, `nodes:\n  - {name: shop1, socket: ${docker1}, labels: {env: prod, team: web}}\n`);
  return { env, cfg };
}

describe('a node labelled env: prod', () => {
  it('berth nodes lists its labels', async () => {
    const { env, cfg } = setup();
    const json = await berth(['--config', cfg, 'nodes', '-o', 'json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect(envelopeOf<{ name: string; labels: Record<string, string> }>(json).items.map((n) => [n.name, n.labels])).toEqual([['shop1', { env: 'prod', team: 'web' }]]);
    const table = await berth(['--config', cfg, 'nodes'], env);
    const [header, row] = table.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(row![header!.indexOf('LABELS')]).toBe('env=prod,team=web');
  });

  it('a dry run names it [prod], and changes nothing', async () => {
    const { env, cfg } = setup();
    const run = await berth(['--config', cfg, 'stop', '--dry-run', 'lab-web'], env);
    expect(run).toEqual({ code: 0, stdout: 'would stop shop1/lab-web [prod]\n', stderr: '' });
    const ps = await berth(['--config', cfg, 'ps', '-o', 'json'], env);
    expect(envelopeOf<{ name: string; state: string }>(ps).items.find((c) => c.name === 'lab-web')?.state).toBe('running');
  });
});
