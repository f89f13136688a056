// The header as an operator reads it: each node's host CPU and memory from
// the stats source (unknown as –), and production nodes marked [prod],
// also in the confirmation of an action on them.
import { describe, expect, it } from 'vitest';
import { memoryAuditLog } from '../../../src/cli/framework/audit.ts';
import { FleetStore } from '../../../src/fleet/store.ts';
import { LOCAL_NODE } from '../../../src/fleet/node-spec.ts';
import type { HostUsage } from '../../../src/metrics/index.ts';
import { App } from '../../../src/tui/components/App.tsx';
import { hostText } from '../../../src/tui/components/Header.tsx';
import { NO_STATS, type StatsSource } from '../../../src/tui/data/stats.ts';
import { DEFAULT_KEYS, keyMap } from '../../../src/tui/keys.ts';
import { HOST, container, fakeRuntime } from './fixtures.ts';
import { consoleTestSetup, renderAt } from './render.ts';

const setup = consoleTestSetup();

const GiB = 1024 ** 3;

describe('hostText', () => {
  it('says the busy share of the host\'s CPUs and used/total memory; unknown parts are –', () => {
    expect(hostText({ cpuPercent: 37.5, onlineCpus: 4, memUsedBytes: 3 * GiB, memTotalBytes: 8 * GiB })).toBe('host cpu 37.5% of 4 · mem 3.0GiB/8.0GiB');
    expect(hostText({ cpuPercent: null, onlineCpus: 4, memUsedBytes: null, memTotalBytes: 8 * GiB })).toBe('host cpu – · mem –');
    expect(hostText(null)).toBe('host cpu – · mem –');
  });
});

describe('the header', () => {
  it('shows each node\'s host CPU and memory, marks a prod node, and names it [prod] before stopping there', async () => {
    const web = container('lab-web', { node: 'shop1' });
    const store = new FleetStore();
    store.dispatch({ type: 'node/up', node: 'shop1', host: HOST, at: Date.now() });
    store.dispatch({ type: 'containers/snapshot', node: 'shop1', containers: [web], at: Date.now() });
    const usage: HostUsage = { cpuPercent: 12.5, onlineCpus: 2, memUsedBytes: 2 * GiB, memTotalBytes: 24 * GiB };
    const stats: StatsSource = { ...NO_STATS, host: (n) => (n === 'shop1' ? usage : null) };
    const rt = fakeRuntime('shop1', [web], []);
    const fleet = { nodes: [{ ...LOCAL_NODE, name: 'shop1', labels: { env: 'prod' } }], runtime: async () => rt };
    const screen = setup.track(renderAt(
      <App store={store} fleet={fleet} stats={stats} keys={keyMap(DEFAULT_KEYS)} theme={setup.theme()} readonly={false} audit={memoryAuditLog()} refreshMs={1000} retryBudgetMs={1000} />,
      160, 24,
    ));
    const f = await screen.waitFor((s) => s.includes('lab-web'), 'the table');
    expect(f.split('\n')[0]).toMatch(/^shop1 \[prod\] {2}up {2}docker 20\.10\.24 {2}cgroup v1 {2}1\/1 running {2}host cpu 12\.5% of 2 · mem 2\.0GiB\/24\.0GiB/);
    screen.press('x');
    await screen.waitFor((s) => s.includes('Stop container lab-web on shop1 [prod]?'), 'the confirmation naming [prod]');
  });
});
