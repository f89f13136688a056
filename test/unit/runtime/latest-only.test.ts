import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../../src/runtime/docker/exec.ts';

/** A send whose calls finish only when the test says so. */
function gated() {
  const sent: string[] = [];
  const gates: (() => void)[] = [];
  const send = (v: string): Promise<void> => {
    sent.push(v);
    return new Promise((r) => gates.push(r));
  };
  const open = async (): Promise<void> => {
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { sent, send, open };
}

describe('latestOnly (terminal resizes)', () => {
  it('sends one at a time and, of a burst, only the newest after the one in flight', async () => {
    const g = gated();
    const resize = latestOnly(g.send);
    const done = resize('33x101');
    void resize('40x101');
    void resize('40x120');
    expect(g.sent).toEqual(['33x101']);
    await g.open();
    expect(g.sent).toEqual(['33x101', '40x120']);
    await g.open();
    await done;
    expect(g.sent).toEqual(['33x101', '40x120']);
  });

  it('a failed send does not drop the newer size waiting behind it; the caller hears of the failure', async () => {
    const sent: string[] = [];
    let first = true;
    const resize = latestOnly(async (v: string) => {
      sent.push(v);
      await new Promise((r) => setTimeout(r, 5));
      if (first) {
        first = false;
        throw new Error('engine busy');
      }
    });
    const a = resize('a');
    void resize('b').catch(() => undefined);
    await expect(a).rejects.toThrow('engine busy');
    expect(sent).toEqual(['a', 'b']);
  });
});
