/**
 * The framework as the verbs will use it: `ps` and `stop` written on top of
 * it (test/unit/cli/example/), run through `runCli` as `berth …` would be.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/framework/run.ts';
import { fakeIO, type FakeOptions } from '../../../src/cli/framework/testing.ts';
import { fakeFleet } from './example/fleet.ts';
import { exampleRegistry } from './example/specs.ts';

async function berth(argv: string[], opts: FakeOptions = {}) {
  const io = fakeIO({ now: new Date('2026-01-02T03:05:00Z'), ...opts });
  const code = await runCli(argv, exampleRegistry, io.deps);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, audit: io.audit.entries, questions: io.questions };
}

beforeEach(() => {
  fakeFleet.stopped.length = 0;
});

describe('an example ps', () => {
  it('prints a table on a terminal, and exits 1 because db1 failed', async () => {
    const r = await berth(['ps'], { stdoutTTY: true, env: { NO_COLOR: '1' } });
    expect(r.stdout).toBe('NODE    NAME   STATE     CREATED\nlocal   web    running   5m ago\nweb1    api    running   5m ago\n');
    expect(r.stderr).toBe('berth: cannot connect to db1 over SSH: connection refused\n');
    expect(r.code).toBe(1);
  });

  it('prints TSV when piped, and JSON with the failure in errors', async () => {
    expect((await berth(['ps', '-a'])).stdout.split('\n')[2]).toBe('local\told\texited\t2026-01-02T03:00:00Z');
    const doc = JSON.parse((await berth(['-o', 'json', 'ps'])).stdout) as { kind: string; errors: { node: string }[] };
    expect(doc.kind).toBe('ContainerList');
    expect(doc.errors.map((e) => e.node)).toEqual(['db1']);
  });
});

describe('an example stop', () => {
  it('acts directly in a script and audits each action', async () => {
    const r = await berth(['stop', '-t', '3', 'web', 'api']);
    expect(r.code).toBe(0);
    expect(fakeFleet.stopped).toEqual(['local/web after 3s', 'web1/api after 3s']);
    expect(r.audit).toEqual([
      { node: 'local', verb: 'stop', target: 'web', result: 'ok' },
      { node: 'web1', verb: 'stop', target: 'api', result: 'ok' },
    ]);
  });

  it('asks on a terminal, and a no changes nothing (exit 4)', async () => {
    const r = await berth(['stop', 'web', 'api'], { stdinTTY: true, stdoutTTY: true, answers: [false] });
    expect(r.questions).toEqual(['Stop 2 containers on local (1) and web1 (1)? [y/N] ']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('berth: not confirmed; nothing was changed\n');
    expect(fakeFleet.stopped).toEqual([]);
  });

  it('--dry-run prints one line per target', async () => {
    const r = await berth(['stop', '--dry-run', 'web', 'api']);
    expect(r.stdout).toBe('would stop local/web\nwould stop web1/api\n');
    expect(fakeFleet.stopped).toEqual([]);
    expect(r.audit).toEqual([]);
  });

  it('--readonly refuses with exit 4', async () => {
    const r = await berth(['--readonly', 'stop', 'web']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^berth: refusing to stop: berth is read-only\nhint: /);
  });

  it('an unknown reference is exit 3', async () => {
    expect((await berth(['stop', 'nope'])).code).toBe(3);
  });
});
