/**
 * Flag declarations: plain data from which the parser, `--help` and the
 * shell completions are all generated, so they can never disagree. A verb
 * declares `{ tail: { type: 'number', … } }` and its `run` receives
 * `flags.tail` typed as `number | undefined` (see `FlagValues`).
 */

/** What the shell should offer for a flag's value or a positional. */
export type Completer = 'container' | 'image' | 'node' | 'file' | 'none' | readonly string[];

interface FlagBase {
  /** One letter (`'a'` for `-a`). */
  short?: string;
  /** The long spelling when it is not the key in kebab-case. */
  long?: string;
  /** One line for `--help`. */
  description: string;
  /** Left out of `--help` and completions (kept for compatibility). */
  hidden?: boolean;
}

/** `--all`, `-a`; `--all=false` also works. */
export interface BooleanFlag extends FlagBase {
  type: 'boolean';
  /** Also accept `--no-<long>` to set it false (when the default is true). */
  negatable?: boolean;
  default?: boolean;
}

/** `--since 10m`, `--name=web`. */
export interface StringFlag extends FlagBase {
  type: 'string';
  /** Shown in help: `--since T`. */
  valueName?: string;
  repeatable?: boolean;
  default?: string;
  complete?: Completer;
}

/** `--tail 50`: rejected unless it is a number within bounds. */
export interface NumberFlag extends FlagBase {
  type: 'number';
  valueName?: string;
  integer?: boolean;
  min?: number;
  max?: number;
  repeatable?: boolean;
  default?: number;
}

/** `--timeout 1m30s`: parsed by util/duration.ts into milliseconds. */
export interface DurationFlag extends FlagBase {
  type: 'duration';
  valueName?: string;
  /** Smallest accepted value in ms (default 0). */
  minMs?: number;
  /** Default in milliseconds. */
  default?: number;
}

/** `-o json`: one of a fixed list, suggested on a typo. */
export interface EnumFlag extends FlagBase {
  type: 'enum';
  choices: readonly string[];
  valueName?: string;
  repeatable?: boolean;
  default?: string;
}

/** Any flag declaration. */
export type FlagSpec = BooleanFlag | StringFlag | NumberFlag | DurationFlag | EnumFlag;

/** A verb's flags, keyed by camelCase name (`dryRun` is `--dry-run`). */
export type FlagTable = Readonly<Record<string, FlagSpec>>;

type Scalar<F> = F extends { type: 'number' | 'duration' }
  ? number
  : F extends { type: 'enum'; choices: readonly (infer C)[] }
    ? C
    : string;

/** The parsed type of one flag: booleans are always set, lists always arrays. */
export type FlagValue<F> = F extends { type: 'boolean' }
  ? boolean
  : F extends { repeatable: true }
    ? Scalar<F>[]
    : F extends { default: unknown }
      ? Scalar<F>
      : Scalar<F> | undefined;

/** What a verb's `run` receives for its flag table. */
export type FlagValues<T extends FlagTable> = { -readonly [K in keyof T]: FlagValue<T[K]> };

/** A positional argument (`REF…`, `CMD…`). */
export interface PositionalSpec {
  /** Shown in usage: `REF`. */
  name: string;
  description?: string;
  /** Must be given (for a variadic one: at least once). */
  required?: boolean;
  /** Takes every remaining argument. Only the last may be variadic. */
  variadic?: boolean;
  /**
   * Once this positional is reached, every remaining argument belongs to it
   * verbatim, flags included: `exec web ls -la` runs `ls -la`, as docker
   * does. A `--` right before it is dropped. Implies variadic.
   */
  passthrough?: boolean;
  complete?: Completer;
}

type PositionalValue<P> = P extends { variadic: true } | { passthrough: true }
  ? string[]
  : P extends { required: true }
    ? string
    : string | undefined;

/** What a verb's `run` receives for its positionals, by name. */
export type PositionalValues<P extends readonly PositionalSpec[]> = {
  -readonly [E in P[number] as E['name']]: PositionalValue<E>;
};

/** `dryRun` → `dry-run`. */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The `--long` spelling of a flag (without dashes). */
export function longName(key: string, spec: FlagSpec): string {
  return spec.long ?? kebab(key);
}

/** The default value a flag takes when not given (false, [] or undefined). */
export function defaultValue(spec: FlagSpec): unknown {
  if (spec.type === 'boolean') return spec.default ?? false;
  if ('repeatable' in spec && spec.repeatable) return [];
  return spec.default;
}

/** Whether the flag consumes a value (`--tail 10`) or not (`--all`). */
export function takesValue(spec: FlagSpec): boolean {
  return spec.type !== 'boolean';
}

/** The confirmation flags every destructive verb spreads into its table. */
export const CONFIRM_FLAGS = {
  yes: { type: 'boolean', short: 'y', description: 'Do not ask; needed in scripts for rm of several items, prune, drain and --all-nodes' },
  dryRun: { type: 'boolean', description: 'Print what would happen, one line per target, and change nothing' },
} as const satisfies FlagTable;
