/**
 * `berth --help`, `berth <verb> --help` and `berth <group> --help`,
 * generated from the registry and flag tables, so help cannot drift from
 * what the parser accepts. Plain text (no colour), aligned by display width.
 */
import { formatDuration } from '../../util/duration.ts';
import { displayWidth, padEndCells } from '../../util/width.ts';
import type { DestructivePolicy } from './confirm.ts';
import { longName, type FlagSpec, type FlagTable } from './flags.ts';
import { GLOBAL_FLAGS } from './globals.ts';
import type { Registry, VerbSpec } from './registry.ts';
import { positionalSyntax, usageLine } from './usage.ts';

/** Longest left column before descriptions move further right than is readable. */
const MAX_LEFT = 30;

/** Two-column lines: `  left   description`, descriptions aligned. */
function twoColumns(rows: readonly [string, string][]): string[] {
  const width = Math.min(MAX_LEFT, Math.max(0, ...rows.map(([l]) => displayWidth(l))));
  return rows.map(([l, r]) => (r === '' ? `  ${l}` : `  ${padEndCells(l, width)}   ${r}`.trimEnd()));
}

/** `-o, --output FORMAT` / `    --[no-]follow`. */
function flagLeft(key: string, spec: FlagSpec): string {
  const long = longName(key, spec);
  const name = spec.type === 'boolean' && spec.negatable ? `--[no-]${long}` : `--${long}`;
  const value = spec.type === 'boolean' ? '' : ` ${spec.valueName ?? (spec.type === 'duration' ? 'DURATION' : spec.type === 'number' ? 'N' : 'VALUE')}`;
  return `${spec.short === undefined ? '    ' : `-${spec.short}, `}${name}${value}`;
}

function flagRight(spec: FlagSpec): string {
  const parts = [spec.description];
  if (spec.type === 'enum' && !spec.description.includes(spec.choices[0]!)) parts.push(`(${spec.choices.join('|')})`);
  if (spec.type !== 'boolean' && spec.default !== undefined && !/\(default /.test(spec.description)) {
    parts.push(`(default ${spec.type === 'duration' ? formatDuration(spec.default) : String(spec.default)})`);
  }
  if ('repeatable' in spec && spec.repeatable && !/repeatable/.test(spec.description)) parts.push('(repeatable)');
  return parts.join(' ');
}

/** The flag lines of a table, hidden flags left out. */
export function flagLines(table: FlagTable): string[] {
  return twoColumns(Object.entries(table).filter(([, s]) => !s.hidden).map(([k, s]) => [flagLeft(k, s), flagRight(s)]));
}

/** What confirmation a destructive verb needs, in one sentence. */
function policyNote(policy: DestructivePolicy): string {
  const scripts = {
    direct: 'in scripts it acts directly',
    'yes-if-many': 'in scripts, more than one target needs --yes',
    yes: 'in scripts it needs --yes',
  }[policy];
  return `Changes things: asks first on a terminal; ${scripts}; --all-nodes needs --yes; --readonly refuses it (exit 4).`;
}

/** `berth --help`: verbs grouped, global flags. */
export function renderMainHelp(registry: Registry): string {
  const out = [
    'berth: operate containers on one host or a fleet of them',
    '',
    'Usage:',
    '  berth [global flags] <command> [flags] [args]',
    '  berth                  open the console (on a terminal)',
  ];
  for (const group of registry.groups) {
    const verbs = registry.verbs.filter((v) => v.group === group.id && !v.hidden);
    if (verbs.length === 0) continue;
    out.push('', `${group.title}:`, ...twoColumns(verbs.map((v) => [v.name, v.summary])));
  }
  out.push('', 'Global flags (before or after the command):', ...flagLines(GLOBAL_FLAGS));
  out.push('', "Run 'berth <command> --help' for a command's flags and examples.");
  return `${out.join('\n')}\n`;
}

/** `berth <verb> --help`: usage, arguments, flags, examples. */
export function renderVerbHelp(verb: VerbSpec): string {
  const out = [verb.summary, '', 'Usage:', `  ${usageLine(verb)}`];
  if (verb.aliases && verb.aliases.length > 0) out.push('', `Aliases: ${verb.aliases.join(', ')}`);
  if (verb.description !== undefined) out.push('', verb.description.trimEnd());
  if (verb.destructive !== undefined) out.push('', policyNote(verb.destructive));
  const described = verb.positionals.filter((p) => p.description !== undefined);
  if (described.length > 0) out.push('', 'Arguments:', ...twoColumns(described.map((p) => [positionalSyntax(p), p.description!])));
  const flags = flagLines(verb.flags);
  if (flags.length > 0) out.push('', 'Flags:', ...flags);
  if (verb.examples && verb.examples.length > 0) out.push('', 'Examples:', ...verb.examples.map((e) => `  ${e}`));
  out.push('', "Global flags (--node, -o, --timeout, …): see 'berth --help'.");
  return `${out.join('\n')}\n`;
}

/** `berth image --help`: the verbs of a group. */
export function renderGroupHelp(registry: Registry, prefix: string): string {
  const verbs = registry.verbs.filter((v) => v.name.startsWith(`${prefix} `) && !v.hidden);
  const out = ['Usage:', `  berth ${prefix} <command> [flags] [args]`, '', 'Commands:'];
  out.push(...twoColumns(verbs.map((v) => [v.name.slice(prefix.length + 1), v.summary])));
  out.push('', `Run 'berth ${prefix} <command> --help' for a command's flags and examples.`);
  return `${out.join('\n')}\n`;
}
