/**
 * The verb registry: one row of plain data per verb, from which dispatch,
 * `--help` and shell completion are all generated. The implementation is
 * behind `load()` (a dynamic import), so `berth ps` never loads the code of
 * `exec` or the console, and `berth --help` loads none at all.
 */
import type { CliContext } from './context.ts';
import type { DestructivePolicy } from './confirm.ts';
import type { FlagTable, FlagValues, PositionalSpec, PositionalValues } from './flags.ts';
import type { GlobalOptions } from './globals.ts';

/**
 * Flag values: precise for a verb's own table, loose (`Record<string,
 * unknown>`) for the general `Invocation` that dispatch and shared helpers
 * handle, so a precise invocation can always be passed where a general
 * one is expected.
 */
export type FlagsOf<F extends FlagTable> = FlagTable extends F ? Record<string, unknown> : FlagValues<F>;

/** Positional values: precise for a verb, loose for the general `Invocation`. */
export type ArgsOf<P extends readonly PositionalSpec[]> = readonly PositionalSpec[] extends P
  ? Record<string, string | string[] | undefined>
  : PositionalValues<P>;

/** What a verb's `run` receives besides the context: its parsed command line. */
export interface Invocation<F extends FlagTable = FlagTable, P extends readonly PositionalSpec[] = readonly PositionalSpec[]> {
  /** The verb's registry row (for messages, audit, confirmation policy). */
  verb: VerbSpec;
  /** The global flags, wherever they were written. */
  globals: GlobalOptions;
  /** The verb's own flags, defaults filled in. */
  flags: FlagsOf<F>;
  /** Positionals by name (`args.REF`), variadic ones as arrays. */
  args: ArgsOf<P>;
  /** Keys of the verb flags given explicitly (to tell a default from a choice). */
  given: ReadonlySet<string>;
}

/**
 * Any verb's invocation, for helpers every verb calls (`confirmAction`):
 * structural, so a verb passes its precise `InvocationOf<typeof verb>`.
 */
export interface AnyInvocation {
  verb: VerbSpec;
  globals: GlobalOptions;
  flags: object;
  args: object;
  given: ReadonlySet<string>;
}

/** The invocation type of a verb row: `InvocationOf<typeof stopVerb>`. */
export type InvocationOf<V> = V extends VerbSpec<infer F, infer P> ? Invocation<F, P> : never;

/**
 * What a verb's module exports. `run` returns the exit code (or nothing for
 * 0) and throws a BerthError for a whole-command failure. Declared as a
 * method so a module typed with its own precise `Invocation<…>` fits.
 */
export interface VerbModule {
  run(ctx: CliContext, inv: Invocation): Promise<number | void>;
}

/** One verb (or `noun verb`) of the scripted CLI. */
export interface VerbSpec<F extends FlagTable = FlagTable, P extends readonly PositionalSpec[] = readonly PositionalSpec[]> {
  /** `ps`, or a two-word `image rm` (the first word then groups its verbs). */
  name: string;
  /** Other spellings (`images` for `image ls`), each a full command path. */
  aliases?: readonly string[];
  /** Id of the help section it is listed under (see Registry.groups). */
  group: string;
  /** One line for the verb list. */
  summary: string;
  /** Paragraph(s) for `berth <verb> --help`, after the summary. */
  description?: string;
  /** Usage line; generated from the positionals when left out. */
  usage?: string;
  flags: F;
  positionals: P;
  /** Lines for the Examples section (`berth stop web   # one container`). */
  examples?: readonly string[];
  /** Set for verbs that change things (CLI.md "Destructive verbs"). */
  destructive?: DestructivePolicy;
  /** Load config.yaml before running (default true; `completion` needs none). */
  needsConfig?: boolean;
  /** Left out of help and completion. */
  hidden?: boolean;
  /**
   * The implementation, imported only when this verb runs:
   * `load: () => import('./stop.ts')`. Typed loosely (`run: unknown`) on
   * purpose: a module whose `run` takes `InvocationOf<typeof stopVerb>`
   * would otherwise make the row's type depend on itself (TS7022). The
   * module's own annotation keeps `run` checked; dispatch calls it as a
   * `VerbModule`.
   */
  load(): Promise<{ run: unknown }>;
}

/** A help section. */
export interface VerbGroup {
  id: string;
  title: string;
}

/** Every verb, and the order of the help sections. */
export interface Registry {
  groups: readonly VerbGroup[];
  verbs: readonly VerbSpec[];
}

/**
 * Declares a verb, keeping the literal types of its flags and positionals
 * so its `run` gets precise types through `InvocationOf<typeof verb>`.
 */
export function defineVerb<const F extends FlagTable, const P extends readonly PositionalSpec[]>(spec: VerbSpec<F, P>): VerbSpec<F, P> {
  return spec;
}

/** What a command word names: a verb, a group of two-word verbs, or nothing. */
export type WordMatch =
  | { kind: 'verb'; verb: VerbSpec }
  | { kind: 'group'; prefix: string; verbs: VerbSpec[] }
  | { kind: 'none' };

/** All spellings of a verb: its name and aliases. */
function spellings(v: VerbSpec): string[] {
  return [v.name, ...(v.aliases ?? [])];
}

/**
 * Looks a command word up. `path` is the words matched so far (`['image']`
 * when the first word named a group).
 */
export function matchWord(registry: Registry, path: readonly string[], word: string): WordMatch {
  const full = [...path, word].join(' ');
  const verb = registry.verbs.find((v) => spellings(v).includes(full));
  if (verb) return { kind: 'verb', verb };
  const prefix = `${full} `;
  const verbs = registry.verbs.filter((v) => v.name.startsWith(prefix));
  return verbs.length > 0 ? { kind: 'group', prefix: full, verbs } : { kind: 'none' };
}

/** The command words an operator may type first (for suggestions and completion). */
export function firstWords(registry: Registry, includeHidden = false): string[] {
  const words = new Set<string>();
  for (const v of registry.verbs) {
    if (v.hidden && !includeHidden) continue;
    for (const s of spellings(v)) words.add(s.split(' ')[0]!);
  }
  return [...words];
}

/** The verb row by exact name (for dispatch of built-ins and tests). */
export function verbByName(registry: Registry, name: string): VerbSpec | undefined {
  return registry.verbs.find((v) => v.name === name);
}

/**
 * Mistakes in the registry that would confuse operators: a verb flag whose
 * long name shadows a global one, duplicate spellings, a variadic
 * positional that is not last, a verb in an unknown group. Returns
 * messages; a unit test over the real registry keeps it empty.
 */
export function registryProblems(registry: Registry, globalLongs: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const groups = new Set(registry.groups.map((g) => g.id));
  for (const v of registry.verbs) {
    if (!groups.has(v.group)) problems.push(`${v.name}: unknown group "${v.group}"`);
    for (const s of spellings(v)) {
      const other = seen.get(s);
      if (other !== undefined) problems.push(`${v.name}: "${s}" is also a spelling of ${other}`);
      seen.set(s, v.name);
    }
    for (const [key, spec] of Object.entries(v.flags)) {
      const long = spec.long ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      if (globalLongs.includes(long)) problems.push(`${v.name}: --${long} shadows the global flag`);
    }
    v.positionals.forEach((p, i) => {
      if ((p.variadic || p.passthrough) && i !== v.positionals.length - 1) problems.push(`${v.name}: ${p.name} is variadic but not last`);
    });
  }
  for (const v of registry.verbs) {
    const first = v.name.split(' ')[0]!;
    if (v.name.includes(' ') && registry.verbs.some((o) => o.name === first)) {
      problems.push(`${v.name}: "${first}" is both a verb and a group`);
    }
  }
  return problems;
}
