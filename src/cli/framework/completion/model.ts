/**
 * What every shell's completion needs, computed once from the registry:
 * command words, groups, each verb's flags (which take a value, what to
 * offer for it) and its positionals. The three shell generators only
 * render this, so bash, zsh and fish offer the same things.
 */
import { longName, type Completer, type FlagSpec, type FlagTable } from '../flags.ts';
import { GLOBAL_FLAGS } from '../globals.ts';
import type { Registry, VerbSpec } from '../registry.ts';

/** One flag as the shells see it. */
export interface CFlag {
  long: string;
  short: string | undefined;
  description: string;
  takesValue: boolean;
  /** What to offer for the value (enum choices become a list). */
  values: Completer;
}

/** One verb (under each of its spellings). */
export interface CVerb {
  /** Every full spelling: `image ls`, `images`. */
  paths: string[];
  summary: string;
  flags: CFlag[];
  /** One completer per positional; `rest` is the index from which the last one repeats. */
  positionals: Completer[];
  rest: number | null;
  /** Index of a passthrough positional (exec's CMD): from there on, words belong to the command. */
  passthroughAt: number | null;
}

/** The whole model. */
export interface CModel {
  /** First words with a one-line description (verbs and groups). */
  firstWords: { word: string; summary: string }[];
  /** Group prefix → its second words. */
  groups: { prefix: string; words: { word: string; summary: string }[] }[];
  verbs: CVerb[];
  globals: CFlag[];
  /** Which dynamic lists the registry can serve: kind → argv after `berth`. */
  lists: Partial<Record<'container' | 'image' | 'node', string[]>>;
}

function cflag(key: string, spec: FlagSpec): CFlag {
  const values: Completer =
    spec.type === 'enum' ? spec.choices : spec.type === 'string' ? (spec.complete ?? 'none') : 'none';
  return { long: longName(key, spec), short: spec.short, description: spec.description, takesValue: spec.type !== 'boolean', values };
}

function cflags(table: FlagTable): CFlag[] {
  return Object.entries(table).filter(([, s]) => !s.hidden).flatMap(([k, s]) => {
    const f = cflag(k, s);
    if (s.type === 'boolean' && s.negatable) return [f, { ...f, long: `no-${f.long}`, short: undefined }];
    return [f];
  });
}

function cverb(v: VerbSpec): CVerb {
  const last = v.positionals[v.positionals.length - 1];
  return {
    paths: [v.name, ...(v.aliases ?? [])],
    summary: v.summary,
    flags: cflags(v.flags),
    positionals: v.positionals.map((p) => (p.passthrough ? 'none' : (p.complete ?? 'none'))),
    rest: last && (last.variadic || last.passthrough) ? v.positionals.length - 1 : null,
    passthroughAt: last?.passthrough ? v.positionals.length - 1 : null,
  };
}

/** Builds the completion model of a registry (hidden verbs and flags left out). */
export function completionModel(registry: Registry): CModel {
  const verbs = registry.verbs.filter((v) => !v.hidden);
  const firstWords = new Map<string, string>();
  const groups = new Map<string, { word: string; summary: string }[]>();
  for (const v of verbs) {
    for (const path of [v.name, ...(v.aliases ?? [])]) {
      const [first, second] = path.split(' ') as [string, string | undefined];
      if (second === undefined) {
        if (!firstWords.has(first)) firstWords.set(first, v.summary);
        continue;
      }
      if (!firstWords.has(first)) firstWords.set(first, `${first} commands`);
      const list = groups.get(first) ?? [];
      list.push({ word: second, summary: v.summary });
      groups.set(first, list);
    }
  }
  const has = (spelling: string): boolean => verbs.some((v) => v.name === spelling || (v.aliases ?? []).includes(spelling));
  const lists: CModel['lists'] = {};
  // Short timeouts: a dead node must not freeze the operator's shell.
  if (has('ps')) lists.container = ['ps', '-a', '-o', 'name', '--timeout', '3s'];
  if (has('images')) lists.image = ['images', '-o', 'name', '--timeout', '3s'];
  else if (has('image ls')) lists.image = ['image', 'ls', '-o', 'name', '--timeout', '3s'];
  if (has('nodes')) lists.node = ['nodes', '-o', 'name', '--timeout', '3s'];
  return {
    firstWords: [...firstWords].map(([word, summary]) => ({ word, summary })),
    groups: [...groups].map(([prefix, words]) => ({ prefix, words })),
    verbs: verbs.map(cverb),
    globals: cflags(GLOBAL_FLAGS),
    lists,
  };
}

/**
 * The flags offered after a verb: its own, then the global ones, less a
 * global short letter the verb takes for itself (`rm -v` is --volumes).
 */
export function flagsAfter(verb: CVerb, globals: readonly CFlag[]): CFlag[] {
  const shorts = new Set(verb.flags.map((f) => f.short).filter((s) => s !== undefined));
  return [...verb.flags, ...globals.map((g) => (g.short !== undefined && shorts.has(g.short) ? { ...g, short: undefined } : g))];
}

/** `-o` and `--output` spellings of a flag. */
export function spellingsOf(f: CFlag): string[] {
  return f.short === undefined ? [`--${f.long}`] : [`-${f.short}`, `--${f.long}`];
}

/** `case` entries (POSIX shells) setting `pt` to the passthrough index of each verb that has one. */
export function passthroughCases(model: CModel): string[] {
  return model.verbs.filter((v) => v.passthroughAt !== null).map((v) => `    ${v.paths.map(shQuote).join('|')}) pt=${v.passthroughAt} ;;`);
}

/** Quotes for a POSIX shell single-quoted string (bash, zsh). */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The shell functions bash and zsh completion share word for word (both
 * speak POSIX `case`): listing live names, telling a command group, the
 * passthrough position, and whether a flag takes a value. One source so
 * the two scripts cannot drift apart.
 */
export function sharedShellFunctions(model: CModel, lists: readonly string[], valueFlagCases: readonly string[]): string {
  const groups = model.groups.map((g) => `    ${shQuote(g.prefix)}) return 0 ;;`);
  return `__berth_list() {
  local line
  case $1 in
${lists.join('\n')}
  esac
}

__berth_is_group() {
  case $1 in
${groups.join('\n')}
  esac
  return 1
}

__berth_passthrough() {
  pt=-1
  case $1 in
${passthroughCases(model).join('\n')}
  esac
}

__berth_value_flag() {
  case "$1:$2" in
${valueFlagCases.join('\n')}
  esac
  return 1
}`;
}

/**
 * The loop bash and zsh completion share: walks the words before the
 * cursor (from index `first` up to `end`, exclusive) to find the verb (and
 * group subcommand), count positionals, skip flag values and honour `--`
 * and passthrough verbs. Sets verb, npos, dashdash and pt (declared by the
 * caller). One source, as for sharedShellFunctions.
 */
export function wordWalkLoop(first: number, end: string): string {
  return `  for ((i = ${first}; i < ${end}; i++)); do
    word=\${words[i]}
    if ((skip)); then skip=0; continue; fi
    if { ((dashdash)) && [[ -n $verb ]]; } || ((pt >= 0 && npos >= pt)); then ((npos++)); continue; fi
    case $word in
      --) dashdash=1 ;;
      --*=*) ;;
      -?*) __berth_value_flag "$verb" "$word" && skip=1 ;;
      *)
        if [[ -z $verb ]]; then verb=$word
        elif __berth_is_group "$verb"; then verb="$verb $word"
        else ((npos++)); fi
        __berth_passthrough "$verb" ;;
    esac
  done
  if ((pt >= 0 && npos >= pt)); then return; fi`;
}
