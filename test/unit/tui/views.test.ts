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
    expect(parseCommand('volumes')).toMatchObject({ kind: 'error', message: expect.stringContaining(':containers') });
  });

  it('completes with tab', () => {
    expect(completeCommand('i')).toBe('images');
    expect(completeCommand('e')).toBe('events');
    expect(completeCommand('zz')).toBe('zz');
  });
});
