/**
 * What the user's ssh config says about one host, evaluated in JavaScript
 * rather than by `ssh -G`: OpenSSH finds `~` through the password database,
 * so `ssh -G` reads the real home even when `$HOME` points elsewhere
 * (REFERENCE.md "Traps"). berth follows `$HOME`, and `BERTH_SSH_CONFIG`
 * names one file used instead, like `ssh -F` (which also skips
 * /etc/ssh/ssh_config). Semantics follow ssh_config(5): files in order,
 * `Host`/`Match` blocks, `Include`, and the FIRST value of an option wins
 * (IdentityFile accumulates).
 */
import { BerthError } from '../../domain/errors.ts';
import { lexConfig, type ConfigLine } from './config-lex.ts';
import { expandPath, expandTokens, type TokenValues } from './config-tokens.ts';
import type { Destination } from './destination.ts';
import { globMatch, matchPatternList } from './patterns.ts';

/** StrictHostKeyChecking values; `ask` is OpenSSH's default (refuse in scripts). */
export type StrictHostKeyChecking = 'yes' | 'ask' | 'accept-new' | 'no';

/** The settings berth uses for one host, after evaluating the config. */
export interface SshHostConfig {
  /** The host as given (alias or name). */
  alias: string;
  /** Where to connect (HostName, else the alias). */
  hostName: string;
  user: string;
  port: number;
  /** Identity files in order, expanded; the defaults when none was configured. */
  identityFiles: string[];
  /** Whether identityFiles came from the config (missing ones are then reported). */
  identityFilesExplicit: boolean;
  identitiesOnly: boolean;
  /** Agent socket path; null when there is none or `IdentityAgent none`. */
  identityAgent: string | null;
  /** ProxyJump hops, first one first; empty for a direct connection. */
  proxyJump: string[];
  /** Set when the config uses ProxyCommand (berth does not run it). */
  proxyCommand: string | null;
  connectTimeoutMs: number | null;
  userKnownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  strictHostKeyChecking: StrictHostKeyChecking;
  hashKnownHosts: boolean;
  /** The name host keys are recorded and looked up under, when not the host name. */
  hostKeyAlias: string | null;
  serverAliveIntervalMs: number | null;
  serverAliveCountMax: number | null;
  batchMode: boolean;
  /** Things berth noticed and ignores on purpose (ForwardAgent, Match exec). */
  warnings: string[];
}

/** What evaluating needs from the machine; every read goes through here, so tests are hermetic. */
export interface SshConfigEnv {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  localUser: string;
  uid: number | null;
  localHost: string;
  /** A file's text, or null when it does not exist. */
  readText(path: string): string | null;
  /** Entries of a folder, or null when it does not exist (for Include globs). */
  listDir(path: string): string[] | null;
}

/** One config file to read, in order. */
export interface ConfigFile {
  path: string;
  /** A missing required file is an error (BERTH_SSH_CONFIG). */
  required: boolean;
  /** The system file: its relative Includes are under /etc/ssh. */
  system: boolean;
}

/** The files OpenSSH would read: `BERTH_SSH_CONFIG` alone (like -F), else ~/.ssh/config then /etc/ssh/ssh_config. */
export function sshConfigFiles(env: Readonly<Record<string, string | undefined>>, home: string): ConfigFile[] {
  const explicit = env.BERTH_SSH_CONFIG;
  if (explicit) return [{ path: explicit, required: true, system: false }];
  return [
    { path: `${home}/.ssh/config`, required: false, system: false },
    { path: '/etc/ssh/ssh_config', required: false, system: true },
  ];
}

const DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'];
const MAX_INCLUDE_DEPTH = 16;

/** A config error naming file and line (exit 2). */
function configError(line: ConfigLine, message: string): BerthError {
  return new BerthError('config', `${line.file}:${line.line}: ${message}`, { hint: 'fix the ssh config (see ssh_config(5))' });
}

/** Expands an Include glob against the local file system; only `*`/`?` in path components. */
function expandInclude(pattern: string, cfg: SshConfigEnv): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let paths = [''];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    const next: string[] = [];
    for (const base of paths) {
      if (!/[*?]/.test(part)) {
        next.push(`${base}/${part}`);
        continue;
      }
      const entries = cfg.listDir(base === '' ? '/' : base) ?? [];
      for (const e of entries.sort()) if (!e.startsWith('.') && globMatch(part, e, false)) next.push(`${base}/${e}`);
    }
    paths = next;
  }
  return paths;
}

/** The state of one evaluation. */
interface Walk {
  dest: Destination;
  cfg: SshConfigEnv;
  first: Map<string, ConfigLine>;
  identityFiles: ConfigLine[];
  warnings: string[];
}

/** The host `Match host` compares against: HostName (with %h) once set, else the alias. */
function currentHost(w: Walk): string {
  const hn = w.first.get('hostname');
  return hn ? hn.args[0]!.replace(/%h/g, w.dest.host) : w.dest.host;
}

/** Evaluates a `Match` line; unsupported criteria (exec, localnetwork, tagged) never match, with a warning. */
function matchLine(line: ConfigLine, w: Walk): boolean {
  const args = line.args;
  if (args.length === 1 && args[0]!.toLowerCase() === 'all') return true;
  let ok = true;
  for (let i = 0; i < args.length; i++) {
    let crit = args[i]!.toLowerCase();
    const negate = crit.startsWith('!');
    if (negate) crit = crit.slice(1);
    let result: boolean;
    if (crit === 'all' || crit === 'canonical' || crit === 'final') {
      // berth makes one pass and never canonicalizes: that pass is the final one.
      result = true;
    } else {
      const arg = args[++i];
      if (arg === undefined) throw configError(line, `Match ${crit} needs an argument`);
      const list = arg.split(',');
      const user = w.dest.user ?? w.first.get('user')?.args[0] ?? w.cfg.localUser;
      switch (crit) {
        case 'host':
          result = matchPatternList(list, currentHost(w)) === 'match';
          break;
        case 'originalhost':
          result = matchPatternList(list, w.dest.host) === 'match';
          break;
        case 'user':
          result = matchPatternList(list, user) === 'match';
          break;
        case 'localuser':
          result = matchPatternList(list, w.cfg.localUser) === 'match';
          break;
        default:
          w.warnings.push(`${line.file}:${line.line}: Match ${crit} is not supported by berth; that block is skipped`);
          return false;
      }
    }
    if (negate ? result : !result) ok = false;
  }
  return ok;
}

/** Reads one file's lines into the walk, honouring Host/Match blocks and Include. */
function walkFile(file: ConfigFile, w: Walk, startActive: boolean, depth: number): void {
  const text = w.cfg.readText(file.path);
  if (text === null) {
    if (file.required) throw new BerthError('config', `ssh config ${file.path} does not exist`, { hint: 'fix BERTH_SSH_CONFIG, or unset it to use ~/.ssh/config' });
    return;
  }
  let lines: ConfigLine[];
  try {
    lines = lexConfig(text, file.path);
  } catch (err) {
    throw new BerthError('config', (err as Error).message, { hint: 'fix the ssh config (see ssh_config(5))' });
  }
  let active = startActive;
  for (const line of lines) {
    switch (line.keyword) {
      case 'host':
        active = startActive && matchPatternList(line.args, w.dest.host) === 'match';
        continue;
      case 'match':
        active = startActive && matchLine(line, w);
        continue;
      case 'include':
        if (depth >= MAX_INCLUDE_DEPTH) throw configError(line, 'Include nested too deeply (a loop?)');
        for (const arg of line.args) {
          const base = file.system ? '/etc/ssh' : `${w.cfg.home}/.ssh`;
          const path = arg.startsWith('/') || arg.startsWith('~') ? expandPath(arg, {}, w.cfg.env, w.cfg.home, `${line.file}:${line.line}`) : `${base}/${arg}`;
          for (const p of expandInclude(path, w.cfg)) walkFile({ path: p, required: false, system: file.system }, w, active, depth + 1);
        }
        continue;
      default:
        if (!active) continue;
        if (line.args.length === 0) throw configError(line, `${line.keyword} needs a value`);
        if (line.keyword === 'identityfile') w.identityFiles.push(line);
        else if (!w.first.has(line.keyword)) w.first.set(line.keyword, line);
    }
  }
}

function yesNo(line: ConfigLine | undefined, dflt: boolean): boolean {
  if (!line) return dflt;
  const v = line.args[0]!.toLowerCase();
  if (v === 'yes' || v === 'true') return true;
  if (v === 'no' || v === 'false') return false;
  throw configError(line, `${line.keyword} must be yes or no, not "${line.args[0]}"`);
}

function seconds(line: ConfigLine | undefined, min: number): number | null {
  if (!line) return null;
  const v = line.args[0]!;
  if (v.toLowerCase() === 'none') return null;
  if (!/^\d+$/.test(v) || Number(v) < min) throw configError(line, `${line.keyword} must be a whole number of seconds, not "${v}"`);
  return Number(v);
}

function strictness(line: ConfigLine | undefined): StrictHostKeyChecking {
  if (!line) return 'ask';
  const v = line.args[0]!.toLowerCase();
  if (v === 'yes' || v === 'ask' || v === 'accept-new') return v;
  if (v === 'no' || v === 'off') return 'no';
  throw configError(line, `StrictHostKeyChecking must be yes, ask, accept-new or no, not "${line.args[0]}"`);
}

/**
 * Evaluates the config files for a destination. Values given in the
 * destination (user@, :port) win over the config, as on ssh's command line.
 */
export function resolveSshHost(dest: Destination, files: readonly ConfigFile[], cfg: SshConfigEnv): SshHostConfig {
  const w: Walk = { dest, cfg, first: new Map(), identityFiles: [], warnings: [] };
  for (const f of files) walkFile(f, w, true, 0);
  const get = (k: string): ConfigLine | undefined => w.first.get(k);

  const hostNameLine = get('hostname');
  const hostName = hostNameLine ? expandTokens(hostNameLine.args[0]!, { host: dest.host }, `${hostNameLine.file}:${hostNameLine.line}`) : dest.host;
  const portLine = get('port');
  let port = dest.port ?? 22;
  if (dest.port === null && portLine) {
    port = Number(portLine.args[0]);
    if (!/^\d+$/.test(portLine.args[0]!) || port < 1 || port > 65535) throw configError(portLine, `Port must be 1-65535, not "${portLine.args[0]}"`);
  }
  const user = dest.user ?? get('user')?.args[0] ?? cfg.localUser;
  const aliasLine = get('hostkeyalias');
  const tokens: TokenValues = {
    host: hostName,
    originalHost: dest.host,
    port,
    remoteUser: user,
    localUser: cfg.localUser,
    home: cfg.home,
    uid: cfg.uid,
    localHost: cfg.localHost,
    hostKeyAlias: aliasLine?.args[0] ?? hostName,
  };
  const path = (line: ConfigLine, value: string): string => expandPath(value, tokens, cfg.env, cfg.home, `${line.file}:${line.line}`);
  const paths = (line: ConfigLine | undefined, dflt: string[]): string[] => {
    if (!line) return dflt;
    if (line.args.length === 1 && line.args[0]!.toLowerCase() === 'none') return [];
    return line.args.map((a) => path(line, a));
  };
  const wrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw err instanceof BerthError ? err : new BerthError('config', (err as Error).message, { hint: 'fix the ssh config (see ssh_config(5))' });
    }
  };

  return wrap(() => {
    const identityFiles = w.identityFiles.filter((l) => l.args[0]!.toLowerCase() !== 'none').map((l) => path(l, l.args[0]!));
    const agentLine = get('identityagent');
    let identityAgent: string | null = cfg.env.SSH_AUTH_SOCK || null;
    if (agentLine) {
      const v = agentLine.args[0]!;
      identityAgent = v.toLowerCase() === 'none' ? null : v === 'SSH_AUTH_SOCK' ? cfg.env.SSH_AUTH_SOCK || null : path(agentLine, v);
    }
    const jump = get('proxyjump');
    const proxyJump = !jump || jump.args[0]!.toLowerCase() === 'none' ? [] : jump.args.join(',').split(',').filter((h) => h !== '');
    const proxyCommandLine = get('proxycommand');
    const proxyCommand = proxyCommandLine && proxyCommandLine.args[0]!.toLowerCase() !== 'none' ? proxyCommandLine.args.join(' ') : null;
    const forward = get('forwardagent');
    if (forward && forward.args[0]!.toLowerCase() !== 'no') w.warnings.push(`${forward.file}:${forward.line}: ForwardAgent is ignored: berth never forwards the agent`);
    const connectTimeout = seconds(get('connecttimeout'), 0);
    const aliveInterval = seconds(get('serveraliveinterval'), 0);
    const aliveCount = seconds(get('serveralivecountmax'), 1);
    return {
      alias: dest.host,
      hostName,
      user,
      port,
      identityFiles: identityFiles.length > 0 ? identityFiles : DEFAULT_IDENTITIES.map((n) => `${cfg.home}/.ssh/${n}`),
      identityFilesExplicit: identityFiles.length > 0,
      identitiesOnly: yesNo(get('identitiesonly'), false),
      identityAgent,
      proxyJump,
      proxyCommand,
      connectTimeoutMs: connectTimeout === null || connectTimeout === 0 ? null : connectTimeout * 1000,
      userKnownHostsFiles: paths(get('userknownhostsfile'), [`${cfg.home}/.ssh/known_hosts`, `${cfg.home}/.ssh/known_hosts2`]),
      globalKnownHostsFiles: paths(get('globalknownhostsfile'), ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2']),
      strictHostKeyChecking: strictness(get('stricthostkeychecking')),
      hashKnownHosts: yesNo(get('hashknownhosts'), false),
      hostKeyAlias: aliasLine?.args[0] ?? null,
      serverAliveIntervalMs: aliveInterval === null || aliveInterval === 0 ? null : aliveInterval * 1000,
      serverAliveCountMax: aliveCount,
      batchMode: yesNo(get('batchmode'), false),
      warnings: w.warnings,
    };
  });
}
