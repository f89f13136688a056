/**
 * The global flags of CLI.md "Shape of a command", declared once like any
 * verb's flags. They are accepted before or after the verb; after it, a
 * verb's own flag with the same short letter wins (`rm -v` is --volumes,
 * `berth -v rm` is --verbose), as docker users expect.
 */
import { formatDuration } from '../../util/duration.ts';
import type { FlagTable, FlagValues } from './flags.ts';

/** The `-o` formats of CLI.md "Output". */
export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'jsonl', 'yaml', 'name'] as const;

/** One `-o` value. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Per-node timeout when `--timeout` is not given (CLI.md: 10s). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The global flag table. Keys are the names verbs read from `globals`. */
export const GLOBAL_FLAGS = {
  node: {
    type: 'string', repeatable: true, valueName: 'NAME', complete: 'node',
    description: 'Only this node: a configured name, user@host[:port] or ssh://user@host[:port] (repeatable)',
  },
  allNodes: { type: 'boolean', description: 'Every configured node (fleet-wide actions need --yes in scripts)' },
  readonly: { type: 'boolean', description: 'Refuse every destructive verb (exit 4)' },
  output: {
    type: 'enum', short: 'o', choices: OUTPUT_FORMATS, valueName: 'FORMAT',
    description: 'Output format: table, wide, json, jsonl, yaml or name',
  },
  noHeaders: { type: 'boolean', description: 'Leave out the header row of tables' },
  quiet: { type: 'boolean', short: 'q', description: 'Print ids only' },
  noColor: { type: 'boolean', description: 'No colour (also NO_COLOR)' },
  config: { type: 'string', valueName: 'FILE', complete: 'file', description: 'Config file (also BERTH_CONFIG)' },
  theme: {
    type: 'string', valueName: 'NAME|PATH', complete: 'file',
    description: 'Console theme: a name from themes/ (dark, light, high-contrast, monochrome) or a YAML file; overrides config theme',
  },
  timeout: {
    type: 'duration', valueName: 'DURATION', default: DEFAULT_TIMEOUT_MS, minMs: 1,
    description: `Per node, for connecting and for each reply (default ${formatDuration(DEFAULT_TIMEOUT_MS)})`,
  },
  verbose: { type: 'boolean', short: 'v', description: 'More detail on stderr' },
  logFile: { type: 'string', valueName: 'FILE', complete: 'file', description: 'Also write detail to this file' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
  version: { type: 'boolean', description: 'Show the version' },
} as const satisfies FlagTable;

/** The parsed global flags every verb receives. */
export type GlobalOptions = FlagValues<typeof GLOBAL_FLAGS>;
