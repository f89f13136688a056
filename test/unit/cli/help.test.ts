import { describe, expect, it } from 'vitest';
import { withBuiltins } from '../../../src/cli/framework/builtins.ts';
import { renderGroupHelp, renderMainHelp, renderVerbHelp } from '../../../src/cli/framework/help.ts';
import { GLOBAL_FLAGS } from '../../../src/cli/framework/globals.ts';
import { longName } from '../../../src/cli/framework/flags.ts';
import { exec, logs, registry, rm, stop } from './fixtures/registry.ts';

const reg = withBuiltins(registry);

describe('berth --help', () => {
  const text = renderMainHelp(reg);

  it('lists the verbs under their groups, in the registry\'s order, with built-ins under Other', () => {
    const sections = [...text.matchAll(/^(\S.*):$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['Usage', 'Containers', 'Images', 'Other', 'Global flags (before or after the command)']);
    expect(text).toMatch(/^ {2}ps {3,}List containers$/m);
    expect(text).toMatch(/^ {2}image rm {3,}Remove images$/m);
    expect(text).toMatch(/^ {2}completion {3,}Print a shell completion script/m);
  });

  it('leaves hidden verbs out', () => {
    expect(text).not.toContain('explode');
  });

  it('lists every global flag of CLI.md', () => {
    for (const [key, spec] of Object.entries(GLOBAL_FLAGS)) expect(text).toContain(`--${longName(key, spec)}`);
    expect(text).toMatch(/^ {2}-o, --output FORMAT {3,}Output format: table, wide, json, jsonl, yaml or name$/m);
    expect(text).toMatch(/--timeout DURATION {3,}Per node, for connecting and for each reply \(default 10s\)$/m);
    expect(text).toMatch(/--node NAME {3,}.*\(repeatable\)$/m);
  });

  it('aligns descriptions', () => {
    const starts = text.split('\n').filter((l) => /^ {2}\S.* {3}\S/.test(l) && l.includes('--')).map((l) => l.search(/ {3}\S/) + 3);
    expect(new Set(starts).size).toBe(1);
  });
});

describe('berth <verb> --help', () => {
  it('shows usage, arguments, flags with defaults, and examples', () => {
    expect(renderVerbHelp(stop)).toBe([
      'Stop running containers',
      '',
      'Usage:',
      '  berth stop [flags] REF…',
      '',
      'Changes things: asks first on a terminal; in scripts it acts directly; --all-nodes needs --yes; --readonly refuses it (exit 4).',
      '',
      'Arguments:',
      '  REF…   Container name, id or id prefix; node/name picks a node',
      '',
      'Flags:',
      '  -t, --time SECONDS   Seconds to wait before killing (default 10)',
      '  -y, --yes            Do not ask; needed in scripts for rm of several items, prune, drain and --all-nodes',
      '      --dry-run        Print what would happen, one line per target, and change nothing',
      '',
      "Global flags (--node, -o, --timeout, …): see 'berth --help'.",
      '',
    ].join('\n'));
  });

  it('says when a verb needs --yes in scripts', () => {
    expect(renderVerbHelp(rm)).toContain('in scripts, more than one target needs --yes');
  });

  it('shows negatable flags and kebab-case names', () => {
    const text = renderVerbHelp(logs);
    expect(text).toContain('-f, --[no-]follow');
    expect(text).toContain('--follow-restarts');
    expect(text).toContain('--tail N');
  });

  it('uses a declared usage line', () => {
    expect(renderVerbHelp(exec)).toContain('  berth exec [-i] [-t] REF [--] CMD…');
  });
});

describe('berth <group> --help', () => {
  it('lists the group\'s verbs', () => {
    expect(renderGroupHelp(reg, 'image')).toBe([
      'Usage:',
      '  berth image <command> [flags] [args]',
      '',
      'Commands:',
      '  ls   List images',
      '  rm   Remove images',
      '',
      "Run 'berth image <command> --help' for a command's flags and examples.",
      '',
    ].join('\n'));
  });
});
