import { describe, expect, it } from 'vitest';
import { resolveKeys } from '../../../src/tui/key-config.ts';
import { ACTIONS, CONTEXT_SCOPES, DEFAULT_KEYS, charKey, conflicts, keyMap, keyName, normalizeKey, type Action, type InkKey, type KeyContext } from '../../../src/tui/keys.ts';

const noKey: InkKey = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false, end: false,
  return: false, escape: false, tab: false, backspace: false, delete: false, ctrl: false, shift: false, meta: false,
};
const locate = (path: readonly (string | number)[]): string => `config.yaml:${path.join('.')}`;

describe('default key table', () => {
  it('gives every action a description and at least one valid key', () => {
    for (const a of Object.keys(ACTIONS) as Action[]) {
      expect(ACTIONS[a].description.length, a).toBeGreaterThan(3);
      expect(DEFAULT_KEYS[a].length, a).toBeGreaterThan(0);
      for (const k of DEFAULT_KEYS[a]) expect(normalizeKey(k), `${a}: ${k}`).toBe(k);
    }
  });

  it('has no two actions on one key in any view', () => {
    expect(conflicts(DEFAULT_KEYS)).toEqual([]);
  });

  it('leaves the tmux and screen prefixes (and flow control) alone, and keeps ctrl+z for suspending', () => {
    const all = Object.values(DEFAULT_KEYS).flat();
    for (const k of ['ctrl+b', 'ctrl+a', 'ctrl+s', 'ctrl+q']) expect(all).not.toContain(k);
    expect(DEFAULT_KEYS.suspend).toEqual(['ctrl+z']);
  });

  it('maps a key to its action per view: p pauses a container in the table, pauses following in logs', () => {
    const map = keyMap(DEFAULT_KEYS);
    expect(map.actionFor('containers', 'p')).toBe('pause');
    expect(map.actionFor('logs', 'p')).toBe('followPause');
    expect(map.actionFor('images', 'x')).toBeNull();
    expect(map.actionFor('containers', 'x')).toBe('stop');
    for (const ctx of Object.keys(CONTEXT_SCOPES) as KeyContext[]) expect(map.actionFor(ctx, 'q')).toBe('quit');
  });
});

describe('pane keys', () => {
  it('T (processes) and W (why) switch panes from every other pane, without taking logs\' t and w', () => {
    const map = keyMap(DEFAULT_KEYS);
    for (const ctx of ['containers', 'inspect', 'logs', 'stats', 'why'] as const) expect(map.actionFor(ctx, 'T'), ctx).toBe('processes');
    for (const ctx of ['containers', 'inspect', 'logs', 'stats', 'processes'] as const) expect(map.actionFor(ctx, 'W'), ctx).toBe('why');
    expect(map.actionFor('logs', 't')).toBe('timestamps');
    expect(map.actionFor('logs', 'w')).toBe('wrap');
    for (const ctx of ['processes', 'why'] as const) {
      expect(map.actionFor(ctx, 'l')).toBe('logs');
      expect(map.actionFor(ctx, 'm')).toBe('stats');
      expect(map.actionFor(ctx, 'j')).toBe('down');
    }
    expect(map.actionFor('images', 'T')).toBeNull();
  });
});

describe('key names', () => {
  it('normalises config spellings', () => {
    expect(normalizeKey('ctrl+K')).toBe('ctrl+k');
    expect(normalizeKey('PageUp')).toBe('pgup');
    expect(normalizeKey('Return')).toBe('enter');
    expect(normalizeKey('G')).toBe('G');
    expect(normalizeKey(' ')).toBe('space');
    expect(normalizeKey('alt+x')).toBe('alt+x');
    expect(normalizeKey('ctrl+shift+x')).toBeNull();
    expect(normalizeKey('hyper')).toBeNull();
  });

  it('names Ink key presses the way the table spells them', () => {
    expect(keyName('', { ...noKey, upArrow: true })).toBe('up');
    expect(keyName('k', { ...noKey, ctrl: true })).toBe('ctrl+k');
    expect(keyName('G', { ...noKey, shift: true })).toBe('G');
    expect(keyName(' ', noKey)).toBe('space');
    expect(keyName('', { ...noKey, escape: true })).toBe('esc');
    expect(keyName('abc', noKey)).toBeNull();
    // Two escapes Ink read as one (ESC ESC): alt+esc, which the console reads as two escs unless bound.
    expect(keyName('', { ...noKey, escape: true, meta: true })).toBe('alt+esc');
  });

  it('names single characters of a chunk', () => {
    expect(charKey('\r')).toBe('enter');
    expect(charKey('\u000b')).toBe('ctrl+k');
    expect(charKey('/')).toBe('/');
  });
});

describe('keys: in config', () => {
  it('replaces the defaults of a remapped action', () => {
    const r = resolveKeys({ stop: 'X', kill: ['ctrl+x', 'K'] }, locate);
    expect(r.errors).toEqual([]);
    expect(r.keys.stop).toEqual(['X']);
    expect(r.keys.kill).toEqual(['ctrl+x', 'K']);
    expect(r.keys.quit).toEqual(DEFAULT_KEYS.quit);
  });

  it('reports an unknown action with its position and a suggestion', () => {
    const r = resolveKeys({ stpo: 'x' }, locate);
    expect(r.errors).toEqual([expect.stringMatching(/^config\.yaml:keys\.stpo: unknown action "stpo".*did you mean "stop"/)]);
  });

  it('reports a key berth does not know', () => {
    const r = resolveKeys({ stop: 'ctrl+shift+x' }, locate);
    expect(r.errors[0]).toMatch(/^config\.yaml:keys\.stop: "ctrl\+shift\+x" is not a key/);
  });

  it('reports a remap that clashes with another action in the same view', () => {
    const r = resolveKeys({ kill: 'x' }, locate);
    expect(r.errors).toEqual([expect.stringMatching(/keys\.kill: x for kill is already stop's key in the containers view/)]);
  });

  it('warns when a remap uses the tmux prefix', () => {
    const r = resolveKeys({ help: 'ctrl+b' }, locate);
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]).toMatch(/ctrl\+b is tmux's prefix/);
  });
});
