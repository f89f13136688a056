import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askYesNo } from '../../../src/cli/framework/prompt.ts';
import { CaptureStream } from '../../../src/cli/framework/testing.ts';

async function answer(typed: string | null, end = false): Promise<{ yes: boolean; shown: string }> {
  const input = new PassThrough();
  const out = new CaptureStream(true);
  const p = askYesNo(input, out, 'Stop 1 container on local? [y/N] ');
  if (typed !== null) input.write(typed);
  if (end) input.end();
  return { yes: await p, shown: out.text };
}

describe('askYesNo', () => {
  it.each(['y\n', 'Y\n', 'yes\n', ' YES \n', 'y\r\n'])('takes %j as yes', async (typed) => {
    expect((await answer(typed)).yes).toBe(true);
  });

  it.each(['\n', 'n\n', 'no\n', 'yep\n', 'sure\n'])('takes %j as no (the default)', async (typed) => {
    expect((await answer(typed)).yes).toBe(false);
  });

  it('takes end of input (Ctrl-D) as no', async () => {
    expect(await answer(null, true)).toEqual({ yes: false, shown: 'Stop 1 container on local? [y/N] \n' });
  });

  it('waits for the whole line', async () => {
    const input = new PassThrough();
    const p = askYesNo(input, new CaptureStream(), 'q? ');
    input.write('y');
    input.write('es\n');
    expect(await p).toBe(true);
  });

  it('shows the question', async () => {
    expect((await answer('n\n')).shown).toBe('Stop 1 container on local? [y/N] ');
  });

  it('gives up as no when aborted', async () => {
    const ac = new AbortController();
    const p = askYesNo(new PassThrough(), new CaptureStream(), 'q? ', ac.signal);
    ac.abort();
    expect(await p).toBe(false);
  });
});
