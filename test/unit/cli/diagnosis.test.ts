// The facts `berth why` and the console's why tab share (src/cli/diagnosis.ts).
import { describe, expect, it } from 'vitest';
import { diagnose, diagnosisLines, exitMeaning } from '../../../src/cli/diagnosis.ts';
import type { ContainerDetail } from '../../../src/domain/types.ts';
import type { RuntimeSource } from '../../../src/runtime/types.ts';

const detail = (over: Partial<ContainerDetail> = {}): ContainerDetail => ({
  id: 'a'.repeat(64), name: 'api', node: 'local', image: 'busybox', command: 'sh', state: 'exited', status: 'Exited (137) 2 minutes ago',
  health: 'unhealthy', exitCode: 137, oomKilled: true, restartCount: 4, createdAt: '2026-01-01T00:00:00Z', startedAt: '2026-01-01T00:00:01Z',
  finishedAt: '2026-01-01T00:01:00Z', ports: [], labels: {}, compose: null, pid: 0, tty: false, openStdin: false, env: [], entrypoint: [], cmd: ['sh'],
  workingDir: '/', user: '', restartPolicy: { name: 'on-failure', maximumRetryCount: 5 }, memoryLimitBytes: 16 * 1024 * 1024, nanoCpus: null, mounts: [], networks: [],
  healthLog: [{ start: '2026-01-01T00:00:50Z', end: '2026-01-01T00:00:51Z', exitCode: 1, output: 'curl: (7) refused\n' }], error: 'oom', hostname: 'h', logDriver: 'json-file',
  ...over,
});

describe('diagnosis', () => {
  it('reads an exit code the way people need it', () => {
    expect(exitMeaning(0, false)).toBe('exited normally');
    expect(exitMeaning(3, false)).toBe('the program reported an error');
    expect(exitMeaning(137, true)).toContain("the kernel's OOM killer");
    expect(exitMeaning(143, false)).toBe('terminated by SIGTERM (a stop or restart)');
    expect(exitMeaning(null, null)).toBeNull();
  });

  it('inspects, reads the last lines with timestamps, and states every fact', async () => {
    const asked: unknown[] = [];
    const rt = {
      inspectContainer: async () => detail(),
      async *logs(_id: string, opts: unknown) {
        asked.push(opts);
        yield { stream: 'stderr' as const, at: '2026-01-01T00:00:59Z', data: Buffer.from('out of memory\n') };
      },
    } as unknown as RuntimeSource;
    const d = await diagnose(rt, 'api', 5, (fn) => fn(new AbortController().signal));
    expect(asked).toEqual([{ tail: 5, timestamps: true, tty: false }]);
    expect(d).toMatchObject({ exitCode: 137, oomKilled: true, restartCount: 4, restartPolicy: 'on-failure:5', error: 'oom' });
    const lines = diagnosisLines(d, new Date('2026-01-01T00:03:00Z'));
    expect(lines).toEqual([
      'local/api (aaaaaaaaaaaa)',
      '  state:         exited  Exited (137) 2 minutes ago',
      "  exit code:     137  killed by SIGKILL: the kernel's OOM killer (memory limit reached)",
      '  OOM killed:    yes  (memory limit 16777216 bytes)',
      '  restarts:      4  (policy: on-failure:5)',
      '  started:       2026-01-01T00:00:01Z (2m ago)',
      '  finished:      2026-01-01T00:01:00Z (2m ago)',
      '  runtime error: oom',
      '  health:        unhealthy',
      '    2026-01-01T00:00:51Z  exit 1  curl: (7) refused',
      '  last 1 lines:',
      '    ! out of memory',
    ]);
  });

  it('reads no logs when asked for none, and gives no exit meaning for a running container', async () => {
    const rt = { inspectContainer: async () => detail({ state: 'running', exitCode: 0 }), logs: () => { throw new Error('not asked'); } } as unknown as RuntimeSource;
    const d = await diagnose(rt, 'api', 0, (fn) => fn(new AbortController().signal));
    expect(d.exitMeaning).toBeNull();
    expect(diagnosisLines(d, new Date()).at(-1)).toBe('  last lines:    (none)');
  });
});
