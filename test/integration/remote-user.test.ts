// An SSH node logged into as a non-root user (the lab's `berthop`, in the
// docker group: test/lab/user.ts) against docker1: ps and stats work; what
// the user cannot read (another user's /proc/<pid>/ns/net, so no network
// attribution) is null, never 0, and `berth nodes` says which data is
// unknown and why.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { berth, envelopeOf, sandboxEnv, writeConfig } from './support/berth.ts';

const lab = inject('lab');
const ssh = lab.ssh;
const docker1 = lab.engines.docker1.socket;
const env = sandboxEnv(lab, { BERTH_SSH_CONFIG: ssh.configFile });
const config = writeConfig(env, [
  'nodes:',
  `  - {name: op, ssh: ${ssh.nonRoot.alias}, socket: ${docker1}}`,
  `  - {name: root, ssh: ${ssh.alias}, socket: ${docker1}}`,
  '',
].join('\n'));

interface StatsItem {
  name: string;
  node: string;
  memory: { workingSetBytes: number | null; limitBytes: number | null };
  cpu: { percent: number | null };
  network: { rxBytes: number | null; txBytes: number | null; rxBytesPerSec: number | null };
  pids: number | null;
}

describe(`an SSH node as the non-root user ${ssh.nonRoot.name}`, () => {
  it('the user exists only inside the lab (useradd wrote the namespace\'s /etc overlay, not the host\'s)', () => {
    expect(readFileSync('/etc/passwd', 'utf8').split('\n').some((l) => l.startsWith(`${ssh.nonRoot.name}:`))).toBe(false);
    expect(ssh.nonRoot.uid).toBeGreaterThan(0);
  });

  it('ps lists the same containers as root sees', async () => {
    const run = await berth(['--config', config, 'ps', '-a', '-o', 'json'], env);
    expect(run.code, run.stderr).toBe(0);
    const doc = envelopeOf<{ name: string; node: string }>(run);
    const names = (node: string): string[] => doc.items.filter((i) => i.node === node).map((i) => i.name).sort();
    expect(names('op')).toContain('lab-web');
    expect(names('op')).toEqual(names('root'));
  });

  it('stats --no-stream: cpu, memory and pids as root reads them; network null (unknown), never 0', async () => {
    const run = await berth(['--config', config, 'stats', '--no-stream', '-o', 'json'], env);
    expect(run.code, run.stderr).toBe(0);
    const items = envelopeOf<StatsItem>(run).items;
    const op = items.filter((i) => i.node === 'op');
    const root = items.filter((i) => i.node === 'root');
    expect(op.length).toBeGreaterThan(0);
    for (const i of op) {
      expect(i.network, i.name).toEqual({ rxBytes: null, txBytes: null, rxBytesPerSec: null, txBytesPerSec: null });
      expect(i.cpu.percent, i.name).not.toBeNull();
      expect(i.memory.workingSetBytes, i.name).not.toBeNull();
    }
    // Root can attribute the namespace, so the same container has numbers there.
    const rootWeb = root.find((i) => i.name === 'lab-web')!;
    expect(rootWeb.network.rxBytes).not.toBeNull();
    const opMem = op.find((i) => i.name === 'lab-memlimit')!;
    const rootMem = root.find((i) => i.name === 'lab-memlimit')!;
    expect(opMem.memory.limitBytes).toBe(64 * 1024 * 1024);
    expect(Math.abs(opMem.memory.workingSetBytes! - rootMem.memory.workingSetBytes!)).toBeLessThan(1024 * 1024);
    expect(opMem.pids).toBe(rootMem.pids);
    // In the table: a dash, not 0B.
    const table = await berth(['--config', config, 'stats', '--no-stream', '--filter', 'name=lab-memlimit'], env);
    const [header, ...rows] = table.stdout.trim().split('\n').map((l) => l.split('\t'));
    const net = header!.indexOf('NET I/O');
    expect(rows.find((r) => r[0] === 'op')![net]).toBe('-');
    expect(rows.find((r) => r[0] === 'root')![net]).toMatch(/^\d/);
  });

  it('berth nodes says which data is unknown for that user and why, in JSON and in the table', async () => {
    const json = await berth(['--config', config, 'nodes', '-o', 'json'], env);
    expect(json.code, json.stderr).toBe(0);
    type N = { name: string; address: string; state: string; unknown: { data: string; reason: string }[] };
    const [op, root] = envelopeOf<N>(json).items as [N, N];
    expect(op).toMatchObject({ name: 'op', state: 'up', address: `${ssh.nonRoot.name}@127.0.0.1:${ssh.port}` });
    expect(op.unknown).toEqual([{ data: 'network', reason: `cannot read /proc/<pid>/ns/net as user ${ssh.nonRoot.name} (permission denied)` }]);
    expect(root.unknown).toEqual([]);
    const table = await berth(['--config', config, 'nodes'], env);
    const [header, opRow, rootRow] = table.stdout.trim().split('\n');
    expect(header).toContain('UNKNOWN');
    expect(opRow).toContain(`network: cannot read /proc/<pid>/ns/net as user ${ssh.nonRoot.name} (permission denied)`);
    expect(rootRow).toContain('\tnone\t');
  });
});
