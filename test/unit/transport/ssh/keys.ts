// Test keys made by the real ssh-keygen into a temp folder (never ~/.ssh).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A generated key: its files and public blob. */
export interface TestKey {
  file: string;
  pub: string;
  /** `ssh-ed25519 AAAA…` (type and base64, no comment). */
  pubLine: string;
  blob: Buffer;
  type: string;
}

/** A temp folder for one test file. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs ssh-keygen to make a key (optionally with a passphrase). */
export function makeKey(dir: string, name: string, type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519', passphrase = ''): TestKey {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', passphrase, '-C', name, '-f', file], { stdio: 'ignore' });
  const pub = readFileSync(`${file}.pub`, 'utf8').trim();
  const [t, b64] = pub.split(' ');
  return { file, pub: `${file}.pub`, pubLine: `${t} ${b64}`, blob: Buffer.from(b64!, 'base64'), type: t! };
}

/** `ssh-keygen -l` output's fingerprint field. */
export function keygenFingerprint(pubFile: string): string {
  return execFileSync('ssh-keygen', ['-l', '-f', pubFile], { encoding: 'utf8' }).split(/\s+/)[1]!;
}
