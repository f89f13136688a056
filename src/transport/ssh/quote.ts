/**
 * SSH runs a command as ONE string, handed to the remote user's login shell
 * (`$SHELL -c "<string>"`). berth keeps argv everywhere (DESIGN.md
 * "Transports"), so the only place a string is made is here, by quoting
 * each argument for a POSIX shell. Nothing user-supplied is ever pasted.
 *
 * The login shell may not be sh: fish reads `\\` and `\'` as escapes even
 * inside single quotes. So quotes and backslashes are written OUTSIDE the
 * single quotes, as `\'` and `\\`, which every shell (sh, bash, dash, ash,
 * zsh, fish) reads the same way. Known limit: csh/tcsh refuse a newline
 * inside quotes; berth's own scripts are then the problem, and such hosts
 * need a POSIX login shell for the berth user.
 */

/** Characters that never need quoting in any POSIX shell context. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one argument so the host's shell reads it back byte for byte:
 * runs of ordinary characters in single quotes, `'` and `\` escaped
 * outside them (`it's` → `'it'\''s'`). The empty string becomes `''`.
 */
export function shQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('an argument for a remote command cannot contain a NUL byte');
  if (SAFE.test(arg)) return arg;
  if (arg === '') return "''";
  let out = '';
  let run = '';
  for (const ch of arg) {
    if (ch === "'" || ch === '\\') {
      if (run !== '') out += `'${run}'`;
      run = '';
      out += `\\${ch}`;
    } else {
      run += ch;
    }
  }
  return run !== '' ? `${out}'${run}'` : out;
}

/** Joins argv into one command line for `sh -c` on the host. */
export function shJoin(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('empty argv');
  return argv.map(shQuote).join(' ');
}

/**
 * A command line that runs a POSIX script with arguments: `sh -c SCRIPT sh
 * ARG…`. The script is fixed text in berth; paths and names only ever
 * travel as positional parameters ("$1", "$@"), never inside the script.
 */
export function shScript(script: string, args: readonly string[] = []): string {
  return shJoin(['sh', '-c', script, 'sh', ...args]);
}

/** argv prefixed with `env K=V…` so variables reach the command without sshd's AcceptEnv. */
export function withEnv(argv: readonly string[], env: Readonly<Record<string, string>> | undefined): string[] {
  const entries = Object.entries(env ?? {});
  if (entries.length === 0) return [...argv];
  for (const [k] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`invalid environment variable name: ${JSON.stringify(k)}`);
  }
  // `env` takes the first word without `=` as the command (GNU env reads `--` after assignments as one).
  if (argv[0]?.includes('=')) throw new Error(`a command name with "=" cannot run under env: ${JSON.stringify(argv[0])}`);
  return ['env', ...entries.map(([k, v]) => `${k}=${v}`), ...argv];
}
