import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBuiltins } from '../../../src/cli/framework/builtins.ts';
import { completionScript } from '../../../src/cli/framework/completion.ts';
import { completionModel } from '../../../src/cli/framework/completion/model.ts';
import { registry } from './fixtures/registry.ts';

const reg = withBuiltins(registry);
const has = (shell: string): boolean => spawnSync(shell, ['-c', 'true']).status === 0;

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-completion-'));
  // A stand-in berth on PATH that lists containers as `berth ps -a -o name` would.
  writeFileSync(join(dir, 'berth'), '#!/bin/sh\ncase "$*" in\n  "ps -a -o name --timeout 3s") printf \'local/web\\nweb1/db\\n\' ;;\nesac\n');
  chmodSync(join(dir, 'berth'), 0o755);
  for (const shell of ['bash', 'zsh', 'fish'] as const) writeFileSync(join(dir, `berth.${shell}`), completionScript(shell, reg));
  env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(shell: string, args: string[]): string {
  const r = spawnSync(shell, args, { encoding: 'utf8', env, cwd: dir, timeout: 20_000 });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('the completion model', () => {
  it('comes from the registry: verbs, aliases, groups, flags, and live lists where a verb serves them', () => {
    const m = completionModel(reg);
    expect(m.firstWords.map((w) => w.word)).toEqual(['ps', 'stop', 'kill', 'rm', 'logs', 'exec', 'stats', 'image', 'images', 'rmi', 'prune', 'help', 'completion']);
    expect(m.groups).toEqual([{ prefix: 'image', words: [{ word: 'ls', summary: 'List images' }, { word: 'rm', summary: 'Remove images' }] }]);
    expect(m.lists).toEqual({ container: ['ps', '-a', '-o', 'name', '--timeout', '3s'], image: ['images', '-o', 'name', '--timeout', '3s'] });
    expect(m.globals.find((g) => g.long === 'output')?.values).toEqual(['table', 'wide', 'json', 'jsonl', 'yaml', 'name']);
  });
});

describe.skipIf(!has('bash'))('bash', () => {
  /** What bash offers for the words typed so far (the last one is being completed). */
  function complete(...words: string[]): string[] {
    const script = [
      `source ${join(dir, 'berth.bash')}`,
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=()`,
      '_berth',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    return run('bash', ['--norc', '-c', script]).split('\n').filter(Boolean).sort();
  }

  it('parses', () => {
    expect(spawnSync('bash', ['-n', join(dir, 'berth.bash')]).status).toBe(0);
  });

  it('completes commands, including two-word ones', () => {
    expect(complete('berth', 'st')).toEqual(['stats', 'stop']);
    expect(complete('berth', 'image', '')).toEqual(['ls', 'rm']);
  });

  it('completes container names live from `berth ps -a -o name`, as node/name and bare', () => {
    expect(complete('berth', 'stop', '')).toEqual(['db', 'local/web', 'web', 'web1/db']);
    expect(complete('berth', '--node', 'x', 'logs', '-f', 'w')).toEqual(['web', 'web1/db']);
  });

  it('completes -o values and enumerated flag values', () => {
    expect(complete('berth', 'ps', '-o', '')).toEqual(['json', 'jsonl', 'name', 'table', 'wide', 'yaml']);
    expect(complete('berth', 'kill', '-s', '')).toEqual(['HUP', 'INT', 'KILL', 'TERM']);
    expect(complete('berth', 'completion', '')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('offers a verb\'s flags with the global ones, a shadowed global short letter once', () => {
    const flags = complete('berth', 'rm', '-');
    expect(flags).toContain('--volumes');
    expect(flags).toContain('--verbose');
    expect(flags.filter((f) => f === '-v')).toHaveLength(1);
    expect(complete('berth', '--no-')).toEqual(['--no-color', '--no-headers']);
  });

  it('skips flag values when finding the command and counting arguments', () => {
    expect(complete('berth', '--timeout', '5s', '-o', 'json', 'logs', 'web', '')).toEqual([]);
    expect(complete('berth', 'logs', '--tail', '5', '')).toEqual(['db', 'local/web', 'web', 'web1/db']);
  });

  it('offers nothing once exec\'s command has started', () => {
    expect(complete('berth', 'exec', 'web', '')).toEqual([]);
    expect(complete('berth', 'exec', 'web', '-')).toEqual([]);
    expect(complete('berth', 'exec', '-')).toContain('--interactive');
  });
});

describe.skipIf(!has('zsh'))('zsh', () => {
  /** What zsh would offer, with the completion system's builtins stubbed to print what they receive. */
  function complete(...words: string[]): string[] {
    const script = [
      'compdef() { : }',
      `source ${join(dir, 'berth.zsh')}`,
      '_describe() { local -a arr; arr=("${(@P)2}"); print -rl -- "${arr[@]%%:*}" }',
      'compadd() { shift; print -rl -- "$@" }',
      '_files() { print -r -- "<files>" }',
      `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}`,
      '_berth',
    ].join('\n');
    return run('zsh', ['-f', '-c', script]).split('\n').filter(Boolean).sort();
  }

  it('parses', () => {
    expect(spawnSync('zsh', ['-n', join(dir, 'berth.zsh')]).status).toBe(0);
  });

  it('completes commands, containers, -o values, files and flags', () => {
    expect(complete('berth', 'image', '')).toEqual(['ls', 'rm']);
    expect(complete('berth', 'stop', '')).toEqual(['db', 'local/web', 'web', 'web1/db']);
    expect(complete('berth', '-o', '')).toEqual(['json', 'jsonl', 'name', 'table', 'wide', 'yaml']);
    expect(complete('berth', '--config', '')).toEqual(['<files>']);
    const flags = complete('berth', 'rm', '-');
    expect(flags).toContain('--volumes');
    expect(flags.filter((f) => f === '-v')).toHaveLength(1);
    expect(complete('berth', 'exec', 'web', '')).toEqual([]);
  });
});

describe.skipIf(!has('fish'))('fish', () => {
  /** What fish offers, through its own `complete -C`. */
  function complete(line: string): string[] {
    return run('fish', ['--no-config', '-c', `source ${join(dir, 'berth.fish')}; complete -C'${line}'`])
      .split('\n').filter(Boolean).map((l) => l.split('\t')[0]!).sort();
  }

  it('parses', () => {
    expect(spawnSync('fish', ['--no-execute', join(dir, 'berth.fish')]).status).toBe(0);
  });

  it('completes commands, groups, containers, -o values and flags', () => {
    expect(complete('berth st')).toEqual(['stats', 'stop']);
    expect(complete('berth image ')).toEqual(['ls', 'rm']);
    expect(complete('berth --node x stop ')).toEqual(['db', 'local/web', 'web', 'web1/db']);
    expect(complete('berth -o ')).toEqual(['json', 'jsonl', 'name', 'table', 'wide', 'yaml']);
    const flags = complete('berth rm -');
    expect(flags).toContain('--volumes');
    expect(flags.filter((f) => f === '-v')).toHaveLength(1);
    expect(complete('berth exec web -')).toEqual([]);
  });
});
