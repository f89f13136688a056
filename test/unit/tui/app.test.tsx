// The console's frames as an operator reads them: a fixed-size terminal,
// keys sent, the screen asserted. The fleet is in memory (fixtures.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryAuditLog } from '../../../src/cli/framework/audit.ts';
import type { Container } from '../../../src/domain/types.ts';
import { FleetStore } from '../../../src/fleet/store.ts';
import { LOCAL_NODE } from '../../../src/fleet/node-spec.ts';
import { App } from '../../../src/tui/components/App.tsx';
import type { ContainerStats } from '../../../src/domain/stats.ts';
import type { RuntimeSource } from '../../../src/runtime/types.ts';
import type { ShellRunner, ShellTarget } from '../../../src/tui/actions/shell.ts';
import { NO_STATS, type StatsSource } from '../../../src/tui/data/stats.ts';
import { DEFAULT_KEYS, keyMap } from '../../../src/tui/keys.ts';
import { displayWidth } from '../../../src/util/width.ts';
import { HOST, container, fakeRuntime, type Call } from './fixtures.ts';
import { consoleTestSetup, renderAt } from './render.ts';

const setup = consoleTestSetup();

const DOWN = '\u001b[B';
const ESC = '\u001b';

interface Setup {
  containers?: Container[];
  readonly?: boolean;
  nodeState?: 'up' | 'down';
  columns?: number;
  rows?: number;
  stats?: StatsSource;
  openShell?: ShellRunner;
  runtime?: Partial<RuntimeSource>;
  cwd?: string;
}

function open(o: Setup = {}) {
  // Listed a while ago: the status words are old, the times say how long it has really been.
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const containers = o.containers ?? [
    container('lab-web', { status: 'Up 1 second', startedAt: ago(180_000) }), container('lab-worker'), container('웹서버'),
    container('lab-exited', { state: 'exited', exitCode: 3, status: 'Exited (3) 5 seconds ago', startedAt: ago(7_300_000), finishedAt: ago(3_600_000) }),
  ];
  const calls: Call[] = [];
  const store = new FleetStore();
  const t0 = Date.now() - 90_000;
  store.dispatch({ type: 'node/up', node: 'local', host: HOST, at: t0 });
  store.dispatch({ type: 'containers/snapshot', node: 'local', containers, at: t0 });
  if (o.nodeState === 'down') store.dispatch({ type: 'node/down', node: 'local', error: 'cannot connect to /var/run/docker.sock', at: Date.now() });
  const rt = { ...fakeRuntime('local', containers, calls), ...o.runtime };
  const audit = memoryAuditLog();
  const fleet = { nodes: [{ ...LOCAL_NODE, readonly: o.readonly ?? false }], runtime: async () => rt };
  const screen = setup.track(renderAt(
    <App store={store} fleet={fleet} stats={o.stats ?? NO_STATS} openShell={o.openShell} keys={keyMap(DEFAULT_KEYS)} theme={setup.theme()} readonly={o.readonly ?? false} audit={audit} refreshMs={1000} retryBudgetMs={1000}
      {...(o.cwd ? { cwd: o.cwd, home: o.cwd } : {})} />,
    o.columns ?? 120, o.rows ?? 24,
  ));
  return { screen, calls, audit, store };
}

const rowOf = (frame: string, name: string): string => frame.split('\n').find((l) => l.includes(name)) ?? '';

describe('console frames', () => {
  it('shows the node header and the containers, unknown as –, filling the terminal exactly', async () => {
    const { screen } = open();
    const f = await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    expect(f.split('\n')[0]).toMatch(/^local {2}up {2}docker 20\.10\.24 {2}cgroup v1 {2}3\/4 running/);
    // Sorted by node, then name: the cursor starts on the first.
    expect(rowOf(f, 'lab-exited')).toMatch(/^> .*lab-exited +local +busybox:latest +exited\(3\) +Exited \(3\) About an hour ago +0 +– +–/);
    expect(rowOf(f, 'lab-web')).toMatch(/^ .*lab-web +local +busybox:latest +running +Up 3 minutes +0 +– +–/);
    expect(f.split('\n')).toHaveLength(24);
    expect(f.split('\n').at(-1)).toContain('? help');
  });

  it('lines up a Korean name with the others', async () => {
    const { screen } = open();
    const f = await screen.waitFor((s) => s.includes('웹서버'), 'the CJK row');
    const at = (line: string): number => displayWidth(line.slice(0, line.indexOf('busybox')));
    expect(at(rowOf(f, '웹서버'))).toBe(at(rowOf(f, 'lab-web')));
  });

  it('/ filters to the matching rows only', async () => {
    const { screen } = open();
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press('/');
    screen.press('work');
    const f = await screen.waitFor((s) => !s.includes('lab-web'), 'the filter to apply');
    expect(f).toContain('lab-worker');
    expect(f).not.toContain('lab-exited');
    expect(f).toContain('Containers [1] 1/4');
    screen.press('\r');
    screen.press(ESC);
    await screen.waitFor((s) => s.includes('lab-web'), 'esc to clear the filter');
  });

  it('greys a down node\'s rows with the age of their data', async () => {
    const { screen } = open({ nodeState: 'down' });
    const f = await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    // The status keeps the words it was last listed with: aging them would claim the container still runs.
    expect(rowOf(f, 'lab-web')).toContain('stale 1m · Up 1 second');
    expect(f.split('\n')[0]).toMatch(/local {2}down .*stale 1m {2}cannot connect/);
  });

  it('stops the container under the cursor after y, audits it and shows the result', async () => {
    const { screen, calls, audit } = open();
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press(DOWN);
    screen.press('j');
    await screen.waitFor((s) => rowOf(s, 'lab-worker').startsWith('>'), 'the cursor to move');
    screen.press('x');
    await screen.waitFor((s) => s.includes('Stop container lab-worker on local?'), 'the question');
    expect(calls.filter((c) => c[0] === 'stop')).toEqual([]);
    screen.press('y');
    const f = await screen.waitFor((s) => s.includes('✓ local/lab-worker'), 'the result');
    expect(f).toContain('Stop: 1 ok');
    expect(calls.filter((c) => c[0] === 'stop').map((c) => c[1])).toEqual([container('lab-worker').id]);
    expect(audit.entries).toEqual([{ node: 'local', verb: 'stop', target: 'lab-worker', result: 'ok' }]);
  });

  it('does nothing when the question is answered no', async () => {
    const { screen, calls } = open();
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press('x');
    await screen.waitFor((s) => s.includes('Stop container'), 'the question');
    screen.press('n');
    await screen.waitFor((s) => !s.includes('Stop container'), 'the dialog to close');
    expect(calls.filter((c) => c[0] === 'stop')).toEqual([]);
  });

  it('acts on every selected container, asking once with the count', async () => {
    const { screen } = open();
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press(' ');
    screen.press(' ');
    await screen.waitFor((s) => s.includes('2 selected'), 'the selection');
    screen.press('r');
    await screen.waitFor((s) => s.includes('Restart 2 containers on local?'), 'the question with the count');
  });

  it('hides actions when read-only and says why a key does nothing', async () => {
    const { screen, calls } = open({ readonly: true });
    const f = await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    expect(f.split('\n').at(-1)).not.toContain('stop');
    expect(f).toContain('[read-only]');
    screen.press('x');
    await screen.waitFor((s) => s.includes('refusing to stop: berth is read-only'), 'the refusal');
    expect(calls).toEqual([]);
  });

  it('shows sanitised logs, following the newest line', async () => {
    const { screen } = open();
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press('/lab-web\rl');
    const f = await screen.waitFor((s) => s.includes('line 30 '), 'the last log line');
    expect(f).toContain('Logs lab-web on local · following');
    expect(f).not.toContain('pwned');
    screen.press('p');
    await screen.waitFor((s) => s.includes('PAUSED'), 'pause');
    screen.press(ESC);
    await screen.waitFor((s) => s.includes('Containers [1]'), 'esc back to the table');
  });

  it('esc esc in one read closes the logs and then clears the filter (the second esc is not lost)', async () => {
    const { screen } = open();
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press('/lab-w\rl');
    await screen.waitFor((s) => s.includes('Logs lab-web on local'), 'the logs pane');
    screen.press(ESC + ESC);
    const f = await screen.waitFor((s) => s.includes('Containers [1]') && s.includes('lab-exited'), 'the whole table back');
    expect(f).not.toContain('filter "lab-w"');
  });

  it('S saves the logs to a file named on the footer line, refusing to overwrite and saying what failed where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-app-save-'));
    try {
      const { screen } = open({ cwd: dir });
      await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
      screen.press('/lab-web\rl');
      await screen.waitFor((s) => s.includes('line 30 '), 'the logs');
      screen.press('S');
      const f = await screen.waitFor((s) => /^save to \.\/lab-web-\d{8}-\d{6}\.log/m.test(s), 'the prompt with the default name');
      expect(f.split('\n').at(-1)).toContain('? help');
      screen.press('\u0015saved.log\r');
      const done = await screen.waitFor((s) => s.includes(`saved 30 lines to ${join(dir, 'saved.log')}`), 'the report');
      expect(done).not.toMatch(/^save to /m);
      const text = readFileSync(join(dir, 'saved.log'), 'utf8').split('\n');
      expect(text[0]).toBe('2026-01-01T00:00:01.000000000Z line 1 ok');
      expect(text).toHaveLength(31);
      // Again with the same name: refused, the file untouched, the text kept to correct.
      screen.press('S');
      await screen.waitFor((s) => /^save to \.\/lab-web-/m.test(s), 'the prompt again');
      screen.press('\u0015saved.log\r');
      const refused = await screen.waitFor((s) => s.includes('exists: not overwriting it'), 'the refusal');
      expect(refused).toMatch(/^save to saved\.log/m);
      screen.press('\u0015nope/x.log\r');
      await screen.waitFor((s) => s.includes(`cannot save: the folder ${join(dir, 'nope')} does not exist`), 'the missing folder named');
      screen.press(ESC);
      await screen.waitFor((s) => !/^save to /m.test(s) && s.includes('Logs lab-web'), 'esc to drop the prompt, the logs still open');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('inspects with environment values masked until e', async () => {
    const { screen } = open({ rows: 60 });
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press('\r');
    const f = await screen.waitFor((s) => s.includes('DB_PASSWORD='), 'the YAML');
    expect(f).toContain('DB_PASSWORD=••••••');
    expect(f).not.toContain('hunter2');
    screen.press('e');
    await screen.waitFor((s) => s.includes('DB_PASSWORD=hunter2'), 'the value shown');
  });

  it('lists the keys of the view in the help, from the key table', async () => {
    const { screen } = open();
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press('?');
    const f = await screen.waitFor((s) => s.includes('Keys: Containers'), 'the help');
    expect(f).toMatch(/x +Stop \(asks first\)/);
    expect(f).toMatch(/ctrl\+k +Kill/);
  });

  it('switches views with : commands and number keys', async () => {
    const { screen } = open();
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press(':no\r');
    const f = await screen.waitFor((s) => s.includes('Nodes [3]'), 'the nodes view');
    expect(f).toMatch(/^> *local +up +docker 20\.10\.24 +v1 +6\.1\.0 +4 +8\.0GiB +3\/4 /m);
    screen.press('4');
    await screen.waitFor((s) => s.includes('Events [4]'), 'the events view');
  });

  it('5 lists the volumes of every node with the columns of berth volumes; : completes to :networks', async () => {
    const { screen } = open({
      runtime: {
        listVolumes: async () => [
          { name: 'pgdata', node: 'local', driver: 'local', mountpoint: '/var/lib/docker/volumes/pgdata/_data', sizeBytes: null, inUse: true },
          { name: 'cache', node: 'local', driver: 'local', mountpoint: null, sizeBytes: 2048, inUse: false },
        ],
        listNetworks: async () => [{ id: 'f'.repeat(64), name: 'bridge', node: 'local', driver: 'bridge', scope: 'local', containers: 3 }],
      },
    });
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press('5');
    const f = await screen.waitFor((s) => s.includes('Volumes [5] 2') && s.includes('pgdata'), 'the volumes view');
    expect(f).toMatch(/^ +NODE +NAME +DRIVER +IN USE +SIZE +MOUNTPOINT$/m);
    expect(rowOf(f, 'pgdata')).toMatch(/^[> ] *local +pgdata +local +true +– +\/var\/lib\/docker\/volumes\/pgdata\/_data/);
    expect(rowOf(f, 'cache')).toMatch(/local +cache +local +false +2\.0KiB/);
    screen.press('/pg');
    await screen.waitFor((s) => s.includes('Volumes [5] 1/2') && !s.includes(' cache '), 'the filter');
    screen.press('\r:ne\t');
    await screen.waitFor((s) => s.includes(':networks'), 'tab completion');
    screen.press('\r');
    const n = await screen.waitFor((s) => s.includes('Networks [6] 1'), 'the networks view');
    expect(n).toMatch(/^ +NODE +NETWORK ID +NAME +DRIVER +SCOPE +CONTAINERS$/m);
    expect(rowOf(n, 'bridge')).toMatch(/local +ffffffffffff +bridge +bridge +local +3$/);
  });

  it('T lists the processes of the container as berth top does, and again every few seconds', async () => {
    let calls = 0;
    const { screen } = open({
      runtime: {
        top: async () => ({
          titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
          processes: [['root', '4242', '1', '0', '10:00', '?', '00:00:01', `sh -c loop-${++calls}`], ['root', '4343', '4242', '0', '10:00', '?', '00:00:00', 'sleep 1\u001b]0;pwned\u0007']],
        }),
      },
    });
    await screen.waitFor((s) => s.includes('lab-web'), 'the containers');
    screen.press('/lab-web\rT');
    const f = await screen.waitFor((s) => s.includes('Processes lab-web on local · 2 processes · every 3s'), 'the processes pane');
    expect(f).toMatch(/^ +UID +PID +PPID +C +STIME +TTY +TIME +CMD$/m);
    expect(f).toMatch(/^ +root +4242 +1 +0 +10:00 +\? +00:00:01 +sh -c loop-1$/m);
    expect(f).not.toContain('pwned');
    await screen.waitFor((s) => s.includes('sh -c loop-2'), 'the list again', 5000);
    // From here, l and m switch to the other panes, W to why, and back with T.
    screen.press('W');
    await screen.waitFor((s) => s.includes('Why lab-web on local'), 'the why pane');
    screen.press('T');
    await screen.waitFor((s) => s.includes('Processes lab-web on local'), 'the processes pane again');
    screen.press('l');
    await screen.waitFor((s) => s.includes('Logs lab-web on local'), 'the logs pane');
    screen.press('T');
    await screen.waitFor((s) => s.includes('Processes lab-web on local'), 'T from the logs pane');
  });

  it('a stopped container\'s processes pane says why it is empty, and W explains the exit', async () => {
    let topCalls = 0;
    const { screen } = open({ runtime: { top: async () => (topCalls++, { titles: [], processes: [] }) } });
    await screen.waitFor((s) => /^> .*lab-exited/m.test(s), 'the cursor on lab-exited');
    screen.press('T');
    const f = await screen.waitFor((s) => s.includes('Processes lab-exited on local · exited'), 'the processes pane');
    expect(f).toContain('lab-exited is exited: a stopped container has no processes (W: why)');
    expect(topCalls).toBe(0);
    screen.press('W');
    const w = await screen.waitFor((s) => s.includes('Why lab-exited on local · exited') && s.includes('last 30 lines'), 'the why pane');
    expect(w).toMatch(/^ {2}exit code: +3 {2}the program reported an error$/m);
    expect(w).toMatch(/^ {2}OOM killed: +no$/m);
    expect(w).toMatch(/^ {2}restarts: +0 {2}\(policy: –\)$/m);
    expect(w).not.toContain('pwned');
    // The nav keys scroll it: G shows the last of the log lines.
    screen.press('G');
    await screen.waitFor((s) => /^ {6}line 30 ok$/m.test(s), 'the last line after G');
  });

  it('says when the terminal is too small, and comes back on resize', async () => {
    const { screen } = open({ columns: 50, rows: 10 });
    await screen.waitFor((s) => s.includes('Terminal too small (50×10)'), 'the message');
    screen.resize(100, 20);
    await screen.waitFor((s) => s.includes('lab-web'), 'the console after resize');
  });

  it('m charts CPU and memory of the container from the stats history', async () => {
    const mib = 1024 * 1024;
    const history = [5, 20, 60, 35].map((cpu, i) => ({
      cpu: { percent: cpu }, memory: { workingSetBytes: (10 + i) * mib, limitBytes: 64 * mib, percent: ((10 + i) / 64) * 100 },
      network: { rxBytesPerSec: null, txBytesPerSec: null }, blockIo: { readBytesPerSec: null, writeBytesPerSec: null }, pids: 3,
    }) as ContainerStats);
    const stats: StatsSource = { get: () => history.at(-1)!, history: () => history, subscribe: () => () => undefined, close: () => undefined };
    const { screen } = open({ stats, columns: 200 });
    await screen.waitFor((f) => f.includes('lab-web'), 'the table');
    expect(rowOf(screen.frame(), 'lab-web')).toMatch(/35\.0% +▁▂▅▃ +13\.0MiB\/64\.0MiB .* 3 /);
    screen.press(DOWN);
    await screen.waitFor((x) => /^> .*lab-web/m.test(x), 'the cursor on lab-web');
    screen.press('m');
    const f = await screen.waitFor((x) => x.includes('Stats lab-web'), 'the stats pane');
    expect(f).toContain('CPU 35.0%');
    expect(f).toContain('Memory 13.0MiB / 64.0MiB (20.3%)');
    expect(f).toMatch(/100\.0% ┤[\u2800-\u28ff]+/);
    expect(f).toMatch(/64\.0MiB ┤[\u2800-\u28ff]+/);
    // Network and block I/O are not known for these samples: headed – and drawn as gaps, not as a zero line.
    expect(f).toContain('Network rx – (up) · tx – (down)');
    expect(f).toContain('Block I/O read – (up) · write – (down)');
    expect(f.split('\n').filter((l) => /^ +(rx|tx|read|write) ┤/.test(l)).every((l) => /┤\u2800+$/.test(l))).toBe(true);
  });

  it('keeps CPU and memory in a short stats pane and says the I/O charts need more rows', async () => {
    const { screen } = open({ rows: 14 });
    await screen.waitFor((f) => /^> .*lab-exited/m.test(f), 'the table');
    screen.press('m');
    const f = await screen.waitFor((x) => x.includes('Stats lab-exited'), 'the stats pane');
    expect(f).toContain('CPU –');
    expect(f).toMatch(/network and block I\/O charts need \d+ more rows?/);
    expect(f).not.toContain('Network rx');
  });

  it('s opens a shell in the container under the cursor and says how it ended', async () => {
    const opened: ShellTarget[] = [];
    const { screen } = open({ openShell: async (t) => (opened.push(t), { text: `shell in ${t.name} exited with 0`, tone: 'info' }) });
    await screen.waitFor((f) => /^> .*lab-exited/m.test(f), 'the cursor on the first row');
    screen.press('s');
    await screen.waitFor((f) => f.includes('lab-exited is exited: a shell needs a running container'), 'the refusal');
    screen.press(DOWN);
    await screen.waitFor((f) => /^> .*lab-web/m.test(f), 'the cursor on lab-web');
    screen.press('s');
    await screen.waitFor((f) => f.includes('shell in lab-web exited with 0'), 'the shell to end');
    expect(opened.map((t) => t.name)).toEqual(['lab-web']);
  });

  it('sorts with o now that s is the shell', async () => {
    const { screen } = open();
    await screen.waitFor((f) => f.includes('lab-web'), 'the table');
    screen.press('o');
    await screen.waitFor((f) => /NAME↑/.test(f), 'the name column sorted');
  });
});
