/**
 * `berth completion bash|zsh|fish`: shell completion scripts generated from
 * the registry, so a new verb or flag completes without anyone editing a
 * script. Dynamic container names come from `berth ps -a -o name`.
 */
import { BerthError } from '../../domain/errors.ts';
import { bashCompletion } from './completion/bash.ts';
import { fishCompletion } from './completion/fish.ts';
import { completionModel } from './completion/model.ts';
import { zshCompletion } from './completion/zsh.ts';
import type { Registry } from './registry.ts';

/** The shells berth writes completion for. */
import { SHELLS } from './shells.ts';

export { SHELLS };

/** One of SHELLS. */
export type Shell = (typeof SHELLS)[number];

/** The completion script for `shell`. */
export function completionScript(shell: Shell, registry: Registry): string {
  const model = completionModel(registry);
  switch (shell) {
    case 'bash':
      return bashCompletion(model);
    case 'zsh':
      return zshCompletion(model);
    case 'fish':
      return fishCompletion(model);
    default:
      throw new BerthError('usage', `no completion for shell "${String(shell)}"`, { hint: `choose ${SHELLS.join(', ')}` });
  }
}
