import { describe, expect, it } from 'vitest';
import { cursorIndex, initialUi, reduceUi, windowTop, type UiState } from '../../../src/tui/state/ui.ts';

const keys = ['a', 'b', 'c', 'd', 'e', 'f'];

function cur(s: UiState, k: readonly string[] = keys): string | undefined {
  return k[cursorIndex(s.tables[s.view], k)];
}

describe('table cursor', () => {
  it('moves with bounds, pages and jumps to the ends', () => {
    let s = initialUi();
    s = reduceUi(s, { type: 'move', move: 'up', keys, height: 3 });
    expect(cur(s)).toBe('a');
    s = reduceUi(s, { type: 'move', move: 'pageDown', keys, height: 3 });
    expect(cur(s)).toBe('c');
    s = reduceUi(s, { type: 'move', move: 'bottom', keys, height: 3 });
    expect(cur(s)).toBe('f');
    expect(s.tables.containers.top).toBe(3);
    s = reduceUi(s, { type: 'move', move: 'top', keys, height: 3 });
    expect(cur(s)).toBe('a');
  });

  it('stays on its row when the rows re-sort under it', () => {
    let s = reduceUi(initialUi(), { type: 'move', move: 'down', keys, height: 10 });
    expect(cur(s)).toBe('b');
    expect(cur(s, ['f', 'e', 'd', 'c', 'b', 'a'])).toBe('b');
    // Its row gone: the same position, clamped.
    s = reduceUi(s, { type: 'move', move: 'bottom', keys, height: 10 });
    expect(cur(s, ['a', 'b'])).toBe('b');
  });

  it('scrolls as little as possible', () => {
    expect(windowTop(0, 5, 3, 10)).toBe(3);
    expect(windowTop(3, 4, 3, 10)).toBe(3);
    expect(windowTop(3, 1, 3, 10)).toBe(1);
    expect(windowTop(8, 3, 3, 4)).toBe(1);
  });
});

describe('filter line', () => {
  it('filters while typing, keeps it on enter, restores on esc', () => {
    let s = reduceUi(initialUi(), { type: 'inputStart', kind: 'filter' });
    s = reduceUi(s, { type: 'inputText', text: 'web' });
    expect(s.tables.containers.filter).toBe('web');
    s = reduceUi(s, { type: 'inputCommit' });
    expect(s.input).toBeNull();
    expect(s.tables.containers.filter).toBe('web');
    s = reduceUi(s, { type: 'inputStart', kind: 'filter' });
    expect(s.input?.text).toBe('web');
    s = reduceUi(s, { type: 'inputText', text: 'webx' });
    s = reduceUi(s, { type: 'inputCancel' });
    expect(s.tables.containers.filter).toBe('web');
  });

  it('is kept per view', () => {
    let s = reduceUi(initialUi(), { type: 'inputStart', kind: 'filter' });
    s = reduceUi(s, { type: 'inputText', text: 'web' });
    s = reduceUi(s, { type: 'view', view: 'images' });
    expect(s.tables.images.filter).toBe('');
    expect(s.tables.containers.filter).toBe('web');
  });
});

describe('sort, selection, views', () => {
  it('cycles sortable columns, numbers largest first, then back to none', () => {
    let s = initialUi();
    const cols = ['name', 'cpu'];
    s = reduceUi(s, { type: 'sortNext', columns: cols });
    expect(s.tables.containers).toMatchObject({ sort: 'name', desc: false });
    s = reduceUi(s, { type: 'sortNext', columns: cols });
    expect(s.tables.containers).toMatchObject({ sort: 'cpu', desc: true });
    s = reduceUi(s, { type: 'sortReverse' });
    expect(s.tables.containers.desc).toBe(false);
    s = reduceUi(s, { type: 'sortNext', columns: cols });
    expect(s.tables.containers.sort).toBeNull();
  });

  it('toggles selection in order', () => {
    let s = reduceUi(initialUi(), { type: 'toggleSelect', key: 'b' });
    s = reduceUi(s, { type: 'toggleSelect', key: 'a' });
    expect(s.selected).toEqual(['b', 'a']);
    s = reduceUi(s, { type: 'toggleSelect', key: 'b' });
    expect(s.selected).toEqual(['a']);
  });

  it('closes the detail pane when switching views', () => {
    let s = reduceUi(initialUi(), { type: 'openDetail', detail: { kind: 'logs', node: 'n', id: 'i', name: 'x' } });
    s = reduceUi(s, { type: 'view', view: 'containers' });
    expect(s.detail).toBeNull();
  });
});
