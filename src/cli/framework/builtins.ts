/**
 * Verbs the framework itself provides because they are generated from the
 * registry: `help [COMMAND]` and `completion bash|zsh|fish`. They are added
 * to whatever registry the CLI passes to `runCli`, under "Other".
 */
import { SHELLS } from './shells.ts';
import { defineVerb, type Registry, type VerbSpec } from './registry.ts';

/** The help section the built-ins go in when the registry has no "other". */
export const OTHER_GROUP = { id: 'other', title: 'Other' } as const;

/** `berth help [COMMAND…]`: the same text as `--help`. */
export const helpVerb = defineVerb({
  name: 'help',
  group: OTHER_GROUP.id,
  summary: 'Show help for berth or for a command',
  flags: {},
  positionals: [{ name: 'COMMAND', variadic: true, description: 'A command, e.g. "ps" or "image rm"' }],
  examples: ['berth help logs'],
  needsConfig: false,
  load: () => import('./verbs/help.ts'),
});

/** `berth completion SHELL`. */
export const completionVerb = defineVerb({
  name: 'completion',
  group: OTHER_GROUP.id,
  summary: 'Print a shell completion script (bash, zsh or fish)',
  flags: {},
  positionals: [{ name: 'SHELL', required: true, complete: SHELLS, description: 'bash, zsh or fish' }],
  examples: [
    'berth completion bash > ~/.local/share/bash-completion/completions/berth',
    'berth completion zsh > "${fpath[1]}/_berth"',
    'berth completion fish > ~/.config/fish/completions/berth.fish',
    "source <(berth completion bash)          # try it in this shell",
  ],
  needsConfig: false,
  load: () => import('./verbs/completion.ts'),
});

/** The registry with the built-ins added (a verb of the same name in `registry` wins). */
export function withBuiltins(registry: Registry): Registry {
  const builtins: VerbSpec[] = [helpVerb, completionVerb].filter((b) => !registry.verbs.some((v) => v.name === b.name));
  if (builtins.length === 0) return registry;
  const groups = registry.groups.some((g) => g.id === OTHER_GROUP.id) ? registry.groups : [...registry.groups, OTHER_GROUP];
  return { groups, verbs: [...registry.verbs, ...builtins] };
}
