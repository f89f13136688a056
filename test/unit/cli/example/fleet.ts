/** A fake fleet standing in for fleet/fanout + runtime in the example verbs. */
import type { Container } from '../../../../src/domain/types.ts';
import type { NodeFailure } from '../../../../src/cli/framework/errors-out.ts';

function c(node: string, name: string, state: Container['state']): Container {
  return {
    id: `${name}0123456789abcdef`, name, node, image: 'nginx:1.27', command: 'nginx', state, status: state,
    health: null, exitCode: state === 'exited' ? 0 : null, oomKilled: null, restartCount: 0,
    createdAt: '2026-01-02T03:00:00Z', startedAt: null, finishedAt: null, ports: [], labels: {}, compose: null,
  };
}

export const fakeFleet = {
  nodes: ['local', 'web1', 'db1'],
  containers: [c('local', 'web', 'running'), c('local', 'old', 'exited'), c('web1', 'api', 'running')],
  failures: [{ node: 'db1', kind: 'unreachable', message: 'cannot connect to db1 over SSH: connection refused' }] as NodeFailure[],
  stopped: [] as string[],
};
