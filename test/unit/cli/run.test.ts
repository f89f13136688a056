import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/framework/run.ts';
import { fakeIO, type FakeOptions } from '../../../src/cli/framework/testing.ts';
import { calls, registry } from './fixtures/registry.ts';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-run-'));
  calls.length = 0;
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

async function berth(argv: string[], opts: FakeOptions = {}, extra: Parameters<typeof runCli>[3] = {}) {
  const io = fakeIO({ home, env: { XDG_CONFIG_HOME: join(home, 'cfg') }, ...opts });
  const code = await runCli(argv, registry, io.deps, extra);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('runCli', () => {
  it('runs the verb with its parsed invocation and returns its exit code', async () => {
    const r = await berth(['--node', 'web1', 'stop', '-t', '3', 'web', 'api']);
    expect(r.code).toBe(0);
    expect(calls).toHaveLength(1);
    const { inv, ctx } = calls[0]!;
    expect(inv.verb.name).toBe('stop');
    expect(inv.flags).toMatchObject({ time: 3, yes: false });
    expect(inv.args.REF).toEqual(['web', 'api']);
    expect(inv.globals.node).toEqual(['web1']);
    expect(ctx.timeoutMs).toBe(10_000);
    expect(ctx.config.path).toBeNull();
    expect(ctx.output.mode).toBe('tsv');
  });

  it('--version prints the version', async () => {
    expect(await berth(['--version'])).toEqual({ code: 0, stdout: 'berth 0.0.0-test\n', stderr: '' });
  });

  it('--help, -h and `help` print help on stdout and exit 0, running nothing', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await berth(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^berth: operate containers/);
    }
    expect((await berth(['stop', '--help'])).stdout).toMatch(/^Stop running containers\n/);
    expect((await berth(['help', 'image', 'rm'])).stdout).toMatch(/^Remove images\n/);
    expect((await berth(['image'])).stdout).toMatch(/^Usage:\n {2}berth image <command>/);
    expect(calls).toHaveLength(0);
  });

  it('a usage error prints berth: … and See …, and exits 2', async () => {
    expect(await berth(['logs', '--tial', '5', 'web'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'berth: unknown flag --tial for "logs" (did you mean "--tail"?)\nSee \'berth logs --help\'.\n',
    });
    expect((await berth(['help', 'sotp'])).stderr).toBe('berth: unknown command "sotp" (did you mean "stop"?)\nSee \'berth --help\'.\n');
  });

  it('no verb on a pipe: a hint and exit 2', async () => {
    const r = await berth([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("berth: no command given, and the console needs a terminal\nSee 'berth --help' for the commands scripts can use.\n");
  });

  it('no verb on a terminal opens the console', async () => {
    let opened = false;
    const r = await berth([], { stdinTTY: true, stdoutTTY: true }, { openConsole: () => { opened = true; return Promise.resolve(0); } });
    expect(opened).toBe(true);
    expect(r.code).toBe(0);
  });

  it('a bad config stops the verb with FILE:LINE:COL and exit 2', async () => {
    const file = join(home, 'bad.yaml');
    writeFileSync(file, 'nodes:\n  - name: a\n    sokcet: /x\n');
    const r = await berth(['--config', file, 'ps']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`berth: ${file}:3:5: unknown key "sokcet" in nodes[0] (did you mean "socket"?)\nhint: valid keys in nodes[]: name, ssh, socket, readonly, sudo, labels\n`);
    expect(calls).toHaveLength(0);
  });

  it('a missing --config file is exit 2', async () => {
    const r = await berth(['ps', '--config', join(home, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such config file \(named by --config\)/);
  });

  it('completion needs no config, so it works even when the config is broken', async () => {
    const file = join(home, 'bad.yaml');
    writeFileSync(file, 'bad: [\n');
    const r = await berth(['completion', 'bash'], { env: { BERTH_CONFIG: file } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('complete -F _berth berth');
  });

  it('completion for an unknown shell is a usage error', async () => {
    const r = await berth(['completion', 'bsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('berth: no completion for shell "bsh" (did you mean "bash"?)\nSee \'berth completion --help\'.\n');
  });

  it('a verb that crashes is reported as a bug, exit 1, with the stack only under -v', async () => {
    const quiet = await berth(['explode']);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('berth: kaboom\nhint: this looks like a bug in berth; run again with -v for details\n');
    expect((await berth(['-v', 'explode'])).stderr).toMatch(/berth: kaboom\n\s+at /);
  });

  it('sets up colour, output mode and the terminal from the streams and flags', async () => {
    await berth(['ps', '-o', 'wide'], { stdoutTTY: true, env: { NO_COLOR: '1' } });
    expect(calls[0]!.ctx.output).toEqual({ mode: 'wide', headers: true, color: false });
    expect(calls[0]!.ctx.width).toBe(120);
  });
});
