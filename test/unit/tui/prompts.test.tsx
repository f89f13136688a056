// SSH questions in the console: the queue (data/prompts.ts) and the dialog
// an operator answers (App + PromptDialog), at a fixed terminal size.
import { describe, expect, it } from 'vitest';
import { memoryAuditLog } from '../../../src/cli/framework/audit.ts';
import { FleetStore } from '../../../src/fleet/store.ts';
import { LOCAL_NODE } from '../../../src/fleet/node-spec.ts';
import { App } from '../../../src/tui/components/App.tsx';
import { Prompter } from '../../../src/tui/data/prompts.ts';
import { NO_STATS } from '../../../src/tui/data/stats.ts';
import { DEFAULT_KEYS, keyMap } from '../../../src/tui/keys.ts';
import type { HostKeyQuestion } from '../../../src/transport/ssh/host-verify.ts';
import { HOST, container, fakeRuntime } from './fixtures.ts';
import { consoleTestSetup, renderAt } from './render.ts';

const setup = consoleTestSetup();

const KEY: HostKeyQuestion = {
  node: 'web1',
  host: '[127.0.0.1]:2222',
  fingerprint: 'ED25519 key SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  record: { file: '/home/op/.ssh/known_hosts', line: '|1|… ssh-ed25519 AAAA…' },
};

function open(prompter: Prompter) {
  const containers = [container('lab-web')];
  const store = new FleetStore();
  store.dispatch({ type: 'node/up', node: 'local', host: HOST, at: Date.now() });
  store.dispatch({ type: 'containers/snapshot', node: 'local', containers, at: Date.now() });
  const rt = fakeRuntime('local', containers, []);
  const fleet = { nodes: [LOCAL_NODE], runtime: async () => rt };
  const screen = setup.track(renderAt(
    <App store={store} fleet={fleet} stats={NO_STATS} keys={keyMap(DEFAULT_KEYS)} theme={setup.theme()} readonly={false} audit={memoryAuditLog()}
      refreshMs={1000} retryBudgetMs={1000} prompter={prompter} />,
    120, 24,
  ));
  return screen;
}

describe('the question queue', () => {
  it('shows one question at a time, in the order asked', async () => {
    const p = new Prompter();
    const first = p.askHostKey(KEY);
    const second = p.askPassphrase('web2', '/k/id_ed25519');
    expect(p.current()).toEqual({ kind: 'hostKey', question: KEY });
    p.answer(true);
    await expect(first).resolves.toBe(true);
    expect(p.current()).toEqual({ kind: 'passphrase', node: 'web2', keyFile: '/k/id_ed25519' });
    p.answer('s3cret');
    await expect(second).resolves.toBe('s3cret');
    expect(p.current()).toBeNull();
  });

  it('asks once for a key file that several nodes need at the same time', async () => {
    const p = new Prompter();
    const a = p.askPassphrase('web1', '/k/id');
    const b = p.askPassphrase('web2', '/k/id');
    p.answer('pw');
    expect(p.current()).toBeNull();
    await expect(Promise.all([a, b])).resolves.toEqual(['pw', 'pw']);
  });

  it('closing answers every waiting question no, and later questions at once', async () => {
    const p = new Prompter();
    const key = p.askHostKey(KEY);
    const pass = p.askPassphrase('web1', '/k/id');
    p.close();
    await expect(key).resolves.toBe(false);
    await expect(pass).resolves.toBeNull();
    await expect(p.askHostKey(KEY)).resolves.toBe(false);
  });
});

describe('the console asks', () => {
  it('an unknown host key: fingerprint and file shown; y trusts it and the table comes back', async () => {
    const p = new Prompter();
    const s = open(p);
    await s.waitFor((f) => f.includes('lab-web'), 'the table');
    const answer = p.askHostKey(KEY);
    const f = await s.waitFor((f) => f.includes('SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'), 'the question');
    expect(f).toContain('Node web1: the host key of [127.0.0.1]:2222 is not known.');
    expect(f).toContain('/home/op/.ssh/known_hosts');
    s.press('x'); // not an answer: stop is not run, the question stays
    expect(p.current()).not.toBeNull();
    s.press('y');
    await expect(answer).resolves.toBe(true);
    await s.waitFor((f) => !f.includes('SHA256:') && f.includes('lab-web'), 'the dialog gone');
  });

  it('n or esc refuses the key', async () => {
    const p = new Prompter();
    const s = open(p);
    await s.waitFor((f) => f.includes('lab-web'), 'the table');
    const answer = p.askHostKey(KEY);
    await s.waitFor((f) => f.includes('is not known'), 'the question');
    s.press('\u001b');
    await expect(answer).resolves.toBe(false);
  });

  it('a passphrase is typed as stars, never drawn, and sent with enter', async () => {
    const p = new Prompter();
    const s = open(p);
    await s.waitFor((f) => f.includes('lab-web'), 'the table');
    const answer = p.askPassphrase('web1', '/k/id_ed25519');
    await s.waitFor((f) => f.includes('passphrase for /k/id_ed25519'), 'the question');
    s.press('hunter2x');
    s.press('\u007f'); // backspace
    const f = await s.waitFor((f) => f.includes('*******'), 'seven stars');
    expect(f).not.toContain('hunter');
    expect(f).not.toContain('********');
    s.press('\r');
    await expect(answer).resolves.toBe('hunter2');
  });
});
