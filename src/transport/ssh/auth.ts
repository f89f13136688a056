/**
 * Who berth logs in as, with what: the ssh-agent (`SSH_AUTH_SOCK`, or
 * IdentityAgent) first, then the identity files, as OpenSSH orders them;
 * with IdentitiesOnly the agent may only offer the keys of those files.
 * A passphrase-protected key is never prompted for in scripts: it is
 * skipped and, if login fails, named with the advice to load it into
 * ssh-agent (the console may pass `askPassphrase`). The agent is used to
 * sign only; berth never forwards it.
 */
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { AuthenticationType, AuthHandlerMiddleware, IdentityCallback, NextAuthHandler, ParsedKey, SignCallback } from 'ssh2';
import type { SshHostConfig } from './config.ts';

/** Asks for a key's passphrase (console only); null means "skip this key". */
export type AskPassphrase = (keyFile: string) => Promise<string | null>;

/** The ways to log in for one host, in order, and what was left out and why. */
export interface Identities {
  /** ssh2 auth handler over the methods below; records what was tried. */
  handler: AuthHandlerMiddleware;
  /** Descriptions of what was offered, for a failed-login message. */
  tried: string[];
  /** Identity files that need a passphrase and were not usable. */
  encrypted: string[];
  /** Whether there is anything at all to offer. */
  empty: boolean;
}

/**
 * An agent view restricted to some public keys (IdentitiesOnly). It has no
 * getStream, so it cannot be forwarded even by mistake.
 */
class FilteredAgent extends ssh2.BaseAgent {
  readonly #inner: InstanceType<typeof ssh2.OpenSSHAgent>;
  readonly #allowed: Buffer[];

  constructor(inner: InstanceType<typeof ssh2.OpenSSHAgent>, allowed: Buffer[]) {
    super();
    this.#inner = inner;
    this.#allowed = allowed;
  }

  getIdentities(cb: IdentityCallback<ParsedKey>): void {
    this.#inner.getIdentities((err, keys) => {
      if (err) return cb(err);
      const parsed = (keys ?? []).filter((k): k is ParsedKey => typeof (k as Partial<ParsedKey>).getPublicSSH === 'function');
      cb(undefined, parsed.filter((k) => this.#allowed.some((a) => a.equals(k.getPublicSSH()))));
    });
  }

  sign(pubKey: ParsedKey, data: Buffer, options: unknown, cb?: SignCallback): void {
    const callback = (typeof options === 'function' ? options : cb) as SignCallback;
    const opts = typeof options === 'object' && options !== null ? options : {};
    this.#inner.sign(pubKey, data, opts, callback);
  }
}

/** A key file read and parsed: a private key, or the fact that it needs a passphrase. */
type LoadedKey = { file: string; key: ParsedKey } | { file: string; encrypted: true; publicBlob: Buffer | null } | null;

/** Whether ssh2 refused a key for want of a passphrase (its wording for OpenSSH, PEM and PPK keys). */
export function isPassphraseError(err: Error): boolean {
  return /passphrase|encrypted/i.test(err.message);
}

/** The public blob from `<file>.pub`, if there is one (lets the agent hold an encrypted key's twin). */
function publicBlobOf(file: string): Buffer | null {
  try {
    const parts = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
    return parts[1] ? Buffer.from(parts[1], 'base64') : null;
  } catch {
    return null;
  }
}

async function loadKey(file: string, ask: AskPassphrase | undefined): Promise<LoadedKey> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  const parsed = ssh2.utils.parseKey(data);
  if (!(parsed instanceof Error)) {
    const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
    return key.isPrivateKey() ? { file, key } : null;
  }
  if (!isPassphraseError(parsed)) return null;
  const passphrase = ask ? await ask(file) : null;
  if (passphrase !== null) {
    const retry = ssh2.utils.parseKey(data, passphrase);
    if (!(retry instanceof Error)) return { file, key: Array.isArray(retry) ? (retry[0] as ParsedKey) : retry };
  }
  return { file, encrypted: true, publicBlob: publicBlobOf(file) };
}

/** Gathers agent and key files for a host and builds the ssh2 auth handler. */
export async function loadIdentities(host: SshHostConfig, ask?: AskPassphrase): Promise<Identities> {
  const loaded = (await Promise.all(host.identityFiles.map((f) => loadKey(f, ask)))).filter((k): k is NonNullable<LoadedKey> => k !== null);
  const keys = loaded.flatMap((k) => ('key' in k ? [k] : []));
  const encrypted = loaded.flatMap((k) => ('encrypted' in k ? [k] : []));
  type Method = { what: string; auth: Parameters<NextAuthHandler>[0] };
  const methods: Method[] = [];
  if (host.identityAgent !== null) {
    const inner = new ssh2.OpenSSHAgent(host.identityAgent);
    if (host.identitiesOnly) {
      const allowed = [...keys.map((k) => k.key.getPublicSSH()), ...encrypted.flatMap((k) => (k.publicBlob ? [k.publicBlob] : []))];
      if (allowed.length > 0) methods.push({ what: `ssh-agent (${host.identityAgent}, only the identity files' keys)`, auth: { type: 'agent', username: host.user, agent: new FilteredAgent(inner, allowed) } });
    } else {
      methods.push({ what: `ssh-agent (${host.identityAgent})`, auth: { type: 'agent', username: host.user, agent: inner } });
    }
  }
  for (const k of keys) methods.push({ what: k.file, auth: { type: 'publickey', username: host.user, key: k.key } });
  const tried: string[] = [];
  let next = 0;
  const handler: AuthHandlerMiddleware = (_methodsLeft, _partial, callback) => {
    const m = methods[next++];
    // ssh2 takes `false` for "no more methods"; its typings leave that out.
    if (!m) return callback(false as unknown as AuthenticationType);
    tried.push(m.what);
    callback(m.auth);
  };
  return { handler, tried, encrypted: encrypted.map((k) => k.file), empty: methods.length === 0 };
}
