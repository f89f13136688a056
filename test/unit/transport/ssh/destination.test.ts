import { describe, expect, it } from 'vitest';
import { formatAddress, parseDestination } from '../../../../src/transport/ssh/destination.ts';

describe('parseDestination', () => {
  it.each([
    ['web1', { host: 'web1', user: null, port: null }],
    ['root@web1', { host: 'web1', user: 'root', port: null }],
    ['root@10.0.0.5:2222', { host: '10.0.0.5', user: 'root', port: 2222 }],
    ['ssh://deploy@web1:2200', { host: 'web1', user: 'deploy', port: 2200 }],
    ['ssh://web1', { host: 'web1', user: null, port: null }],
    ['me@[::1]:2222', { host: '::1', user: 'me', port: 2222 }],
    ['fe80::1', { host: 'fe80::1', user: null, port: null }],
    ['a.b@c.example.com', { host: 'c.example.com', user: 'a.b', port: null }],
  ])('%s', (value, expected) => {
    expect(parseDestination(value)).toEqual(expected);
  });

  it.each(['', 'root@', '@host', 'host:0', 'host:99999', 'host:abc', 'a b'])('refuses %j', (value) => {
    expect(() => parseDestination(value)).toThrow();
  });
});

describe('formatAddress', () => {
  it('leaves out port 22 and brackets IPv6', () => {
    expect(formatAddress('root', 'web1', 22)).toBe('root@web1');
    expect(formatAddress('root', '::1', 2222)).toBe('root@[::1]:2222');
  });
});
