/**
 * The argv parser: `berth [global flags] <verb> [noun] [flags] [args]`,
 * with global flags allowed before or after the verb (CLI.md "Shape of a
 * command"). Declarative: it knows nothing of any verb beyond its registry
 * row. Getopt/docker conventions: `-it`, `-n5`, `-o=json`, `--tail=10`,
 * `--tail 10`, `--no-x` where declared, `--` ends flags, and a passthrough
 * positional (exec's CMD) takes everything after it verbatim.
 */
import { BerthError } from '../../domain/errors.ts';
import { suggestionSuffix } from '../../util/suggest.ts';
import { convertFlagValue } from './flag-values.ts';
import { defaultValue, longName, type FlagSpec, type FlagTable } from './flags.ts';
import { GLOBAL_FLAGS, type GlobalOptions } from './globals.ts';
import { firstWords, matchWord, type Registry, type VerbSpec } from './registry.ts';
import { missingPositionalMessage, unexpectedPositionalMessage, usageHint } from './usage.ts';

/** The parsed command line. */
export interface ParsedCommand {
  /** The verb, or null when none was given (console, `--help`, `--version`). */
  verb: VerbSpec | null;
  /** Set when the words named a group but not which of its verbs (`berth image`). */
  group: string | null;
  globals: GlobalOptions;
  /** The verb's flags, defaults filled in (empty when there is no verb). */
  flags: Record<string, unknown>;
  /** Positionals by name; variadic ones as arrays. */
  args: Record<string, string | string[] | undefined>;
  /** Verb flag keys given explicitly. */
  given: Set<string>;
}

interface FlagRef {
  key: string;
  spec: FlagSpec;
  global: boolean;
}

interface Lookup {
  long: Map<string, FlagRef>;
  short: Map<string, FlagRef>;
}

function addTable(into: Lookup, table: FlagTable, global: boolean, shortsWin: boolean): void {
  for (const [key, spec] of Object.entries(table)) {
    const ref = { key, spec, global };
    if (!into.long.has(longName(key, spec))) into.long.set(longName(key, spec), ref);
    if (spec.short !== undefined && (shortsWin || !into.short.has(spec.short))) into.short.set(spec.short, ref);
  }
}

function lookupFor(verb: VerbSpec | null): Lookup {
  const l: Lookup = { long: new Map(), short: new Map() };
  if (verb) addTable(l, verb.flags, false, true);
  addTable(l, GLOBAL_FLAGS, true, false);
  return l;
}

/** A value that is really the next flag (`--tail -f`), not a value; `-1` is a value. */
function looksLikeFlag(tok: string): boolean {
  return tok.startsWith('-') && tok !== '-' && !/^-\d/.test(tok);
}

/**
 * Parses argv (without `node` and the script). Throws BerthError('usage')
 * naming the flag or word at fault, with a suggestion and a `See 'berth …
 * --help'.` hint. With `-h`/`--help` anywhere, mistakes elsewhere are
 * forgiven so the help is shown.
 */
export function parseArgv(argv: readonly string[], registry: Registry): ParsedCommand {
  try {
    return new ArgvParser(argv, registry, false).parse();
  } catch (err) {
    const helpAsked = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length).some((a) => a === '-h' || a === '--help');
    if (!helpAsked) throw err;
    const lenient = new ArgvParser(argv, registry, true).parse();
    lenient.globals.help = true;
    return lenient;
  }
}

class ArgvParser {
  private readonly argv: readonly string[];
  private readonly registry: Registry;
  private readonly lenient: boolean;
  private readonly globals: Record<string, unknown> = {};
  private flags: Record<string, unknown> = {};
  private readonly given = new Set<string>();
  private verb: VerbSpec | null = null;
  private path: string[] = [];
  private lookup: Lookup = lookupFor(null);
  private readonly positionals: string[] = [];
  private passthrough: string[] | null = null;
  private i = 0;

  constructor(argv: readonly string[], registry: Registry, lenient: boolean) {
    this.argv = argv;
    this.registry = registry;
    this.lenient = lenient;
    for (const [key, spec] of Object.entries(GLOBAL_FLAGS)) this.globals[key] = defaultValue(spec);
  }

  parse(): ParsedCommand {
    let dashDash = false;
    while (this.i < this.argv.length) {
      const tok = this.argv[this.i++]!;
      if (this.passthrough) this.passthrough.push(tok);
      else if (dashDash) this.positional(tok);
      else if (tok === '--') {
        dashDash = true;
        if (this.atPassthrough()) this.passthrough = [];
      } else if (tok.startsWith('--')) this.longFlag(tok);
      else if (tok.startsWith('-') && tok !== '-') this.shortFlags(tok);
      else this.positional(tok);
    }
    return this.finish();
  }

  private get helpHint(): string {
    return usageHint(this.verb, this.path);
  }

  private fail(message: string, hint = this.helpHint): void {
    if (!this.lenient) throw new BerthError('usage', message, { hint });
  }

  private atPassthrough(): boolean {
    const next = this.verb?.positionals[this.positionals.length];
    return this.verb !== null && next?.passthrough === true;
  }

  private positional(tok: string): void {
    if (this.verb === null) return this.commandWord(tok);
    if (this.atPassthrough()) {
      this.passthrough = [tok];
      return;
    }
    this.positionals.push(tok);
  }

  private commandWord(word: string): void {
    const m = matchWord(this.registry, this.path, word);
    if (m.kind === 'verb') {
      this.verb = m.verb;
      this.path = m.verb.name.split(' ');
      this.lookup = lookupFor(m.verb);
      this.flags = {};
      for (const [key, spec] of Object.entries(m.verb.flags)) this.flags[key] = defaultValue(spec);
    } else if (m.kind === 'group') {
      this.path = m.prefix.split(' ');
    } else if (this.path.length > 0) {
      const prefix = this.path.join(' ');
      const subs = this.registry.verbs.filter((v) => v.name.startsWith(`${prefix} `) && !v.hidden).map((v) => v.name.slice(prefix.length + 1));
      this.fail(`unknown command "${prefix} ${word}"${suggestionSuffix(word, subs)}`, `See 'berth ${prefix} --help'.`);
    } else {
      this.fail(`unknown command "${word}"${suggestionSuffix(word, firstWords(this.registry))}`, "See 'berth --help'.");
    }
  }

  private longFlag(tok: string): void {
    const eq = tok.indexOf('=');
    const name = tok.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : tok.slice(eq + 1);
    let ref = this.lookup.long.get(name);
    let negated = false;
    if (!ref && name.startsWith('no-')) {
      const base = this.lookup.long.get(name.slice(3));
      if (base && base.spec.type === 'boolean' && base.spec.negatable) {
        ref = base;
        negated = true;
      }
    }
    if (!ref) return this.unknownFlag(`--${name}`);
    const shown = `--${name}`;
    if (ref.spec.type === 'boolean') {
      if (inline !== undefined && negated) return this.fail(`${shown} takes no value`);
      const v = inline === undefined ? !negated : convertFlagValue(ref.spec, inline, shown, this.helpHint);
      return this.set(ref, v);
    }
    this.setValue(ref, shown, inline);
  }

  private shortFlags(tok: string): void {
    for (let j = 1; j < tok.length; j++) {
      const ch = tok[j]!;
      const ref = this.lookup.short.get(ch);
      if (!ref) return this.unknownFlag(`-${ch}`, tok.length > 2 ? tok : undefined);
      if (ref.spec.type === 'boolean') {
        this.set(ref, true);
        continue;
      }
      const rest = tok.slice(j + 1);
      return this.setValue(ref, `-${ch}`, rest === '' ? undefined : rest.replace(/^=/, ''));
    }
  }

  private setValue(ref: FlagRef, shown: string, inline: string | undefined): void {
    let raw = inline;
    if (raw === undefined) {
      const next = this.argv[this.i];
      if (next === undefined || looksLikeFlag(next) || next === '--') return this.fail(`flag ${shown} needs a value`);
      raw = next;
      this.i++;
    }
    let v: unknown;
    try {
      v = convertFlagValue(ref.spec, raw, shown, this.helpHint);
    } catch (err) {
      if (this.lenient) return;
      throw err;
    }
    if ('repeatable' in ref.spec && ref.spec.repeatable) {
      const bag = ref.global ? this.globals : this.flags;
      v = [...(bag[ref.key] as unknown[]), v];
    }
    this.set(ref, v);
  }

  private set(ref: FlagRef, value: unknown): void {
    if (ref.global) this.globals[ref.key] = value;
    else {
      this.flags[ref.key] = value;
      this.given.add(ref.key);
    }
  }

  private unknownFlag(flag: string, cluster?: string): void {
    const inCluster = cluster === undefined ? '' : ` in ${cluster}`;
    if (this.verb === null) {
      const owner = this.laterVerbWith(flag);
      if (owner) {
        return this.fail(`flag ${flag} belongs to "${owner.name}": put it after the command (berth ${owner.name} ${flag} …)`,
          `See 'berth ${owner.name} --help'.`);
      }
    }
    const spellings = [...this.lookup.long.keys()].map((l) => `--${l}`);
    const candidates = flag.startsWith('--') ? spellings : [...this.lookup.short.keys()].map((s) => `-${s}`);
    const where = this.verb === null ? '' : ` for "${this.verb.name}"`;
    this.fail(`unknown flag ${flag}${inCluster}${where}${suggestionSuffix(flag, candidates)}`);
  }

  /** Before the verb: the verb named later on the line, if it declares `flag`. */
  private laterVerbWith(flag: string): VerbSpec | null {
    for (let k = this.i; k < this.argv.length; k++) {
      const m = matchWord(this.registry, [], this.argv[k]!);
      if (m.kind !== 'verb') continue;
      const hit = Object.entries(m.verb.flags).some(([key, s]) => `--${longName(key, s)}` === flag || `-${s.short}` === flag);
      return hit ? m.verb : null;
    }
    return null;
  }

  private finish(): ParsedCommand {
    const args: Record<string, string | string[] | undefined> = {};
    const verb = this.verb;
    if (verb) {
      const rest = [...this.positionals];
      for (const p of verb.positionals) {
        if (p.passthrough) args[p.name] = this.passthrough ?? [];
        else if (p.variadic) args[p.name] = rest.splice(0);
        else args[p.name] = rest.shift();
        const v = args[p.name];
        const missing = v === undefined || (Array.isArray(v) && v.length === 0);
        if (p.required && missing && !this.globals.help) this.fail(missingPositionalMessage(verb, p));
      }
      if (rest.length > 0 && !this.globals.help) this.fail(unexpectedPositionalMessage(verb, rest[0]!));
    }
    return {
      verb,
      group: verb === null && this.path.length > 0 ? this.path.join(' ') : null,
      globals: this.globals as GlobalOptions,
      flags: this.flags,
      args,
      given: this.given,
    };
  }
}
