/**
 * The registry rows of an example CLI, written exactly as the real
 * src/cli/commands/ should be: data only, implementations behind import().
 */
import { DESTRUCTIVE } from '../../../../src/cli/framework/confirm.ts';
import { CONFIRM_FLAGS } from '../../../../src/cli/framework/flags.ts';
import { defineVerb, type Registry } from '../../../../src/cli/framework/registry.ts';

export const psVerb = defineVerb({
  name: 'ps',
  group: 'containers',
  summary: 'List containers',
  flags: { all: { type: 'boolean', short: 'a', description: 'Show all containers (default shows just running)' } },
  positionals: [],
  examples: ['berth ps -a', 'berth ps -o json | jq .items[0]'],
  load: () => import('./ps.ts'),
});

export const stopVerb = defineVerb({
  name: 'stop',
  group: 'containers',
  summary: 'Stop running containers',
  destructive: DESTRUCTIVE.stop,
  flags: {
    time: { type: 'number', short: 't', integer: true, min: 0, default: 10, valueName: 'SECONDS', description: 'Seconds to wait before killing' },
    ...CONFIRM_FLAGS,
  },
  positionals: [{ name: 'REF', required: true, variadic: true, complete: 'container', description: 'Container name, id or id prefix' }],
  load: () => import('./stop.ts'),
});

export const exampleRegistry: Registry = {
  groups: [{ id: 'containers', title: 'Containers' }],
  verbs: [psVerb, stopVerb],
};
