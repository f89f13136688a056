import { describe, expect, it } from 'vitest';
import { completeCommand, parseCommand } from '../../../src/tui/state/views.ts';

describe(': commands', () => {
  it('accepts full names, k9s short aliases and unique prefixes', () => {
    expect(parseCommand('containers')).toEqual({ kind: 'view', view: 'containers' });
    expect(parseCommand('co')).toEqual({ kind: 'view', view: 'containers' });
    expect(parseCommand('im')).toEqual({ kind: 'view', view: 'images' });
    expect(parseCommand('no')).toEqual({ kind: 'view', view: 'nodes' });
    expect(parseCommand(' ev ')).toEqual({ kind: 'view', view: 'events' });
    expect(parseCommand('ima')).toEqual({ kind: 'view', view: 'images' });
    expect(parseCommand('q')).toEqual({ kind: 'quit' });
    expect(parseCommand('')).toEqual({ kind: 'none' });
    expect(parseCommand('vol')).toEqual({ kind: 'view', view: 'volumes' });
    expect(parseCommand('volumes')).toEqual({ kind: 'view', view: 'volumes' });
    expect(parseCommand('net')).toEqual({ kind: 'view', view: 'networks' });
    expect(parseCommand('ne')).toEqual({ kind: 'view', view: 'networks' });
    expect(parseCommand('pf')).toEqual({ kind: 'view', view: 'forwards' });
    expect(parseCommand('port-forwards')).toEqual({ kind: 'view', view: 'forwards' });
    expect(parseCommand('bogus')).toMatchObject({ kind: 'error', message: expect.stringContaining(':containers, :images, :nodes, :events, :volumes, :networks, :forwards') });
  });

  it('completes with tab', () => {
    expect(completeCommand('i')).toBe('images');
    expect(completeCommand('e')).toBe('events');
    expect(completeCommand('zz')).toBe('zz');
    expect(completeCommand('v')).toBe('volumes');
    expect(completeCommand('ne')).toBe('networks');
    expect(completeCommand('n')).toBe('n');
  });
});
