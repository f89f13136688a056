/**
 * The host key policy (CLI.md "SSH host keys"): a known key passes; an
 * unknown key is refused under StrictHostKeyChecking yes/ask (the default)
 * with its fingerprint and how to accept it, or recorded under accept-new;
 * `no` is treated as accept-new with a warning (REFERENCE.md "Traps": it
 * must never turn checking off); a changed or revoked key is refused
 * whatever the setting, naming the known_hosts file and line.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BerthError } from '../../domain/errors.ts';
import type { StrictHostKeyChecking } from './config.ts';
import { fingerprintSha256, keyTypeLabel, keyTypeOf } from './hostkey.ts';
import { checkHostKey, knownHostLine, knownHostName, knownKeyTypes, parseKnownHosts, type KnownHostEntry } from './known-hosts.ts';

/** Everything the decision depends on, for one host (the target or a hop). */
export interface HostKeyContext {
  /** Node name, for messages. */
  node: string;
  /** Where berth connects: host name and port (the keyscan hint uses them). */
  hostName: string;
  port: number;
  hostKeyAlias: string | null;
  strict: StrictHostKeyChecking;
  userKnownHostsFiles: readonly string[];
  globalKnownHostsFiles: readonly string[];
  hashKnownHosts: boolean;
}

/** The outcome: accept (maybe recording a line first), or refuse with an operator error. */
export type HostKeyDecision =
  | { accept: true; record: { file: string; line: string } | null; warning: string | null }
  /** `ask` is set for an unknown key under StrictHostKeyChecking ask: a console may ask the operator, and record it on yes. */
  | { accept: false; error: BerthError; ask?: HostKeyQuestion };

/** What a console shows when asking whether to trust an unknown host key. */
export interface HostKeyQuestion {
  node: string;
  /** `host` or `host:port`. */
  host: string;
  /** `ED25519 key SHA256:…`. */
  fingerprint: string;
  /** Where the key is recorded if the operator says yes. */
  record: { file: string; line: string };
}

/** Reads every known_hosts file that exists (missing ones are normal). */
export function loadKnownHosts(files: readonly string[], read: (p: string) => string | null = readIfExists): KnownHostEntry[] {
  return files.flatMap((f) => {
    const text = read(f);
    return text === null ? [] : parseKnownHosts(text, f);
  });
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw err;
  }
}

/** The key types already recorded for this host, so they can be asked for first. */
export function recordedKeyTypes(ctx: HostKeyContext, read?: (p: string) => string | null): string[] {
  const name = knownHostName(ctx.hostName, ctx.port, ctx.hostKeyAlias);
  return knownKeyTypes(loadKnownHosts([...ctx.userKnownHostsFiles, ...ctx.globalKnownHostsFiles], read), name);
}

/** `host` or `host:port` for messages. */
function where(ctx: HostKeyContext): string {
  const h = ctx.hostName.includes(':') ? `[${ctx.hostName}]` : ctx.hostName;
  return ctx.port === 22 ? h : `${h}:${ctx.port}`;
}

/** Decides on a presented host key. Pure apart from reading the files (injected in tests). */
export function decideHostKey(ctx: HostKeyContext, key: Buffer, read?: (p: string) => string | null): HostKeyDecision {
  const name = knownHostName(ctx.hostName, ctx.port, ctx.hostKeyAlias);
  const entries = loadKnownHosts([...ctx.userKnownHostsFiles, ...ctx.globalKnownHostsFiles], read);
  const verdict = checkHostKey(entries, name, key);
  const type = keyTypeOf(key);
  const fp = `${keyTypeLabel(type)} key ${fingerprintSha256(key)}`;
  const at = where(ctx);
  const opts = { node: ctx.node };
  switch (verdict.status) {
    case 'known':
      return { accept: true, record: null, warning: null };
    case 'revoked':
      return {
        accept: false,
        error: new BerthError('unreachable', `host key of ${at} is REVOKED (${fp}, marked @revoked at ${verdict.entry.file}:${verdict.entry.line}); refusing to connect`, {
          ...opts,
          hint: 'the host presents a key its administrators revoked; do not connect until they replace it',
        }),
      };
    case 'changed':
      return {
        accept: false,
        error: new BerthError('unreachable', `host key of ${at} has CHANGED: it now presents ${fp}, but ${verdict.entry.file}:${verdict.entry.line} holds a different ${keyTypeLabel(type)} key; someone may be intercepting the connection, so berth refuses whatever StrictHostKeyChecking says`, {
          ...opts,
          hint: `if the host was really reinstalled, check the new fingerprint with its administrator, then remove the old key (ssh-keygen -R '${name}' -f ${verdict.entry.file}) and connect again`,
        }),
      };
    case 'unknown':
      break;
  }
  const target = ctx.userKnownHostsFiles[0];
  const accept = ctx.strict === 'accept-new' || ctx.strict === 'no';
  if (accept && target !== undefined) {
    const warning =
      ctx.strict === 'no'
        ? `StrictHostKeyChecking no is treated as accept-new: recorded the new host key of ${at} (${fp}) in ${target}; changed keys are still refused`
        : null;
    return { accept: true, record: { file: target, line: knownHostLine(name, key, ctx.hashKnownHosts) }, warning };
  }
  const others = verdict.otherTypes.length > 0
    ? `; keys of other types are recorded for it (${verdict.otherTypes.map((e) => `${e.keyType} at ${e.file}:${e.line}`).join(', ')})`
    : '';
  const file = target ?? '~/.ssh/known_hosts';
  const ask = ctx.strict === 'ask' && target !== undefined ? { node: ctx.node, host: at, fingerprint: fp, record: { file: target, line: knownHostLine(name, key, ctx.hashKnownHosts) } } : undefined;
  const scanType = type === 'ssh-rsa' ? 'rsa' : type === 'ssh-ed25519' ? 'ed25519' : type.startsWith('ecdsa') ? 'ecdsa' : type;
  return {
    accept: false,
    ...(ask ? { ask } : {}),
    error: new BerthError('unreachable', `host key of ${at} is not known: the host presents ${fp}${others}`, {
      ...opts,
      hint: `check that fingerprint with the host's administrator (on the host: ssh-keygen -lf /etc/ssh/ssh_host_${scanType}_key.pub), then record it: ssh-keyscan ${ctx.hashKnownHosts ? '-H ' : ''}-p ${ctx.port} -t ${scanType} ${ctx.hostName} >> ${file} — or set "StrictHostKeyChecking accept-new" for this host in the ssh config`,
    }),
  };
}

/** Appends an accepted key to known_hosts, creating the file (and ~/.ssh) when needed. */
export function recordHostKey(record: { file: string; line: string }): void {
  mkdirSync(dirname(record.file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const text = readFileSync(record.file);
    if (text.length > 0 && text[text.length - 1] !== 0x0a) prefix = '\n';
  } catch {
    // a new file
  }
  appendFileSync(record.file, `${prefix}${record.line}\n`, { mode: 0o600 });
}
