import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshHostConfig } from '../../../../src/transport/ssh/config.ts';
import { loadIdentities } from '../../../../src/transport/ssh/auth.ts';
import { makeKey, tempDir, type TestKey } from './keys.ts';

let dir: string;
let plain: TestKey;
let locked: TestKey;

beforeAll(() => {
  dir = tempDir('berth-auth-');
  plain = makeKey(dir, 'id_plain');
  locked = makeKey(dir, 'id_locked', 'ed25519', 'secret words');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function host(over: Partial<SshHostConfig>): SshHostConfig {
  return {
    alias: 'x', hostName: 'x', user: 'deploy', port: 22, identityFiles: [], identityFilesExplicit: true, identitiesOnly: false,
    identityAgent: null, proxyJump: [], proxyCommand: null, connectTimeoutMs: null, userKnownHostsFiles: [], globalKnownHostsFiles: [],
    strictHostKeyChecking: 'ask', hashKnownHosts: false, hostKeyAlias: null, serverAliveIntervalMs: null, serverAliveCountMax: null,
    batchMode: false, warnings: [], ...over,
  };
}

/** The methods the handler offers, in order, until it says "no more". */
function offered(handler: (a: never[], b: boolean, cb: (m: unknown) => void) => void): unknown[] {
  const out: unknown[] = [];
  for (;;) {
    let next: unknown;
    handler([], false, (m) => (next = m));
    if (next === false) return out;
    out.push(next);
  }
}

describe('loadIdentities', () => {
  it('agent first, then the key files; a passphrase-protected key is skipped and remembered', async () => {
    const ids = await loadIdentities(host({ identityFiles: [locked.file, plain.file, join(dir, 'missing')], identityAgent: '/run/agent.sock' }));
    const methods = offered(ids.handler as never) as Array<{ type: string; username: string }>;
    expect(methods.map((m) => m.type)).toEqual(['agent', 'publickey']);
    expect(methods.every((m) => m.username === 'deploy')).toBe(true);
    expect(ids.encrypted).toEqual([locked.file]);
    expect(ids.tried).toEqual(['ssh-agent (/run/agent.sock)', plain.file]);
  });

  it('a console may supply the passphrase', async () => {
    const asked: string[] = [];
    const ids = await loadIdentities(host({ identityFiles: [locked.file] }), async (f) => {
      asked.push(f);
      return 'secret words';
    });
    expect(asked).toEqual([locked.file]);
    expect(ids.encrypted).toEqual([]);
    expect((offered(ids.handler as never) as Array<{ type: string }>).map((m) => m.type)).toEqual(['publickey']);
  });

  it('nothing to offer (no agent, only a locked key) is reported as empty', async () => {
    const ids = await loadIdentities(host({ identityFiles: [locked.file] }));
    expect(ids.empty).toBe(true);
    expect(ids.encrypted).toEqual([locked.file]);
  });

  it('IdentitiesOnly limits the agent to the identity files (including a locked key via its .pub)', async () => {
    const ids = await loadIdentities(host({ identityFiles: [locked.file], identityAgent: '/run/agent.sock', identitiesOnly: true }));
    const methods = offered(ids.handler as never) as Array<{ type: string; agent: { getStream?: unknown } }>;
    expect(methods.map((m) => m.type)).toEqual(['agent']);
    // The filtered agent cannot be forwarded: it has no getStream.
    expect(methods[0]!.agent.getStream).toBeUndefined();
  });
});
