/**
 * ssh_config(5) "TOKENS" and "ENVIRONMENT VARIABLES": `%h`, `%p`, `%r`,
 * `%u`… in IdentityFile, UserKnownHostsFile, IdentityAgent and HostName,
 * `${VAR}` from the environment, and a leading `~` for the home directory.
 * Note OpenSSH's meanings: `%u` is the LOCAL user, `%r` the remote one.
 * `~` is `$HOME` (berth's documented rule, src/transport/ssh/README.md).
 */

/** Values tokens expand to; a missing one is an error when used. */
export interface TokenValues {
  /** %h: remote host name (after HostName). */
  host?: string;
  /** %n: the host as given (the alias). */
  originalHost?: string;
  /** %p */
  port?: number;
  /** %r */
  remoteUser?: string;
  /** %u */
  localUser?: string;
  /** %d: local home directory. */
  home?: string;
  /** %i: local uid. */
  uid?: number | null;
  /** %l, %L: local host name (full, and up to the first dot). */
  localHost?: string;
  /** %k: HostKeyAlias, else the host. */
  hostKeyAlias?: string;
}

/** Expands `%x` tokens; throws on an unknown or unavailable token (OpenSSH refuses those too). */
export function expandTokens(value: string, t: TokenValues, where: string): string {
  return value.replace(/%(.)/g, (_m, c: string) => {
    const v = tokenValue(c, t);
    if (v === undefined) throw new Error(`${where}: the token %${c} is not known or not available here`);
    return v;
  });
}

function tokenValue(c: string, t: TokenValues): string | undefined {
  switch (c) {
    case '%':
      return '%';
    case 'h':
      return t.host;
    case 'n':
      return t.originalHost;
    case 'p':
      return t.port === undefined ? undefined : String(t.port);
    case 'r':
      return t.remoteUser;
    case 'u':
      return t.localUser;
    case 'd':
      return t.home;
    case 'i':
      return t.uid === undefined || t.uid === null ? undefined : String(t.uid);
    case 'l':
      return t.localHost;
    case 'L':
      return t.localHost?.split('.')[0];
    case 'k':
      return t.hostKeyAlias ?? t.host;
    default:
      return undefined;
  }
}

/** Expands `${VAR}`; an unset variable is an error, as in OpenSSH. */
export function expandEnv(value: string, env: Readonly<Record<string, string | undefined>>, where: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const v = env[name];
    if (v === undefined) throw new Error(`${where}: environment variable \${${name}} is not set`);
    return v;
  });
}

/** `~` and `~/x` become the home directory; `~user` is left alone (berth does not read other users' homes). */
export function expandTilde(value: string, home: string): string {
  if (value === '~') return home;
  if (value.startsWith('~/')) return `${home}${value.slice(1)}`;
  return value;
}

/** A path value from the config: `${VAR}`, then tokens, then `~`. */
export function expandPath(value: string, t: TokenValues, env: Readonly<Record<string, string | undefined>>, home: string, where: string): string {
  return expandTilde(expandTokens(expandEnv(value, env, where), t, where), home);
}
