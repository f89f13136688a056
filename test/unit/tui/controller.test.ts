// The console's key handling without Ink: presses out of input events, line
// editing, routing, and what a press does to the state (controller/*).
import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/domain/types.ts';
import { handlePress, route, type ConsoleEffects, type ConsoleModel, type Pending } from '../../../src/tui/controller/controller.ts';
import { editLine } from '../../../src/tui/controller/line-edit.ts';
import { pressesOf, type Press } from '../../../src/tui/controller/presses.ts';
import { questionStep } from '../../../src/tui/controller/question.ts';
import { DEFAULT_KEYS, keyMap, type InkKey } from '../../../src/tui/keys.ts';
import { initialLogs, reduceLogs, type LogsAction, type LogsState } from '../../../src/tui/state/logs.ts';
import { initialUi, reduceUi, type UiAction, type UiState } from '../../../src/tui/state/ui.ts';
import { container } from './fixtures.ts';

const noKey: InkKey = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false,
  return: false, escape: false, tab: false, backspace: false, delete: false, ctrl: false, shift: false, meta: false,
};
const press = (name: string | null, input = name ?? '', mod = false): Press => ({ name, input: name !== null && name.length > 1 ? '' : input, mod });
const keys = keyMap(DEFAULT_KEYS);

describe('presses out of one input event', () => {
  it('reads ESC ESC (one read, or within Ink\'s 20 ms) as two escapes when alt+esc has no binding', () => {
    // What Ink hands useInput for "\u001b\u001b": an escape with meta.
    expect(pressesOf('', { ...noKey, escape: true, meta: true }, () => false).map((p) => p.name)).toEqual(['esc', 'esc']);
    expect(pressesOf('', { ...noKey, escape: true, meta: true }, (n) => n === 'alt+esc').map((p) => p.name)).toEqual(['alt+esc']);
    expect(pressesOf('', { ...noKey, escape: true }, () => false).map((p) => p.name)).toEqual(['esc']);
  });

  it('reads ESC and a key as esc, then the key, unless alt+key is bound', () => {
    expect(pressesOf('l', { ...noKey, meta: true }, () => false)).toEqual([{ name: 'esc', input: '', mod: false }, { name: 'l', input: 'l', mod: false }]);
    expect(pressesOf('', { ...noKey, meta: true, upArrow: true }, () => false).map((p) => p.name)).toEqual(['esc', 'up']);
    expect(pressesOf('l', { ...noKey, meta: true }, () => true).map((p) => p.name)).toEqual(['alt+l']);
  });

  it('splits keys sent faster than a read into one press each', () => {
    expect(pressesOf('/web\rl', noKey, () => false).map((p) => p.name)).toEqual(['/', 'w', 'e', 'b', 'enter', 'l']);
    expect(pressesOf('x', noKey, () => false)).toEqual([{ name: 'x', input: 'x', mod: false }]);
  });
});

describe('line editing', () => {
  const line = { kind: 'command' as const, text: 'im', before: '' };
  it('types, erases, completes commands, commits and cancels', () => {
    expect(editLine(line, press('a'))).toEqual({ type: 'text', text: 'ima' });
    expect(editLine(line, press('backspace'))).toEqual({ type: 'text', text: 'i' });
    expect(editLine(line, press('ctrl+u', 'u', true))).toEqual({ type: 'text', text: '' });
    expect(editLine(line, press('tab'))).toEqual({ type: 'text', text: 'images' });
    expect(editLine({ ...line, kind: 'filter' }, press('tab'))).toEqual({ type: 'none' });
    expect(editLine(line, press('enter'))).toEqual({ type: 'commit' });
    expect(editLine(line, press('esc'))).toEqual({ type: 'cancel' });
    expect(editLine(line, press('alt+x', 'x', true))).toEqual({ type: 'none' });
  });
});

describe('routing', () => {
  it('ctrl+c quits even with a question open; a question takes the next key; y alone is yes', () => {
    const ui = initialUi();
    expect(route(ui, true, press('ctrl+c', 'c', true), keys)).toEqual({ type: 'quit' });
    expect(route(ui, true, press('y'), keys)).toEqual({ type: 'answer', yes: true });
    expect(route(ui, true, press('x'), keys)).toEqual({ type: 'answer', yes: false });
  });

  it('sends keys to the line being typed, closes help on esc, else uses the key table of the pane', () => {
    const typing = reduceUi(initialUi(), { type: 'inputStart', kind: 'filter' });
    expect(route(typing, false, press('x'), keys)).toEqual({ type: 'edit' });
    const help = reduceUi(initialUi(), { type: 'help', open: true });
    expect(route(help, false, press('esc'), keys)).toEqual({ type: 'closeHelp' });
    expect(route(help, false, press('x'), keys)).toEqual({ type: 'none' });
    const logs = reduceUi(initialUi(), { type: 'openDetail', detail: { kind: 'logs', node: 'local', id: 'i', name: 'web' } });
    expect(route(logs, false, press('p'), keys)).toEqual({ type: 'perform', action: 'followPause' });
    expect(route(initialUi(), false, press('p'), keys)).toEqual({ type: 'perform', action: 'pause' });
  });
});

/** A controller over the real reducers, with the effects recorded. */
function harness(containers: Container[], over: Partial<ConsoleModel> = {}) {
  let ui: UiState = initialUi();
  let logs: LogsState = initialLogs();
  let pending: Pending | null = null;
  const ran: string[] = [];
  let quit = false;
  const saved: string[] = [];
  const forwarded: string[] = [];
  const stoppedForwards: string[] = [];
  const byKey = new Map(containers.map((c) => [`${c.node}/${c.id}`, c]));
  const model: ConsoleModel = {
    keys, ui: () => ui, pending: () => pending, runFinished: () => false,
    rowKeys: () => [...byKey.keys()].filter((k) => k.includes(ui.tables[ui.view].filter)),
    container: (k) => byKey.get(k) ?? null, sortable: () => ['name'], bodyLines: 20, tableRows: 18,
    paneLines: () => 100, logsSearch: () => logs.search, readonly: false, readonlyNodes: [], now: () => new Date(2026, 11, 2, 15, 30, 5), ...over,
  };
  const fx: ConsoleEffects = {
    ui: (a: UiAction) => (ui = reduceUi(ui, a)),
    logs: (a: LogsAction) => (logs = reduceLogs(logs, a)),
    ask: (p) => (pending = p),
    run: (verb, targets) => ran.push(`${verb} ${targets.map((t) => t.name).join(',')}`),
    closeRun: () => undefined,
    quit: () => (quit = true),
    suspend: () => undefined,
    saveLogs: (path) => saved.push(path),
    forward: (c, spec) => forwarded.push(`${c.name} ${spec}`),
    stopForward: (key) => stoppedForwards.push(key),
  };
  const send = (...names: (string | [string, string])[]) => {
    for (const n of names) handlePress(model, fx, Array.isArray(n) ? { name: n[0], input: n[1], mod: false } : press(n));
  };
  return { send, state: () => ui, logs: () => logs, pending: () => pending, ran, saved, forwarded, stoppedForwards, quit: () => quit };
}

describe('what a press does', () => {
  const web = container('web');
  const db = container('db', { state: 'exited' });

  it('esc closes the pane, and the esc right after it clears the filter', () => {
    const h = harness([web, db]);
    h.send('/', 'w', 'e', 'b', 'enter', 'l');
    expect(h.state().detail).toMatchObject({ kind: 'logs', name: 'web' });
    h.send('esc');
    expect(h.state().detail).toBeNull();
    expect(h.state().tables.containers.filter).toBe('web');
    h.send('esc');
    expect(h.state().tables.containers.filter).toBe('');
  });

  it('asks before stopping, and stops only on y', () => {
    const h = harness([web]);
    h.send('x');
    expect(h.pending()?.question).toBe('Stop container web on local? [y/N] ');
    h.send('n');
    expect(h.pending()).toBeNull();
    h.send('x', 'y');
    expect(h.ran).toEqual(['stop web']);
  });

  it('says so when there is no container to act on or to open', () => {
    const h = harness([]);
    h.send('x');
    expect(h.state().notice).toEqual({ text: 'no container under the cursor', tone: 'warning' });
    h.send('l');
    expect(h.state().detail).toBeNull();
  });

  it('says when no shell is available', () => {
    const h = harness([db]);
    h.send('s');
    expect(h.state().notice?.text).toBe('a shell is not available here');
  });

  it('scrolls the inspect pane and masks the environment again when another pane opens', () => {
    const h = harness([web]);
    h.send('enter', 'j', 'j', 'e');
    expect(h.state()).toMatchObject({ paneTop: 2, showEnv: true });
    h.send('G');
    expect(h.state().paneTop).toBe(100 - 19);
    h.send('m', 'l');
    expect(h.state()).toMatchObject({ detail: { kind: 'logs' }, paneTop: 0, showEnv: false });
  });

  it('S in the logs pane asks where to save, offering ./<name>-<time>.log, and keeps the line until the save reports', () => {
    const h = harness([web]);
    h.send('S');
    expect(h.state().input).toBeNull();
    h.send('l', 'S');
    expect(h.state().input).toMatchObject({ kind: 'save', text: './web-20261202-153005.log' });
    h.send('ctrl+u', 'a', '.', 'l', 'o', 'g', 'enter');
    expect(h.saved).toEqual(['a.log']);
    expect(h.state().input).toMatchObject({ kind: 'save', text: 'a.log' });
    h.send('esc');
    expect(h.state().input).toBeNull();
    expect(h.state().detail?.kind).toBe('logs');
  });

  it('f asks for [LOCAL:]PORT for the container under the cursor (or the pane\'s), and forwards on enter; esc forwards nothing', () => {
    const h = harness([web, db]);
    h.send('f');
    expect(h.state().input).toMatchObject({ kind: 'forward', text: '', target: { name: 'web' } });
    h.send('esc', 'j', 'l', 'f');
    expect(h.state().input).toMatchObject({ kind: 'forward', target: { name: 'db' } });
    h.send('8', '0', '8', '0', ':', '8', '0', 'enter');
    expect(h.forwarded).toEqual(['db 8080:80']);
    expect(h.state().input).toBeNull();
    h.send('f', 'enter');
    expect(h.forwarded).toEqual(['db 8080:80']);
  });

  it('7 lists the port forwards; x there stops the one under the cursor (and stops no container)', () => {
    const forwardKeys = ['3', '8'];
    const h = harness([web], { rowKeys: () => (h.state().view === 'forwards' ? forwardKeys : ['local/web']) });
    h.send('7');
    expect(h.state().view).toBe('forwards');
    h.send('j', 'x');
    expect(h.stoppedForwards).toEqual(['8']);
    expect(h.pending()).toBeNull();
    expect(h.ran).toEqual([]);
    forwardKeys.length = 0;
    h.send('x');
    expect(h.stoppedForwards).toEqual(['8']);
    expect(h.state().notice?.text).toBe('no port forward under the cursor');
    h.send(':', 'p', 'f', 'enter');
    expect(h.state().view).toBe('forwards');
  });

  it(': commands switch views and report unknown ones', () => {
    const h = harness([web]);
    h.send(':', 'n', 'o', 'enter');
    expect(h.state().view).toBe('nodes');
    h.send(':', 'z', 'z', 'enter');
    expect(h.state().notice?.tone).toBe('error');
    h.send(':', 'q', 'enter');
    expect(h.quit()).toBe(true);
  });
});

describe('an SSH question', () => {
  const hostKey = { kind: 'hostKey' as const, question: { node: 'n', host: 'h', fingerprint: 'f', record: { file: 'k', line: 'l' } } };
  const pass = { kind: 'passphrase' as const, node: 'n', keyFile: '/k' };

  it('trusts a host key only on y, refuses on n or esc, ignores the rest', () => {
    expect(questionStep(hostKey, '', press('y'))).toEqual({ type: 'answer', value: true });
    expect(questionStep(hostKey, '', press('esc'))).toEqual({ type: 'answer', value: false });
    expect(questionStep(hostKey, '', press('x'))).toEqual({ type: 'typing', secret: '' });
  });

  it('collects a passphrase, sends it on enter, skips the key on esc', () => {
    expect(questionStep(pass, 'hunter', press('2'))).toEqual({ type: 'typing', secret: 'hunter2' });
    expect(questionStep(pass, 'hunter2x', press('backspace'))).toEqual({ type: 'typing', secret: 'hunter2' });
    expect(questionStep(pass, 'hunter2', press('enter'))).toEqual({ type: 'answer', value: 'hunter2' });
    expect(questionStep(pass, 'hunter2', press('esc'))).toEqual({ type: 'answer', value: null });
  });
});
