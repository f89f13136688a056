// The console's shell (s) is recorded in the audit log like an action:
// node, container, the configured command, and how it ended.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { memoryAuditLog } from '../../../src/cli/framework/audit.ts';
import type { ExecSession, RuntimeSource } from '../../../src/runtime/types.ts';
import { shellRunner } from '../../../src/tui/actions/shell.ts';

const target = { node: 'web1', id: 'c'.repeat(64), name: 'api' };

/** A session that prints `output` and exits with `code`. */
function session(output: string, code: number | null): ExecSession {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  setImmediate(() => {
    stdout.end(output);
    stderr.end();
  });
  return { stdin: new PassThrough(), stdout, stderr, resize: async () => undefined, exited: new Promise((r) => setTimeout(() => r(code), 5)) };
}

function runner(exec: RuntimeSource['exec'] | Error) {
  const audit = memoryAuditLog();
  const out = new PassThrough();
  out.resume();
  const run = shellRunner({
    runtime: async () => {
      if (exec instanceof Error) throw exec;
      return { exec } as RuntimeSource;
    },
    stdin: new PassThrough(), stdout: out, stderr: out, shell: '/bin/bash', audit,
  });
  return { run, audit };
}

describe('the console shell in the audit log', () => {
  it('records the node, the container, the command and its exit code when the shell ends', async () => {
    const { run, audit } = runner(async () => session('$ exit 3\r\n', 3));
    await expect(run(target)).resolves.toEqual({ text: 'shell in api on node web1 exited with 3', tone: 'info' });
    expect(audit.entries).toEqual([{ node: 'web1', verb: 'shell', target: 'api', result: 'ok', message: '/bin/bash exited with 3' }]);
  });

  it('records a shell that could not start as failed, with the engine\'s reason', async () => {
    const failure = 'OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\r\n';
    const { run, audit } = runner(async () => session(failure, 126));
    const r = await run(target);
    expect(r.tone).toBe('error');
    expect(audit.entries).toEqual([{ node: 'web1', verb: 'shell', target: 'api', result: 'failed', message: expect.stringMatching(/^\/bin\/bash: cannot run "\/bin\/bash" in container api on node web1: stat \/bin\/bash: no such file or directory \(exit 126\)$/) }]);
  });

  it('records a node it could not reach as failed', async () => {
    const { run, audit } = runner(new Error('node web1 is unreachable: connection refused'));
    await expect(run(target)).resolves.toMatchObject({ tone: 'error' });
    expect(audit.entries).toEqual([{ node: 'web1', verb: 'shell', target: 'api', result: 'failed', message: '/bin/bash: node web1 is unreachable: connection refused' }]);
  });
});
