/**
 * known_hosts, as sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT" defines it: lines
 * `[@marker] hosts keytype base64 [comment]`; hosts is a comma list of
 * names, `[host]:port` for other ports than 22, wildcards and `!negation`,
 * or one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
 * `@revoked` keys are refused, `@cert-authority` lines do not vouch for
 * plain keys. ssh2 reads none of this (REFERENCE.md §4), so berth does.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { keyTypeOf } from './hostkey.ts';
import { matchPatternList, type ListMatch } from './patterns.ts';

/** One usable line of a known_hosts file. */
export interface KnownHostEntry {
  file: string;
  /** 1-based line number, for "changed" messages. */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  /** The hosts field as written. */
  hosts: string;
  keyType: string;
  key: Buffer;
}

/** The name a host is recorded under: `host` on port 22, `[host]:port` otherwise; a HostKeyAlias as is. */
export function knownHostName(host: string, port: number, hostKeyAlias: string | null = null): string {
  if (hostKeyAlias !== null) return hostKeyAlias;
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Parses a file's text; malformed lines are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, idx) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0]!.startsWith('#')) return;
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]!.startsWith('@')) {
      const m = fields.shift()!;
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else return;
    }
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) return;
    const key = Buffer.from(b64, 'base64');
    if (keyTypeOf(key) !== keyType) return;
    out.push({ file, line: idx + 1, marker, hosts, keyType, key });
  });
  return out;
}

/** Whether an entry's hosts field names `name` (hashed or patterns). */
export function entryMatches(entry: KnownHostEntry, name: string): ListMatch {
  if (entry.hosts.startsWith('|1|')) {
    const [, , salt, hash] = entry.hosts.split('|');
    if (!salt || !hash) return 'none';
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash ? 'match' : 'none';
  }
  return matchPatternList(entry.hosts.split(','), name);
}

/** The verdict on a presented host key. */
export type HostKeyVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }
  /** A different key of the same type is recorded for this name: possible attack. */
  | { status: 'changed'; entry: KnownHostEntry }
  /** Nothing recorded for this key type; `otherTypes` lists keys of other types recorded for the name. */
  | { status: 'unknown'; otherTypes: KnownHostEntry[] };

/**
 * Checks a key against every entry for `name`. A matching key anywhere wins
 * over a mismatch elsewhere (a host listed twice, old and new), except that
 * a revoked key is refused outright; a same-type mismatch with no match is
 * "changed".
 */
export function checkHostKey(entries: readonly KnownHostEntry[], name: string, key: Buffer): HostKeyVerdict {
  const type = keyTypeOf(key);
  let changed: KnownHostEntry | null = null;
  let known: KnownHostEntry | null = null;
  const otherTypes: KnownHostEntry[] = [];
  for (const e of entries) {
    if (e.marker === 'cert-authority') continue;
    if (entryMatches(e, name) !== 'match') continue;
    const same = e.key.equals(key);
    if (e.marker === 'revoked') {
      if (same) return { status: 'revoked', entry: e };
      continue;
    }
    if (same) known ??= e;
    else if (e.keyType === type) changed ??= e;
    else otherTypes.push(e);
  }
  if (known) return { status: 'known', entry: known };
  if (changed) return { status: 'changed', entry: changed };
  return { status: 'unknown', otherTypes };
}

/** Key types recorded (not revoked, not CA) for a name, in file order; used to order host key algorithms. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  const types: string[] = [];
  for (const e of entries) {
    if (e.marker === null && entryMatches(e, name) === 'match' && !types.includes(e.keyType)) types.push(e.keyType);
  }
  return types;
}

/** `|1|salt|hash` for a name, as `ssh-keygen -H` and HashKnownHosts write it. */
export function hashHostName(name: string, salt: Buffer = randomBytes(20)): string {
  const mac = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${mac}`;
}

/** The line to append for a newly accepted key. */
export function knownHostLine(name: string, key: Buffer, hashed: boolean): string {
  return `${hashed ? hashHostName(name) : name} ${keyTypeOf(key)} ${key.toString('base64')}`;
}
