// Bad input and faults as an operator meets them: no runtime, permission
// denied, bad config, ambiguous names across nodes.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { berth, envelopeOf, sandboxEnv, writeConfig } from './support/berth.ts';

const lab = inject('lab');

describe('faults and bad input', () => {
  it('no runtime: exit 5 naming the endpoint tried, no stack trace', async () => {
    const env = sandboxEnv(lab, { DOCKER_HOST: 'unix:///nonexistent/berth-test.sock' });
    const run = await berth(['ps'], env);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('/nonexistent/berth-test.sock');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a configured node whose socket is gone is exit 5 in scripts, and -o json lists it in errors', async () => {
    const env = sandboxEnv(lab);
    const cfg = writeConfig(env, `nodes:\n  - name: gone\n    socket: /nonexistent/gone.sock\n`);
    const run = await berth(['ps', '-o', 'json', '--config', cfg], env);
    expect(run.code).toBe(5);
    expect(envelopeOf(run).errors).toEqual([expect.objectContaining({ node: 'gone', kind: 'unreachable' })]);
  });

  it('one node down and one up: prints what answered and exits 1', async () => {
    const env = sandboxEnv(lab);
    const cfg = writeConfig(env, `nodes:\n  - name: d1\n    socket: ${lab.engines.docker1.socket}\n  - name: gone\n    socket: /nonexistent/gone.sock\n`);
    const run = await berth(['ps', '-a', '-o', 'json', '--config', cfg], env);
    expect(run.code).toBe(1);
    const doc = envelopeOf<{ node: string; name: string }>(run);
    expect(doc.items.some((i) => i.node === 'd1' && i.name === 'lab-web')).toBe(true);
    expect(doc.errors.map((e) => e.node)).toEqual(['gone']);
    expect(run.stderr).toContain('gone');
  });

  it('a name on two nodes is ambiguous (exit 2, listing both); node/name picks one', async () => {
    const env = sandboxEnv(lab);
    const cfg = writeConfig(env, `nodes:\n  - name: d1\n    socket: ${lab.engines.docker1.socket}\n  - name: d2\n    socket: ${lab.engines.docker2.socket}\n`);
    const amb = await berth(['inspect', 'lab-web', '--config', cfg], env);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toContain('d1/lab-web');
    expect(amb.stderr).toContain('d2/lab-web');
    const one = envelopeOf<{ node: string }>(await berth(['inspect', 'd2/lab-web', '-o', 'json', '--config', cfg], env));
    expect(one.items[0]!.node).toBe('d2');
    const table = await berth(['ps', '--config', cfg, '-o', 'table'], env);
    expect(table.stdout.split('\n')[0]).toMatch(/^NODE\s+CONTAINER ID/);
  });

  it('permission denied on the socket: exit 4 saying how to fix it', async () => {
    // A socket owned by another user, mode 0600; berth runs as root without
    // the capabilities that bypass file permissions (as a non-root user would
    // meet root's docker.sock), so it works wherever the checkout lives.
    const dir = mkdtempSync(join(tmpdir(), 'berth-perm-'));
    chmodSync(dir, 0o755);
    const path = join(dir, 'engine.sock');
    const server = createServer((c) => c.destroy());
    await new Promise<void>((r) => server.listen(path, r));
    try {
      chmodSync(path, 0o600);
      chownSync(path, 65534, 65534);
      const env = sandboxEnv(lab, { DOCKER_HOST: `unix://${path}` });
      const run = await berth(['ps'], env, { prefix: ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--'] });
      expect(run.code, run.stderr).toBe(4);
      expect(run.stderr).toMatch(/permission denied/i);
      expect(run.stderr).toMatch(/hint: .*docker group/);
      expect(run.stderr).toContain(`ls -l ${path}`);
    } finally {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad config: unknown key named with FILE:LINE:COL, exit 2', async () => {
    const env = sandboxEnv(lab);
    const cfg = writeConfig(env, `refresh: 1s\nnodes:\n  - name: web1\n    sokcet: /x.sock\n`);
    const run = await berth(['ps', '--config', cfg], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${cfg}:4:5`);
    expect(run.stderr).toContain('sokcet');
    expect(run.stderr).toContain('socket');
  });

  it('the default config location is read from XDG_CONFIG_HOME', async () => {
    const env = sandboxEnv(lab);
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'berth'), { recursive: true });
    writeFileSync(join(env.XDG_CONFIG_HOME!, 'berth/config.yaml'), `nodes:\n  - name: labd2\n    socket: ${lab.engines.docker2.socket}\n`);
    const doc = envelopeOf<{ node: string; name: string }>(await berth(['ps', '-o', 'json'], env));
    expect(doc.items.map((i) => `${i.node}/${i.name}`)).toContain('labd2/lab-other');
  });

  it('a bad flag is a usage error with a suggestion, exit 2', async () => {
    const run = await berth(['ps', '--al'], sandboxEnv(lab));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--all');
  });

  it('berth with no verb on a pipe prints a hint and exits 2', async () => {
    const run = await berth([], sandboxEnv(lab));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('terminal');
  });
});

describe('DOCKER_HOST over TCP with TLS', () => {
  const tcp = lab.engines.docker2.tcp!;

  it('reaches the engine with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const env = sandboxEnv(lab, { DOCKER_HOST: tcp.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tcp.certPath });
    const run = await berth(['ps', '-a', '-o', 'json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(envelopeOf<{ name: string }>(run).items.map((i) => i.name)).toContain('lab-other');
  });

  it('without TLS settings berth names the endpoint and the variables to set (exit 2), no stack trace', async () => {
    const env = sandboxEnv(lab, { DOCKER_HOST: tcp.host });
    const run = await berth(['ps'], env, { timeoutMs: 20_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(tcp.host);
    expect(run.stderr).toContain('DOCKER_TLS_VERIFY');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
