// The stream verbs (logs, exec, top, events) against the real lab, run as an
// operator runs them: the built bin/berth as a child process, once against
// Docker and once against Podman. Faults are made with a unix-socket proxy
// in front of the lab socket, never by touching the shared engines.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiJson, apiOk } from '../lab/engine-api.ts';
import type { LabEngine } from '../lab/types.ts';
import { berth, sandboxEnv } from './support/berth.ts';
import { killLiveRuns, live } from './support/live.ts';
import { SocketProxy } from './support/socket-proxy.ts';

const lab = inject('lab');
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/berth');
const STACK = /\n\s+at /;
/** Where the proxies' sockets live; removed after the file. */
const proxyRoot = mkdtempSync(join(tmpdir(), 'berth-proxy-'));
let proxies = 0;

afterAll(() => {
  killLiveRuns();
  rmSync(proxyRoot, { recursive: true, force: true });
});

/** Newest modification time under a folder (ms). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

beforeAll(() => {
  // dist/ is normally built by the suite; build it here when it is missing or older than src/.
  const main = join(ROOT, 'dist/cli/main.js');
  if (process.env.BERTH_SKIP_BUILD === '1') return;
  if (!existsSync(main) || statSync(main).mtimeMs < newest(join(ROOT, 'src'))) {
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    } catch (err) {
      // tsc still emits on type errors (the typecheck step reports them); only a missing build is fatal.
      if (!existsSync(main)) throw err;
    }
  }
}, 120_000);

/** Starts a streaming berth run (support/live.ts), killed after the file if still going. */
const start = live;

/** A proxy in front of an engine socket (support/socket-proxy.ts), its socket in this file's folder. */
function proxyFor(target: string): SocketProxy & { host: string } {
  const proxy = new SocketProxy(target, join(proxyRoot, `engine-${++proxies}.sock`));
  return Object.assign(proxy, { host: `unix://${proxy.path}` });
}

const engines: LabEngine[] = [lab.engines.docker1, lab.engines.podman];

describe.each(engines)('streams on $name ($kind)', (engine) => {
  const env = sandboxEnv(lab, { DOCKER_HOST: engine.host });
  const created: string[] = [];
  const tag = `${engine.name}-${process.pid}`;

  /** Creates (and by default starts) a container of the lab image; removed after the file. */
  async function container(suffix: string, cmd: string[], opts: { start?: boolean; hostConfig?: Record<string, unknown> } = {}): Promise<string> {
    const name = `st-${suffix}-${tag}`;
    await apiJson(engine.socket, 'POST', `/containers/create?name=${name}`, {
      body: { Image: lab.image, Cmd: cmd, HostConfig: { NetworkMode: 'none', ...opts.hostConfig } },
    });
    created.push(name);
    if (opts.start !== false) await apiOk(engine.socket, 'POST', `/containers/${name}/start`);
    return name;
  }

  async function state(name: string): Promise<{ Status: string; Running: boolean }> {
    return (await apiJson<{ State: { Status: string; Running: boolean } }>(engine.socket, 'GET', `/containers/${name}/json`)).State;
  }

  async function waitState(name: string, ok: (s: { Status: string }) => boolean, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ok(await state(name))) {
      if (Date.now() > deadline) throw new Error(`${name} never reached the state wanted: ${JSON.stringify(await state(name))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  afterAll(async () => {
    for (const name of created) await apiOk(engine.socket, 'DELETE', `/containers/${name}?force=1`, {}, [404]).catch(() => undefined);
  });

  describe('logs', () => {
    it('stdout lines on stdout, stderr lines on stderr', async () => {
      const run = await berth(['logs', 'lab-exited'], env);
      expect(run).toEqual({ code: 0, stdout: 'bye\n', stderr: 'oops\n' });
    });

    it('--tail N shows the last N lines, in order, with -t the engine time in front', async () => {
      const run = await berth(['logs', '--tail', '4', '-t', 'lab-logs'], env);
      expect(run.code).toBe(0);
      const lines = [...run.stdout.split('\n'), ...run.stderr.split('\n')].filter(Boolean);
      expect(lines).toHaveLength(4);
      for (const l of lines) expect(l).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z (line|err) \d+$/);
      expect(run.stdout.split('\n').filter(Boolean).every((l) => / line \d+$/.test(l))).toBe(true);
      expect(run.stderr.split('\n').filter(Boolean).every((l) => / err \d+$/.test(l))).toBe(true);
    });

    it('-o jsonl prints {at, node, container, stream, line} per line, all on stdout', async () => {
      const run = await berth(['logs', '-o', 'jsonl', 'lab-exited'], env);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const items = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      // "bye" and "oops" are written within the same instant: their order between streams is the engine's to choose.
      const byLine = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.line).localeCompare(String(b.line));
      expect(items.map(({ at: _at, ...rest }) => rest).sort(byLine)).toEqual([
        { node: 'local', container: 'lab-exited', stream: 'stdout', line: 'bye' },
        { node: 'local', container: 'lab-exited', stream: 'stderr', line: 'oops' },
      ]);
      for (const i of items) expect(String(i.at)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('a TTY container\'s logs come as one stream, as is (sanitised: no carriage returns); --raw keeps them', async () => {
      // lab-tty prints a line a second from the lab's start: wait until it has two (a fresh lab may be younger).
      let run = await berth(['logs', '--tail', '2', 'lab-tty'], env);
      for (const until = Date.now() + 10_000; run.stdout.split('\n').length < 3 && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 250));
        run = await berth(['logs', '--tail', '2', 'lab-tty'], env);
      }
      expect(run).toEqual({ code: 0, stdout: 'tty-line\ntty-line\n', stderr: '' });
      const raw = await berth(['logs', '--tail', '2', '--raw', 'lab-tty'], env);
      expect(raw.stdout).toBe('tty-line\r\ntty-line\r\n');
    });

    it('escape sequences in log lines are stripped, and kept with --raw', async () => {
      const name = await container('esc', ['sh', '-c', "printf '\\033]0;pwned\\007\\033[2Jhello\\n'; printf 'bad\\033[31m red\\n' >&2"]);
      await waitState(name, (s) => s.Status === 'exited');
      const run = await berth(['logs', name], env);
      expect(run).toEqual({ code: 0, stdout: 'hello\n', stderr: 'bad red\n' });
      const raw = await berth(['logs', '--raw', name], env);
      expect(raw.stdout).toBe('\u001b]0;pwned\u0007\u001b[2Jhello\n');
      expect(raw.stderr).toBe('bad\u001b[31m red\n');
      const jsonl = await berth(['logs', '-o', 'jsonl', name], env);
      expect(jsonl.stdout).not.toContain('\\u001b');
      // The order between stdout and stderr lines written in the same instant is the engine's.
      expect(jsonl.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { line: string }).line).sort()).toEqual(['bad red', 'hello']);
    });

    it('-f shows a new line within 3 s and ends with exit 0 when the container stops', async () => {
      const name = await container('follow', ['sh', '-c', 'trap "exit 0" TERM; i=0; while :; do echo "tick $i"; i=$((i+1)); sleep 1; done']);
      const live = start(['logs', '-f', '--tail', '0', name], env);
      const t0 = Date.now();
      await live.waitFor((out) => /tick \d+\n/.test(out), 6000, 'a followed line');
      // The first line may come up to a second after berth is ready; node's start-up is on top.
      expect(Date.now() - t0).toBeLessThan(5000);
      await apiOk(engine.socket, 'POST', `/containers/${name}/stop?t=5`);
      const end = await live.exited;
      expect(end.code).toBe(0);
      expect(live.stderr).toBe('');
      const ticks = live.stdout.trim().split('\n');
      expect(ticks.every((l) => /^tick \d+$/.test(l))).toBe(true);
    });

    it('--follow-restarts waits for the container to start, and goes on across its restarts without repeating a line', async () => {
      const name = await container('restarts', ['sh', '-c', 'echo "run"; sleep 1; echo "bye"; exit 1'], {
        start: false,
        hostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } },
      });
      const live = start(['logs', '--follow-restarts', name], env);
      await new Promise((r) => setTimeout(r, 1500)); // berth is now waiting on a created container
      await apiOk(engine.socket, 'POST', `/containers/${name}/start`);
      await live.waitFor((out) => out.split('bye').length - 1 >= 3, 30_000, 'three runs');
      await waitState(name, (s) => s.Status === 'exited');
      await new Promise((r) => setTimeout(r, 1500)); // nothing more may come
      expect(live.stdout).toBe('run\nbye\nrun\nbye\nrun\nbye\n');
      live.child.kill('SIGINT');
      expect((await live.exited).code).toBe(130);
    });

    it('an engine lost under -f is retried, then exit 5 with what was lost, within --timeout×3', async () => {
      const proxy = proxyFor(engine.socket);
      await proxy.listen();
      const live = start(['--timeout', '1s', 'logs', '-f', '--tail', '1', 'lab-logs'], { ...env, DOCKER_HOST: proxy.host });
      await live.waitFor((out) => /line \d+\n/.test(out), 10_000, 'the first line');
      const lostAt = Date.now();
      await proxy.close();
      const end = await live.exited;
      expect(end.code).toBe(5);
      // 3 s of retries, plus the last attempt and start-up slack
      expect(end.at - lostAt).toBeGreaterThanOrEqual(2500);
      expect(end.at - lostAt).toBeLessThan(7000);
      expect(live.stderr).toMatch(/berth: warning: lost the connection while following lab-logs on node local .*retrying for up to 3s/);
      expect(live.stderr).toMatch(/berth: lost the log stream of lab-logs on node local: .*; retried for 3s without getting it back\n/);
      expect(live.stderr).not.toMatch(STACK);
    });

    it('an engine back within the budget: the stream resumes, losing and repeating nothing', async () => {
      const proxy = proxyFor(engine.socket);
      await proxy.listen();
      const live = start(['--timeout', '3s', 'logs', '-f', '--tail', '1', 'lab-logs'], { ...env, DOCKER_HOST: proxy.host });
      await live.waitFor((out) => /line \d+\n/.test(out), 10_000, 'the first line');
      await proxy.close();
      await new Promise((r) => setTimeout(r, 1200));
      await proxy.listen();
      const before = live.stdout.split('\n').filter(Boolean).length;
      await live.waitFor((out) => out.split('\n').filter(Boolean).length >= before + 3, 15_000, 'lines after the reconnect');
      live.child.kill('SIGINT');
      expect((await live.exited).code).toBe(130);
      const numbers = live.stdout.split('\n').filter(Boolean).map((l) => Number(/^line (\d+)$/.exec(l)?.[1]));
      expect(numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1)).toBe(true);
      expect(live.stderr).toMatch(/lost the connection while following lab-logs/);
      await proxy.close();
    });

    it('a closed pipe ends quietly with exit 0', async () => {
      const out = execFileSync('bash', ['-c', `set -o pipefail; "${BIN}" logs -f lab-logs | head -n 2; echo "rc=$?"`], { env, encoding: 'utf8' });
      expect(out).toBe('line 1\nline 2\nrc=0\n');
    });

    it('an unknown container is exit 3, naming close matches', async () => {
      const run = await berth(['logs', 'lab-logz'], env);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/no container "lab-logz"[\s\S]*did you mean: lab-logs/);
      expect(run.stderr).not.toMatch(STACK);
    });
  });

  describe('exec', () => {
    it('returns the command\'s exit code, with its stdout and stderr apart', async () => {
      const run = await berth(['exec', 'lab-web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 7'], env);
      expect(run).toEqual({ code: 7, stdout: 'out\n', stderr: 'err\n' });
    });

    it('-i feeds stdin to the command', async () => {
      const run = await berth(['exec', '-i', 'lab-web', 'sh', '-c', 'tr a-z A-Z; echo done'], env, { input: 'hello\nworld\n' });
      expect(run).toEqual({ code: 0, stdout: 'HELLO\nWORLD\ndone\n', stderr: '' });
    });

    it('a command not found: the engine\'s code (126 on Docker 20.10, 127 on Podman), said once on stderr', async () => {
      const run = await berth(['exec', 'lab-web', 'nosuchcmd'], env);
      expect(engine.kind === 'podman' ? [127] : [126, 127]).toContain(run.code);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`berth: cannot run "nosuchcmd" in container lab-web on node local: executable file not found in $PATH (exit ${run.code})\n`);
    });

    it('-it without a terminal is refused as docker does; a stopped container is a conflict', async () => {
      const tty = await berth(['exec', '-it', 'lab-web', 'sh'], env);
      expect(tty.code).toBe(2);
      expect(tty.stderr).toMatch(/^berth: the input device is not a TTY\n/);
      const stopped = await berth(['exec', 'lab-exited', 'true'], env);
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toMatch(/^berth: container lab-exited on node local is not running \(exited\)/);
    });

    it('-it on a real terminal: raw mode, its size and resizes, the exit code, and the terminal restored', async () => {
      // `script` gives berth a pseudo-terminal. The command reports its size, then again after the
      // terminal was resized under it (SIGWINCH); the shell then shows berth's exit code and whether
      // canonical mode came back. The first size is set right after the start (Podman 4.3 and
      // Docker 20.10 take none before it), hence the sleep.
      const inner = [
        'stty rows 33 cols 101',
        // The command waits (up to 15 s) for the new size, so a slow start cannot race the resize; `stty rows … cols …`
        // may arrive as two resizes, so it waits for the final size, not the first change.
        `"${BIN}" exec -it lab-web sh -c 'sleep 1; stty size; i=0; while [ "$(stty size)" != "40 120" ] && [ $i -lt 15 ]; do sleep 1; i=$((i+1)); done; stty size; exit 5' </dev/tty & p=$!`,
        'sleep 2; stty rows 40 cols 120',
        'wait $p; echo "rc=$?"',
        "stty -a | grep -o -- '-\\?icanon' | head -n 1",
      ].join('; ');
      const out = await new Promise<string>((resolveRun) => {
        const child = spawn('script', ['-qec', inner, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
        let text = '';
        child.stdout.on('data', (d: Buffer) => (text += d.toString()));
        child.on('close', () => resolveRun(text));
        child.stdin.end();
      });
      expect(out).toMatch(/33 101\r*\n40 120\r*\nrc=5\r*\n/);
      expect(out).toMatch(/(^|\n)icanon\r*\n/);
    });
  });

  describe('top', () => {
    it('lists the container\'s processes as a ProcessList', async () => {
      const run = await berth(['top', '-o', 'json', 'lab-web'], env);
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout) as { kind: string; items: { node: string; container: string; pid: number; user: string; command: string }[] };
      expect(doc.kind).toBe('ProcessList');
      expect(doc.items.length).toBeGreaterThanOrEqual(1);
      expect(doc.items.some((p) => p.command.includes('while :; do sleep 1; done'))).toBe(true);
      for (const p of doc.items) {
        expect(p).toMatchObject({ node: 'local', container: 'lab-web', user: 'root' });
        expect(typeof p.pid).toBe('number');
      }
      const table = await berth(['top', 'lab-web'], env);
      expect(table.stdout.split('\n')[0]).toMatch(/PID/);
    });
  });

  describe('events', () => {
    it('-o jsonl shows a start then a die for a container started and stopped meanwhile; Ctrl-C ends with 130', async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      const live = start(['events', '-o', 'jsonl', '--since', since], env);
      const name = await container('events', ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']);
      await apiOk(engine.socket, 'POST', `/containers/${name}/stop?t=5`);
      const mine = (out: string) =>
        out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { at: string; node: string; type: string; action: string; id: string; name: string | null; attributes: Record<string, string> })
          .filter((e) => e.type === 'container' && e.name === name);
      await live.waitFor((out) => mine(out).some((e) => e.action === 'die'), 20_000, 'the die event');
      live.child.kill('SIGINT');
      const end = await live.exited;
      expect(end.code).toBe(130);
      const actions = mine(live.stdout).map((e) => e.action);
      expect(actions.indexOf('start')).toBeGreaterThanOrEqual(0);
      expect(actions.indexOf('start')).toBeLessThan(actions.indexOf('die'));
      const first = mine(live.stdout)[0]!;
      expect(Object.keys(first)).toEqual(['at', 'node', 'type', 'action', 'id', 'name', 'attributes']);
      expect(first.node).toBe('local');
    });

    it('--since/--until replays a window and ends by itself with exit 0', async () => {
      const from = Date.now() / 1000 - 1;
      const name = await container('window', ['true']);
      await waitState(name, (s) => s.Status === 'exited');
      const until = Date.now() / 1000 + 1;
      const run = await berth(['events', '-o', 'jsonl', '--since', String(from), '--until', String(until)], env, { timeoutMs: 20_000 });
      expect(run.code).toBe(0);
      const actions = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { name: string | null; action: string }).filter((e) => e.name === name).map((e) => e.action);
      expect(actions).toContain('start');
      expect(actions).toContain('die');
    });

    it('an engine lost for good: retried, then exit 5 with a message, no stack trace', async () => {
      const proxy = proxyFor(engine.socket);
      await proxy.listen();
      const live = start(['--timeout', '1s', '-o', 'jsonl', 'events', '--since', String(Date.now() / 1000 - 1)], { ...env, DOCKER_HOST: proxy.host });
      // An event of our own proves the stream is up before the engine goes.
      const name = await container('lost', ['true']);
      await live.waitFor((out) => out.includes(`"name":"${name}"`), 20_000, 'an event through the proxy');
      const lostAt = Date.now();
      await proxy.close();
      const end = await live.exited;
      expect(end.code).toBe(5);
      expect(end.at - lostAt).toBeLessThan(7000);
      expect(live.stderr).toMatch(/berth: lost the event stream of node local: .*retried for 3s without getting it back/);
      expect(live.stderr).not.toMatch(STACK);
    });
  });
});
