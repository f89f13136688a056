/**
 * Facts about a raw SSH public key blob (RFC 4253 §6.6: `string type`
 * then type-specific fields): its type name, and its fingerprint in the
 * exact form `ssh-keygen -l` prints, which is what operators compare.
 */
import { createHash } from 'node:crypto';

/** The key type inside a blob (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`); '' when malformed. */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const len = blob.readUInt32BE(0);
  if (len > blob.length - 4 || len > 64) return '';
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** `SHA256:<base64 without padding>`, as `ssh-keygen -l` and OpenSSH's prompts print it. */
export function fingerprintSha256(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Short human name of a key type, as ssh-keygen prints in parentheses (ED25519, RSA, ECDSA). */
export function keyTypeLabel(type: string): string {
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type === 'ssh-rsa') return 'RSA';
  if (type.startsWith('ecdsa-sha2-')) return 'ECDSA';
  if (type.startsWith('sk-ssh-ed25519')) return 'ED25519-SK';
  if (type.startsWith('sk-ecdsa')) return 'ECDSA-SK';
  if (type === 'ssh-dss') return 'DSA';
  return type;
}

/**
 * Host key algorithms to ask for first, given the key types already known
 * for a host. OpenSSH does this too: a server with both an RSA and an
 * Ed25519 key, known by its RSA key, must not look "unknown" just because
 * the client preferred Ed25519.
 */
export function preferredHostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of knownTypes) {
    const algs = t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t];
    for (const a of algs) if (!out.includes(a)) out.push(a);
  }
  return out;
}
