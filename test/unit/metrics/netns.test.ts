import { describe, expect, it } from 'vitest';
import { attributeNetns, parseStatInodes } from '../../../src/metrics/netns.ts';

describe('network namespace attribution', () => {
  const HOST = 4026531833;

  it('parses `stat -L -c "%n %i"` output, paths with spaces included', () => {
    const out = parseStatInodes('/proc/self/ns/net 4026531833\n/proc/42/ns/net 4026539481\n/tmp/a b 12\n\n');
    expect([...out]).toEqual([['/proc/self/ns/net', 4026531833], ['/proc/42/ns/net', 4026539481], ['/tmp/a b', 12]]);
  });

  it('own, host, unknown, and a shared namespace counted on its lowest pid', () => {
    const got = attributeNetns(
      [
        { id: 'own', pid: 10, inode: 1 },
        { id: 'hostnet', pid: 11, inode: HOST },
        { id: 'joined', pid: 30, inode: 2 },
        { id: 'sandbox', pid: 20, inode: 2 },
        { id: 'other', pid: 40, inode: 2 },
        { id: 'unreadable', pid: 50, inode: null },
      ],
      HOST,
    );
    expect(Object.fromEntries(got)).toEqual({
      own: { share: 'own', attributedTo: 'own' },
      hostnet: { share: 'host', attributedTo: null },
      joined: { share: 'shared', attributedTo: 'sandbox' },
      sandbox: { share: 'shared-owner', attributedTo: 'sandbox' },
      other: { share: 'shared', attributedTo: 'sandbox' },
      unreadable: { share: 'unknown', attributedTo: null },
    });
  });

  it('without the host namespace every container is unknown (a host-network one would look like its own)', () => {
    const got = attributeNetns([{ id: 'a', pid: 1, inode: HOST }, { id: 'b', pid: 2, inode: 7 }], null);
    expect([...got.values()].map((a) => a.share)).toEqual(['unknown', 'unknown']);
  });
});
