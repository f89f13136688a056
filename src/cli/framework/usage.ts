/**
 * Usage lines and the usage-error wording shared by the parser and help,
 * so `berth stop` without a REF and `berth stop --help` describe the verb
 * the same way.
 */
import type { PositionalSpec } from './flags.ts';
import type { VerbSpec } from './registry.ts';

/** `REF…`, `[REF]`, `-- CMD…` for one positional. */
export function positionalSyntax(p: PositionalSpec): string {
  const many = p.variadic || p.passthrough ? '…' : '';
  const core = `${p.passthrough ? '[--] ' : ''}${p.name}${many}`;
  return p.required ? core : `[${core}]`;
}

/** The verb's usage line: declared, or `berth stop [flags] REF…`. */
export function usageLine(verb: VerbSpec): string {
  if (verb.usage !== undefined) return verb.usage;
  const flags = Object.values(verb.flags).some((f) => !f.hidden) ? ' [flags]' : '';
  const pos = verb.positionals.map(positionalSyntax).join(' ');
  return `berth ${verb.name}${flags}${pos === '' ? '' : ` ${pos}`}`;
}

/** The "See 'berth … --help'." line that ends a usage error. */
export function usageHint(verb: VerbSpec | null, path: readonly string[] = []): string {
  if (verb) return `See 'berth ${verb.name} --help'.`;
  if (path.length > 0) return `See 'berth ${path.join(' ')} --help'.`;
  return "See 'berth --help'.";
}

/** `"berth stop" needs at least one REF`. */
export function missingPositionalMessage(verb: VerbSpec, p: PositionalSpec): string {
  const some = p.variadic || p.passthrough ? 'at least one ' : '';
  return `"berth ${verb.name}" needs ${some}${p.name}${p.description ? ` (${p.description})` : ''}`;
}

/** `unexpected argument "x" for "berth logs" (usage: …)`. */
export function unexpectedPositionalMessage(verb: VerbSpec, arg: string): string {
  return `unexpected argument "${arg}" for "berth ${verb.name}" (usage: ${usageLine(verb)})`;
}
