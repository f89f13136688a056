import { describe, expect, it } from 'vitest';
import { Limiter, MAX_OPENING } from '../../../../src/transport/ssh/connect-limit.ts';
import { backoffMs } from '../../../../src/transport/ssh/transport.ts';

describe('Limiter', () => {
  it('never runs more than its cap at once, and runs everything', async () => {
    const lim = new Limiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        lim.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(lim.running).toBe(0);
  });

  it('a failure releases its slot', async () => {
    const lim = new Limiter(1);
    await expect(lim.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await lim.run(async () => 'next')).toBe('next');
  });

  it('the process-wide cap stays under sshd MaxStartups (10)', () => {
    expect(MAX_OPENING).toBeLessThan(10);
  });
});

describe('backoffMs', () => {
  it('first retry at once, then 0.5 s doubling, capped at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(backoffMs)).toEqual([0, 500, 1000, 2000, 4000, 5000, 5000]);
  });
});
