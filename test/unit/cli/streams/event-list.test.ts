import { describe, expect, it } from 'vitest';
import { renderList } from '../../../../src/cli/framework/output.ts';
import { attributesText, eventList } from '../../../../src/cli/streams/event-list.ts';
import { event } from './fakes.ts';

const ctx = (mode: 'jsonl' | 'tsv' | 'wide') => ({ output: { mode, headers: true, color: false }, now: () => new Date() });

describe('event output', () => {
  it('-o jsonl: one event per line with exactly CLI.md\'s Event fields', () => {
    const text = renderList(ctx('jsonl'), eventList(false), { items: [event('2026-11-22T07:11:08.008605598Z', 'start')] });
    expect(text.endsWith('\n')).toBe(true);
    const e = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(e)).toEqual(['at', 'node', 'type', 'action', 'id', 'name', 'attributes']);
    expect(e).toMatchObject({ at: '2026-11-22T07:11:08.008605598Z', node: 'local', type: 'container', action: 'start', name: 'web' });
  });

  it('tables: time, type, action, name, short id; NODE across nodes; attributes in wide', () => {
    const items = [event('2026-11-22T07:11:08.008605598Z', 'die', 'abcdef0123456789')];
    expect(renderList(ctx('tsv'), eventList(false), { items })).toBe('TIME\tTYPE\tACTION\tNAME\tID\n2026-11-22T07:11:08.008605598Z\tcontainer\tdie\tweb\tabcdef012345\n');
    expect(renderList(ctx('tsv'), eventList(true), { items }).split('\n')[0]).toBe('TIME\tNODE\tTYPE\tACTION\tNAME\tID');
    expect(attributesText({ z: '1', image: 'busybox' })).toBe('image=busybox, z=1');
  });
});
