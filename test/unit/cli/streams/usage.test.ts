// The stream verbs' own checks, which run before any node is asked.
import { describe, expect, it } from 'vitest';
import { registry } from '../../../../src/cli/commands/specs.ts';
import { runCli } from '../../../../src/cli/framework/run.ts';
import { fakeIO, type FakeOptions } from '../../../../src/cli/framework/testing.ts';

async function berth(argv: string[], opts: FakeOptions = {}) {
  // DOCKER_HOST points nowhere: these must fail before connecting.
  const io = fakeIO({ env: { DOCKER_HOST: 'unix:///nonexistent/berth-test.sock' }, ...opts });
  const code = await runCli(argv, registry, io.deps);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('stream verbs refuse bad input with exit 2', () => {
  it('exec -it without a terminal, in docker\'s words', async () => {
    const r = await berth(['exec', '-it', 'web', 'sh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^berth: the input device is not a TTY\n/);
  });

  it('logs --tail that is not a count, --since that is not a time', async () => {
    expect((await berth(['logs', '--tail', 'ten', 'web'])).stderr).toMatch(/^berth: invalid value "ten" for --tail\n/);
    const r = await berth(['logs', '--since', 'yesterday', 'web']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^berth: invalid value "yesterday" for --since\nhint: use an RFC 3339 time/);
  });

  it('events --until before --since', async () => {
    const r = await berth(['events', '--since', '1m', '--until', '2m']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--until is before --since/);
  });
});
