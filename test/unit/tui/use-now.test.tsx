// The console's clock rides along with the stats tick (one frame a second at idle, not two).
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { useNow, type TickSource } from '../../../src/tui/hooks/use-now.ts';
import { renderAt, type Screen } from './render.ts';

let screen: Screen | null = null;
afterEach(() => {
  screen?.unmount();
  screen = null;
});

function Clock({ now, ticks }: { now: () => number; ticks?: TickSource }) {
  return <Text>{`t=${useNow(now, 60_000, ticks)}`}</Text>;
}

describe('the console clock', () => {
  it('moves on each stats tick, long before its own minute-long timer', async () => {
    let t = 1000;
    const listeners = new Set<() => void>();
    const ticks: TickSource = { subscribe: (fn) => (listeners.add(fn), () => listeners.delete(fn)) };
    screen = renderAt(<Clock now={() => t} ticks={ticks} />, 40, 5);
    await screen.waitFor((f) => f.includes('t=1000'), 'the first time');
    t = 2000;
    for (const l of listeners) l();
    expect(await screen.waitFor((f) => f.includes('t=2000'), 'the time of the tick', 1000)).toContain('t=2000');
  });
});
