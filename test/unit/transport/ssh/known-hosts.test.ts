import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintSha256, keyTypeOf, preferredHostKeyAlgorithms } from '../../../../src/transport/ssh/hostkey.ts';
import { checkHostKey, entryMatches, hashHostName, knownHostLine, knownHostName, knownKeyTypes, parseKnownHosts } from '../../../../src/transport/ssh/known-hosts.ts';
import { keygenFingerprint, makeKey, tempDir, type TestKey } from './keys.ts';

let dir: string;
let a: TestKey;
let b: TestKey;
let ec: TestKey;
let rsa: TestKey;

beforeAll(() => {
  dir = tempDir('berth-kh-');
  a = makeKey(dir, 'host_a');
  b = makeKey(dir, 'host_b');
  ec = makeKey(dir, 'host_ec', 'ecdsa');
  rsa = makeKey(dir, 'host_rsa', 'rsa');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('host key facts', () => {
  it('the fingerprint is exactly what ssh-keygen -l prints', () => {
    for (const k of [a, ec, rsa]) expect(fingerprintSha256(k.blob)).toBe(keygenFingerprint(k.pub));
  });

  it('reads the key type out of the blob', () => {
    expect(keyTypeOf(a.blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(ec.blob)).toBe('ecdsa-sha2-nistp256');
    expect(keyTypeOf(rsa.blob)).toBe('ssh-rsa');
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe('');
  });

  it('asks first for the algorithms of keys already known (RSA means the rsa-sha2 ones)', () => {
    expect(preferredHostKeyAlgorithms(['ssh-rsa', 'ssh-ed25519'])).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
  });
});

describe('known_hosts names', () => {
  it('[host]:port for ports other than 22; a HostKeyAlias as is', () => {
    expect(knownHostName('web1', 22)).toBe('web1');
    expect(knownHostName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
    expect(knownHostName('web1', 2222, 'alias')).toBe('alias');
  });
});

describe('parsing and matching', () => {
  it('plain, comma lists, [host]:port, wildcards, negation; comments and junk are skipped', () => {
    const text = [
      '# comment',
      `web1,10.0.0.1 ${a.pubLine} c`,
      `[127.0.0.1]:2222 ${b.pubLine}`,
      `*.prod.example.com,!db.prod.example.com ${ec.pubLine}`,
      'garbage line',
      `web9 ssh-ed25519 !!!notbase64`,
      '',
    ].join('\n');
    const entries = parseKnownHosts(text, '/kh');
    expect(entries.map((e) => [e.line, e.hosts])).toEqual([
      [2, 'web1,10.0.0.1'],
      [3, '[127.0.0.1]:2222'],
      [4, '*.prod.example.com,!db.prod.example.com'],
    ]);
    expect(entryMatches(entries[0]!, '10.0.0.1')).toBe('match');
    expect(entryMatches(entries[1]!, '[127.0.0.1]:2222')).toBe('match');
    expect(entryMatches(entries[1]!, '127.0.0.1')).toBe('none');
    expect(entryMatches(entries[2]!, 'api.prod.example.com')).toBe('match');
    expect(entryMatches(entries[2]!, 'db.prod.example.com')).toBe('negated');
  });

  it('hashed entries written by ssh-keygen -H match the same names ssh-keygen -F finds', () => {
    const file = join(dir, 'kh_hashed');
    writeFileSync(file, `web1 ${a.pubLine}\n[127.0.0.1]:2222 ${b.pubLine}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/web1|127\.0\.0\.1/);
    const entries = parseKnownHosts(text, file);
    expect(entries.every((e) => e.hosts.startsWith('|1|'))).toBe(true);
    for (const name of ['web1', '[127.0.0.1]:2222']) {
      const found = execFileSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' });
      const ours = entries.filter((e) => entryMatches(e, name) === 'match');
      expect(ours).toHaveLength(1);
      expect(found).toContain(ours[0]!.key.toString('base64'));
    }
    expect(entries.some((e) => entryMatches(e, 'web2') === 'match')).toBe(false);
  });

  it('our own hashes are read back by ssh-keygen -F', () => {
    const file = join(dir, 'kh_ours');
    writeFileSync(file, `${knownHostLine('[10.1.1.1]:2200', a.blob, true)}\n`);
    expect(execFileSync('ssh-keygen', ['-F', '[10.1.1.1]:2200', '-f', file], { encoding: 'utf8' })).toContain('found: line 1');
    const [, one, salt] = hashHostName('x').split('|');
    expect(one).toBe('1');
    expect(Buffer.from(salt!, 'base64')).toHaveLength(20);
    expect(hashHostName('x')).not.toBe(hashHostName('x'));
  });
});

describe('checkHostKey', () => {
  const check = (text: string, name: string, key: Buffer) => checkHostKey(parseKnownHosts(text, '/kh'), name, key);

  it('a recorded key is known', () => {
    expect(check(`web1 ${a.pubLine}\n`, 'web1', a.blob).status).toBe('known');
  });

  it('a different key of the same type is CHANGED, naming the line', () => {
    const v = check(`# x\nweb1 ${a.pubLine}\n`, 'web1', b.blob);
    expect(v.status).toBe('changed');
    expect(v.status === 'changed' && v.entry.line).toBe(2);
  });

  it('a key anywhere for the name wins over a stale one elsewhere', () => {
    expect(check(`web1 ${a.pubLine}\nweb1 ${b.pubLine}\n`, 'web1', b.blob).status).toBe('known');
  });

  it('nothing for the name is unknown; keys of other types are listed', () => {
    const v = check(`web1 ${ec.pubLine}\nother ${a.pubLine}\n`, 'web1', a.blob);
    expect(v.status).toBe('unknown');
    expect(v.status === 'unknown' && v.otherTypes.map((e) => e.keyType)).toEqual(['ecdsa-sha2-nistp256']);
  });

  it('@revoked refuses the key; @cert-authority never vouches for a plain key', () => {
    expect(check(`@revoked * ${a.pubLine}\nweb1 ${a.pubLine}\n`, 'web1', a.blob).status).toBe('revoked');
    expect(check(`@cert-authority web1 ${a.pubLine}\n`, 'web1', a.blob).status).toBe('unknown');
  });

  it('a negated name does not vouch for that host', () => {
    expect(check(`*,!web1 ${a.pubLine}\n`, 'web1', a.blob).status).toBe('unknown');
  });

  it('port 22 and other ports are different names', () => {
    expect(check(`web1 ${a.pubLine}\n`, '[web1]:2222', a.blob).status).toBe('unknown');
  });

  it('knownKeyTypes lists the recorded types for ordering host key algorithms', () => {
    expect(knownKeyTypes(parseKnownHosts(`web1 ${rsa.pubLine}\nweb1 ${a.pubLine}\n@revoked web1 ${ec.pubLine}\n`, '/kh'), 'web1')).toEqual(['ssh-rsa', 'ssh-ed25519']);
  });
});
