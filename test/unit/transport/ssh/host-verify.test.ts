import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideHostKey, recordHostKey, recordedKeyTypes, type HostKeyContext } from '../../../../src/transport/ssh/host-verify.ts';
import { checkHostKey, parseKnownHosts } from '../../../../src/transport/ssh/known-hosts.ts';
import { keygenFingerprint, makeKey, tempDir, type TestKey } from './keys.ts';

let dir: string;
let a: TestKey;
let b: TestKey;

beforeAll(() => {
  dir = tempDir('berth-hv-');
  a = makeKey(dir, 'host_a');
  b = makeKey(dir, 'host_b');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function ctx(over: Partial<HostKeyContext> = {}): HostKeyContext {
  return {
    node: 'web1',
    hostName: '10.0.0.5',
    port: 2222,
    hostKeyAlias: null,
    strict: 'ask',
    userKnownHostsFiles: [join(dir, `kh${++n}`)],
    globalKnownHostsFiles: [join(dir, 'global-none')],
    hashKnownHosts: false,
    ...over,
  };
}

describe('decideHostKey', () => {
  it('a known key passes, also from the global file', () => {
    const c = ctx();
    writeFileSync(c.globalKnownHostsFiles[0]!, `[10.0.0.5]:2222 ${a.pubLine}\n`);
    expect(decideHostKey(c, a.blob)).toEqual({ accept: true, record: null, warning: null });
    rmSync(c.globalKnownHostsFiles[0]!);
  });

  it.each(['yes', 'ask'] as const)('StrictHostKeyChecking %s refuses an unknown key with its ssh-keygen fingerprint and how to accept', (strict) => {
    const d = decideHostKey(ctx({ strict }), a.blob);
    expect(d.accept).toBe(false);
    if (d.accept) return;
    expect(d.error.kind).toBe('unreachable');
    expect(d.error.node).toBe('web1');
    expect(d.error.message).toContain(keygenFingerprint(a.pub));
    expect(d.error.message).toContain('not known');
    expect(d.error.hint).toContain('ssh-keyscan -p 2222 -t ed25519 10.0.0.5 >>');
    expect(d.error.hint).toContain('StrictHostKeyChecking accept-new');
  });

  it('under ask (the default) the refusal carries the question a console may put, with the line to record', () => {
    const d = decideHostKey(ctx({ strict: 'ask' }), a.blob);
    expect(d.accept).toBe(false);
    if (d.accept) return;
    expect(d.ask).toMatchObject({ node: 'web1', host: '10.0.0.5:2222', fingerprint: `ED25519 key ${keygenFingerprint(a.pub)}` });
    expect(d.ask?.record.line).toBe(`[10.0.0.5]:2222 ${a.pubLine}`);
    const strict = decideHostKey(ctx({ strict: 'yes' }), a.blob);
    expect(!strict.accept && strict.ask).toBeUndefined();
  });

  it('accept-new records the key (hashed when HashKnownHosts) and proceeds', () => {
    const c = ctx({ strict: 'accept-new', hashKnownHosts: true });
    const d = decideHostKey(c, a.blob);
    expect(d).toMatchObject({ accept: true, warning: null });
    if (!d.accept || !d.record) throw new Error('expected a record');
    expect(d.record.file).toBe(c.userKnownHostsFiles[0]);
    expect(d.record.line).toMatch(/^\|1\|/);
    recordHostKey(d.record);
    expect(decideHostKey(c, a.blob)).toEqual({ accept: true, record: null, warning: null });
  });

  it('accept-new writes a plain [host]:port entry without HashKnownHosts, after a file that lacks a final newline', () => {
    const c = ctx({ strict: 'accept-new' });
    writeFileSync(c.userKnownHostsFiles[0]!, `other ${b.pubLine}`);
    const d = decideHostKey(c, a.blob);
    if (!d.accept || !d.record) throw new Error('expected a record');
    recordHostKey(d.record);
    const text = readFileSync(c.userKnownHostsFiles[0]!, 'utf8');
    expect(text).toBe(`other ${b.pubLine}\n[10.0.0.5]:2222 ${a.pubLine}\n`);
  });

  it('StrictHostKeyChecking no is accept-new with a warning, never "off"', () => {
    const d = decideHostKey(ctx({ strict: 'no' }), a.blob);
    expect(d.accept).toBe(true);
    if (!d.accept) return;
    expect(d.record).not.toBeNull();
    expect(d.warning).toMatch(/treated as accept-new/);
  });

  it.each(['yes', 'accept-new', 'no'] as const)('a CHANGED key is refused under %s, naming the file and line of the old key', (strict) => {
    const c = ctx({ strict });
    writeFileSync(c.userKnownHostsFiles[0]!, `# first\nunrelated ${b.pubLine}\n[10.0.0.5]:2222 ${a.pubLine}\n`);
    const d = decideHostKey(c, b.blob);
    expect(d.accept).toBe(false);
    if (d.accept) return;
    expect(d.error.kind).toBe('unreachable');
    expect(d.error.message).toContain('CHANGED');
    expect(d.error.message.toLowerCase()).toContain('changed');
    expect(d.error.message).toContain(`${c.userKnownHostsFiles[0]}:3`);
    expect(d.error.message).toContain(keygenFingerprint(b.pub));
    expect(d.error.hint).toContain('ssh-keygen -R');
  });

  it('a revoked key is refused even under accept-new', () => {
    const c = ctx({ strict: 'accept-new' });
    writeFileSync(c.userKnownHostsFiles[0]!, `@revoked * ${a.pubLine}\n`);
    const d = decideHostKey(c, a.blob);
    expect(d.accept).toBe(false);
    if (!d.accept) expect(d.error.message).toMatch(/REVOKED/);
  });

  it('HostKeyAlias is the name looked up and recorded', () => {
    const c = ctx({ hostKeyAlias: 'cluster', strict: 'accept-new' });
    const d = decideHostKey(c, a.blob);
    if (!d.accept || !d.record) throw new Error('expected a record');
    expect(d.record.line.startsWith('cluster ')).toBe(true);
  });

  it('recordedKeyTypes reads what is recorded for the host', () => {
    const c = ctx();
    writeFileSync(c.userKnownHostsFiles[0]!, `[10.0.0.5]:2222 ${a.pubLine}\n`);
    expect(recordedKeyTypes(c)).toEqual(['ssh-ed25519']);
  });

  it('a recorded line is found again by the checker', () => {
    const c = ctx({ strict: 'accept-new', hashKnownHosts: true });
    const d = decideHostKey(c, b.blob);
    if (!d.accept || !d.record) throw new Error('expected a record');
    expect(checkHostKey(parseKnownHosts(d.record.line, 'x'), '[10.0.0.5]:2222', b.blob).status).toBe('known');
  });
});
