/**
 * The shape of `config.yaml` after validation (CLI.md "Config"). Every
 * field is filled in (defaults applied), so callers never re-check for
 * absence; only `ssh` and `socket` stay `undefined` when unset (they mean
 * "this machine" and "auto-detect"). A node is structurally a fleet
 * `ConfiguredNode`, so `selectNodes(config.nodes, …)` takes it as is.
 */

/** One node as configured (`nodes[]`). */
export interface NodeConfig {
  /** How berth names the node; unique, no `/` (it separates `node/name`). */
  name: string;
  /** `~/.ssh/config` alias or `user@host[:port]`; unset for this machine. */
  ssh: string | undefined;
  /** Runtime socket on that host; unset means auto-detect. */
  socket: string | undefined;
  /** Refuse destructive verbs on this node (CLI.md "Destructive verbs"). */
  readonly: boolean;
  /** Run the runtime client through `sudo -n`. */
  sudo: boolean;
  /** Shown with the node; `env: prod` marks a production node. */
  labels: Record<string, string>;
}

/** The whole validated config. */
export interface BerthConfig {
  /** File it came from, or null when none exists (all defaults). */
  path: string | null;
  /** Console refresh interval, milliseconds. */
  refreshMs: number;
  /** Theme name (a file in themes/) or a path. */
  theme: string;
  /** Refuse destructive verbs everywhere. */
  readonly: boolean;
  /** Configured nodes; empty means "the local machine only" (CLI.md "Which nodes"). */
  nodes: NodeConfig[];
  /** Console key remaps, action name → key(s); the console validates names. */
  keys: Record<string, string | string[]>;
  /** Shell the console starts in a container. */
  shell: string;
  /**
   * `FILE:LINE:COL` of a key path such as `['keys', 'quit']`, so later
   * validators (the console's key names, theme lookup) report positions
   * in the same form. Returns just `FILE` when the path is not in the file.
   */
  locate(path: readonly (string | number)[]): string;
}

/** Defaults for a config with no file or with keys left out. */
export const CONFIG_DEFAULTS = {
  refreshMs: 1000,
  theme: 'dark',
  readonly: false,
  shell: '/bin/sh',
} as const;

/** The top-level keys, in the order CLI.md lists them. */
export const TOP_LEVEL_KEYS = ['refresh', 'theme', 'readonly', 'nodes', 'keys', 'shell'] as const;

/** The keys of one `nodes[]` entry. */
export const NODE_KEYS = ['name', 'ssh', 'socket', 'readonly', 'sudo', 'labels'] as const;

/** A config with every default, for when no file exists. */
export function defaultConfig(): BerthConfig {
  return {
    path: null,
    ...CONFIG_DEFAULTS,
    nodes: [],
    keys: {},
    locate: () => '(defaults)',
  };
}
