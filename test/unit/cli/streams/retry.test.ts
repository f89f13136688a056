import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../src/domain/errors.ts';
import { backoffDelay, backoffSchedule, isConnectionLoss, retryBudgetMs, RetryBudget } from '../../../../src/cli/streams/retry.ts';
import { lost, virtualClock } from './fakes.ts';

describe('backoff', () => {
  it('doubles from 250 ms and is capped at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map(backoffDelay)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('fits the budget: --timeout 1s gives 3 s of retries; the default 10s gives 30 s', () => {
    expect(retryBudgetMs(1000)).toBe(3000);
    expect(backoffSchedule(3000)).toEqual([250, 500, 1000, 1250]);
    const thirty = backoffSchedule(retryBudgetMs(10_000));
    expect(thirty).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000, 5000, 2250]);
    expect(thirty.reduce((a, b) => a + b)).toBe(30_000);
    expect(Math.max(...thirty)).toBe(5000);
  });
});

describe('RetryBudget', () => {
  it('retries losses with backoff, then gives up with exit-5 error saying what was lost', async () => {
    const clock = virtualClock();
    const budget = new RetryBudget(3000, 'the log stream of web on node local', clock);
    for (let i = 0; i < 4; i++) await budget.failed(lost(), undefined);
    expect(clock.waits).toEqual([250, 500, 1000, 1250]);
    const err = await budget.failed(lost()).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).kind).toBe('unreachable');
    expect((err as BerthError).message).toBe(
      'lost the log stream of web on node local: connection refused by unix:///x.sock on node local; retried for 3s without getting it back',
    );
  });

  it('starts afresh after recovering', async () => {
    const clock = virtualClock();
    const budget = new RetryBudget(1000, 'x', clock);
    await budget.failed(lost());
    await budget.failed(lost());
    expect(budget.retrying).toBe(true);
    budget.recovered();
    expect(budget.retrying).toBe(false);
    await budget.failed(lost());
    expect(clock.waits).toEqual([250, 500, 250]);
  });

  it('rethrows what is not a loss at once (a refusal is an answer)', async () => {
    const budget = new RetryBudget(3000, 'x', virtualClock());
    const denied = new BerthError('permission', 'permission denied');
    await expect(budget.failed(denied)).rejects.toBe(denied);
    await expect(budget.failed(new Error('bug'))).rejects.toThrow('bug');
    expect(isConnectionLoss(new BerthError('timeout', 'slow'))).toBe(true);
    expect(isConnectionLoss(new BerthError('not-found', 'gone'))).toBe(false);
  });
});
