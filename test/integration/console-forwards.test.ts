// The console's port forwards (src/tui/actions/port-forwards.ts) against the
// lab: real bytes through 127.0.0.1 to a host-network container on docker1,
// reached through an SSH node's connection; a stopped container and a bad
// port are error notices, not exceptions; stopping closes the port.
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openNode, type OpenedNode } from '../../src/fleet/open-node.ts';
import { PortForwards } from '../../src/tui/actions/port-forwards.ts';
import { echo, removeContainer, startEchoContainer } from './support/echo-container.ts';

const lab = inject('lab');
const ssh = lab.ssh;
const docker1 = lab.engines.docker1.socket;
const NAME = 'lab-console-fwd';
const home = mkdtempSync(join(tmpdir(), 'berth-fwd-it-'));
let node: OpenedNode;
let id = '';
let port = 0;

beforeAll(async () => {
  ({ id, port } = await startEchoContainer(lab, NAME));
  node = await openNode(
    { name: 'remote1', ssh: ssh.alias, socket: docker1, readonly: false, sudo: false, labels: {} },
    { env: { HOME: home, BERTH_SSH_CONFIG: ssh.configFile }, homeDir: home, uid: 0, timeoutMs: 10_000, warn: () => undefined },
  );
});

afterAll(async () => {
  await node?.runtime.close();
  if (id) await removeContainer(docker1, id);
});

/** True when something accepts connections on 127.0.0.1:port. */
function listening(p: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect(p, '127.0.0.1');
    s.once('connect', () => (s.destroy(), res(true)));
    s.once('error', () => res(false));
  });
}

describe('console port forwards over an SSH node', () => {
  it('carries real bytes to the container, and closing the forwards closes the port', async () => {
    const fwds = new PortForwards({ opened: async () => node, timeoutMs: 10_000 });
    const target = { node: 'remote1', id, name: NAME, state: 'running' };
    const notice = await fwds.start(target, `:${port}`);
    expect(notice.tone, notice.text).toBe('ok');
    const local = Number(/forwarding 127\.0\.0\.1:(\d+) -> remote1\/lab-console-fwd:(\d+)/.exec(notice.text)?.[1]);
    expect(notice.text).toContain(`forwarding 127.0.0.1:${local} -> remote1/${NAME}:${port}`);
    const payload = `through-ssh-${'y'.repeat(50_000)}`;
    expect(await echo(local, payload)).toBe(payload);
    await fwds.closeAll();
    expect(await listening(local)).toBe(false);
  });

  it('lists each forward with its connections and failures; stop closes that one port only', async () => {
    const fwds = new PortForwards({ opened: async () => node, timeoutMs: 10_000 });
    let changes = 0;
    fwds.subscribe(() => changes++);
    const target = { node: 'remote1', id, name: NAME, state: 'running' };
    expect((await fwds.start(target, `:${port}`)).tone).toBe('ok');
    expect((await fwds.start(target, `:${port}`)).tone).toBe('ok');
    const [first, second] = fwds.list();
    expect(first).toMatchObject({ node: 'remote1', container: NAME, containerPort: port, connections: 0, failed: 0, lastError: null });
    expect(second!.localPort).not.toBe(first!.localPort);
    expect(await echo(first!.localPort, 'counted')).toBe('counted');
    expect(fwds.list()[0]!.connections).toBe(1);
    expect(changes).toBeGreaterThanOrEqual(3);

    expect(await fwds.stop(first!.id)).toEqual({ tone: 'ok', text: `stopped forwarding 127.0.0.1:${first!.localPort} -> remote1/${NAME}:${port}` });
    expect(fwds.list().map((f) => f.id)).toEqual([second!.id]);
    expect(await listening(first!.localPort)).toBe(false);
    expect(await echo(second!.localPort, 'still forwarded')).toBe('still forwarded');
    expect((await fwds.stop(first!.id)).tone).toBe('warning');

    // Nothing listens on port 1 in the (host-network) container: the connection is dropped and counted as failed.
    expect((await fwds.start(target, ':1')).tone).toBe('ok');
    const dead = fwds.list().at(-1)!;
    await echo(dead.localPort, 'nobody').catch(() => undefined);
    for (let i = 0; i < 100 && fwds.list().at(-1)!.failed === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fwds.list().at(-1)).toMatchObject({ connections: 1, failed: 1, lastError: expect.stringMatching(/\S/) });
    await fwds.closeAll();
    expect(fwds.list()).toEqual([]);
  });

  it('a stopped container, a container without an address and a bad port are error notices', async () => {
    const fwds = new PortForwards({ opened: async () => node, timeoutMs: 10_000 });
    const stopped = await fwds.start({ node: 'remote1', id, name: NAME, state: 'exited' }, '80');
    expect(stopped).toEqual({ tone: 'error', text: `port forward to ${NAME} on node remote1: container ${NAME} on node remote1 is not running (exited), so nothing listens in it` });
    const web = lab.fixtures.docker1['lab-web']!;
    const none = await fwds.start({ node: 'remote1', id: web, name: 'lab-web', state: 'running' }, '80');
    expect(none.tone).toBe('error');
    expect(none.text).toContain('has no network address; its network mode is none');
    const bad = await fwds.start({ node: 'remote1', id, name: NAME, state: 'running' }, '80:99999');
    expect(bad.tone).toBe('error');
    expect(bad.text).toContain('invalid container port "99999"');
  });
});
