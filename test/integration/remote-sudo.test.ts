// "Who you are on the host": a login that may reach the runtime only
// through `sudo -n` (a node with `sudo: true`). The lab's `berthsudo` is not
// in the docker group; a sudoers rule in the lab's /etc lets it run docker
// as root without a password. Through the real CLI and the lab's sshd.
import { describe, expect, inject, it } from 'vitest';
import { berth, envelopeOf, sandboxEnv, writeConfig } from './support/berth.ts';

const lab = inject('lab');
const ssh = lab.ssh;
const docker1 = lab.engines.docker1.socket;

function setup(alias: string, sudo: boolean) {
  const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
  const cfg = writeConfig(env, `nodes:\n  - {name: viasudo, ssh: ${alias}, socket: ${docker1}, sudo: ${sudo}}\n`);
  return { env, cfg };
}

describe('a node reached through sudo -n', () => {
  it('sudo: true lists the engine\'s containers as a user outside the docker group', async () => {
    const { env, cfg } = setup(ssh.sudoUser.alias, true);
    const run = await berth(['--config', cfg, 'ps', '-a', '-o', 'json'], env);
    expect(run.code, run.stderr).toBe(0);
    const names = envelopeOf<{ name: string; node: string }>(run).items.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(Object.keys(lab.fixtures.docker1)));
  });

  it('without sudo the same user is refused by the socket: exit 4, saying so', async () => {
    const { env, cfg } = setup(ssh.sudoUser.alias, false);
    const run = await berth(['--config', cfg, 'ps', '-a'], env);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/permission denied/i);
  });

  it('sudo: true for a user sudoers does not allow: exit 4, naming sudo -n and the NOPASSWD fix', async () => {
    const { env, cfg } = setup(ssh.nonRoot.alias, true);
    const run = await berth(['--config', cfg, 'ps', '-a'], env);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('sudo -n refused to run the runtime client');
    expect(run.stderr).toContain('NOPASSWD');
  });
});
