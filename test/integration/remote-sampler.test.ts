// The streaming remote sampler (src/metrics/stream/) against the lab's real
// sshd and docker1: `berth stats` over SSH follows containers that start
// and stop, runs ONE loop on the host while it does, leaves nothing behind
// when berth ends or the connection drops, and picks up again once sshd is
// back. sshd runs on this machine, so the host's processes are in our /proc.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiJson, apiOk } from '../lab/engine-api.ts';
import { FIXTURE_LABEL } from '../lab/fixtures.ts';
import { LAB_IMAGE } from '../lab/images.ts';
import { startSshdProcess } from '../lab/sshd.ts';
import { sandboxEnv, writeConfig } from './support/berth.ts';
import { jsonLines, killLiveRuns, live, until, type LiveRun } from './support/live.ts';
import { dropSshd, samplerLoops } from './support/remote-host.ts';

const lab = inject('lab');
const ssh = lab.ssh;
const docker1 = lab.engines.docker1.socket;
const NAME = 'lab-stream-newcomer';
const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
const config = writeConfig(env, `nodes:\n  - {name: r1, ssh: ${ssh.alias}, socket: ${docker1}}\n`);

interface Line {
  name: string;
  node: string;
  at: string;
  cpu: { percent: number | null };
  memory: { workingSetBytes: number | null };
}

const lines = (run: LiveRun): Line[] => jsonLines<Line>(run.stdout);
const count = (run: LiveRun, name: string): number => lines(run).filter((l) => l.name === name).length;

async function removeNewcomer(): Promise<void> {
  await apiOk(docker1, 'DELETE', `/containers/${NAME}?force=1`, {}, [404]);
}

beforeAll(async () => {
  await removeNewcomer();
  await until('no sampler loop from earlier tests', () => samplerLoops(lab).length === 0, 10_000);
});

afterAll(async () => {
  killLiveRuns();
  await removeNewcomer();
});

describe('berth stats over SSH, streamed from one loop on the host', () => {
  it('follows containers starting and stopping, with one loop on the host, gone when berth ends', async () => {
    const run = live(['--config', config, 'stats', '-o', 'jsonl'], env);
    await run.waitFor(() => lines(run).some((l) => l.name === 'lab-web' && l.cpu.percent !== null), 15_000, 'a lab-web line with a CPU rate');
    expect(samplerLoops(lab)).toHaveLength(1);

    const body = { Image: LAB_IMAGE, Cmd: ['sleep', '600'], Labels: { [FIXTURE_LABEL]: NAME }, HostConfig: { CgroupParent: lab.engines.docker1.cgroupParent } };
    const { Id } = await apiJson<{ Id: string }>(docker1, 'POST', `/containers/create?name=${NAME}`, { body });
    await apiOk(docker1, 'POST', `/containers/${Id}/start`);
    await run.waitFor(() => lines(run).some((l) => l.name === NAME && l.cpu.percent !== null && l.memory.workingSetBytes !== null), 15_000, `a ${NAME} line with rates`);
    // Restarted with the new file list, not added to: still one loop.
    await until('one loop on the host', () => samplerLoops(lab).length === 1, 5000);

    await apiOk(docker1, 'POST', `/containers/${Id}/stop?t=0`);
    const atStop = count(run, NAME);
    const webAtStop = count(run, 'lab-web');
    await run.waitFor(() => count(run, 'lab-web') >= webAtStop + 3, 15_000, 'three more lab-web lines after the stop');
    // At most the tick in flight when it stopped; then it is gone from the stream, and the others go on.
    expect(count(run, NAME)).toBeLessThanOrEqual(atStop + 1);
    await until('one loop on the host', () => samplerLoops(lab).length === 1, 5000);

    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    await until('no sampler loop left on the host after berth ended', () => samplerLoops(lab).length === 0, 5000);
  });

  it('berth killed outright (no goodbye on the channel): the host loop still ends by itself', async () => {
    const run = live(['--config', config, 'stats', '-o', 'jsonl'], env);
    await run.waitFor(() => count(run, 'lab-web') >= 1, 15_000, 'a lab-web line');
    expect(samplerLoops(lab)).toHaveLength(1);
    run.child.kill('SIGKILL');
    await run.exited;
    await until('no sampler loop left after berth was killed', () => samplerLoops(lab).length === 0, 10_000);
  });

  it('a dropped connection: the host loop ends by itself, the node is said down once, and stats resume when sshd is back', async () => {
    const run = live(['--config', config, 'stats', '-o', 'jsonl'], env);
    await run.waitFor(() => count(run, 'lab-web') >= 2, 15_000, 'two lab-web lines');
    const [loop] = samplerLoops(lab);
    expect(loop).toBeDefined();
    await dropSshd(ssh.main); // the sshd processes only: the loop is left with closed pipes
    try {
      await until('the orphaned loop to end by itself', () => !samplerLoops(lab).includes(loop!), 5000);
      await run.waitFor((_, err) => /node r1 is down: /.test(err), 30_000, 'a notice that r1 is down');
    } finally {
      ssh.main.pid = await startSshdProcess(ssh.main, lab.mountNamespace.holderPid);
    }
    const before = count(run, 'lab-web');
    await run.waitFor((out, err) => /node r1 is back after \d+ s/.test(err) && count(run, 'lab-web') >= before + 2, 30_000, 'lab-web lines after sshd is back');
    expect(run.stderr.match(/node r1 is down/g)?.length ?? 0).toBeLessThanOrEqual(3);
    expect(samplerLoops(lab)).toHaveLength(1);
    run.child.kill('SIGINT');
    expect((await run.exited).code).toBe(130);
    await until('no sampler loop left', () => samplerLoops(lab).length === 0, 5000);
  });
});
