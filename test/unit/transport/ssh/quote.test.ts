import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shJoin, shQuote, shScript, withEnv } from '../../../../src/transport/ssh/quote.ts';

/** Arguments that break naive quoting: quotes, expansions, globs, separators, control bytes, UTF-8. */
const NASTY = [
  '',
  ' ',
  'plain',
  "it's",
  "''",
  "'\\''",
  '"double"',
  '$HOME',
  '${HOME}',
  '$(id -u)',
  '`id -u`',
  'a;b',
  'a && b || c',
  'a|b',
  '>out',
  '<in',
  '*',
  '?',
  '[a-z]*',
  '~',
  '~root',
  '#comment',
  '!!',
  'back\\slash',
  'tab\there',
  'new\nline',
  'trailing\n',
  '\r\x1b[31mred\x1b[0m',
  '-n',
  '--',
  '%s%n',
  '名前 🐳',
  'x=1',
  '\\',
  '\\\\',
  "\\'",
  "'\\",
  'a\\nb',
  "'",
  '"',
];

/** An empty HOME of our own: fish writes ~/.config at start, and must not write outside the test's folder. */
const HOME = mkdtempSync(join(tmpdir(), 'berth-quote-home-'));

/** Runs `printf '%s\0' ARGS` through a real shell and splits what comes back. */
function roundTrip(shell: string, args: readonly string[]): string[] {
  const line = shJoin(['printf', '%s\\0', ...args]);
  const out = shell === '/bin/busybox' ? execFileSync(shell, ['sh', '-c', line]) : execFileSync(shell, ['-c', line], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME } });
  const parts = out.toString('utf8').split('\0');
  parts.pop();
  return parts;
}

describe('shQuote', () => {
  it('leaves safe words alone and quotes everything else', () => {
    expect(shQuote('docker')).toBe('docker');
    expect(shQuote('/var/run/docker.sock')).toBe('/var/run/docker.sock');
    expect(shQuote('')).toBe("''");
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(shQuote('a\\b')).toBe(`'a'\\\\'b'`);
    expect(shQuote('$HOME')).toBe(`'$HOME'`);
  });

  it('refuses a NUL byte, which no command line can carry', () => {
    expect(() => shQuote('a\0b')).toThrow(/NUL/);
  });

  // fish is a real login shell on some hosts; it reads \\ and \' inside single quotes as escapes.
  for (const shell of ['/bin/sh', '/bin/dash', '/bin/bash', '/bin/zsh', '/bin/busybox', '/usr/bin/fish']) {
    it.skipIf(!existsSync(shell))(`every nasty argument survives ${shell} -c byte for byte`, () => {
      expect(roundTrip(shell, NASTY)).toEqual(NASTY);
    });
  }

  it('each argument stays one argument (no splitting, no globbing)', () => {
    expect(roundTrip('/bin/sh', ['a b', '*', ''])).toEqual(['a b', '*', '']);
  });
});

describe('shScript', () => {
  it('passes arguments as positional parameters, never inside the script', () => {
    const cmd = shScript('printf "%s|" "$@"', ["a'b", '$(echo no)', '']);
    expect(execFileSync('/bin/sh', ['-c', cmd]).toString()).toBe("a'b|$(echo no)||");
  });
});

describe('withEnv', () => {
  it('prefixes env NAME=VALUE so sshd AcceptEnv does not matter', () => {
    const argv = withEnv(['sh', '-c', 'printf %s "$X"'], { X: "va'l ue" });
    expect(argv.slice(0, 3)).toEqual(['env', "X=va'l ue", 'sh']);
    expect(execFileSync('/bin/sh', ['-c', shJoin(argv)]).toString()).toBe("va'l ue");
  });

  it('rejects a variable name a shell could misread, and a command env would take for a variable', () => {
    expect(() => withEnv(['true'], { 'A;B': 'x' })).toThrow(/invalid environment variable/);
    expect(() => withEnv(['a=b'], { A: 'x' })).toThrow(/cannot run under env/);
  });

  it('returns argv unchanged without env', () => {
    expect(withEnv(['true'], undefined)).toEqual(['true']);
  });
});
