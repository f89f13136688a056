// The console end to end: the real bin/berth in a real terminal (a private
// tmux server), with CI=true as in CI (Ink would otherwise draw nothing
// live), against the lab's docker1 engine. Keys go in with send-keys, the
// screen comes back with capture-pane, and effects are checked on the
// engine itself.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiJson, apiOk, apiRequest } from '../lab/engine-api.ts';
import { TmuxTerminal, shQuote } from '../e2e/tmux.ts';
import { sandboxEnv } from './support/berth.ts';

const lab = inject('lab');
const socket = lab.engines.docker1.socket;
const BERTH = resolve(import.meta.dirname, '../../bin/berth');
const made: string[] = [];
const volumes: string[] = [];
let term: TmuxTerminal;

/** The screen's rows that belong to the containers table. */
const rowOf = (screen: string, name: string): string | undefined => screen.split('\n').find((l) => new RegExp(`^[> ][ *] {2}${name} `).test(l));

async function createRunning(name: string): Promise<string> {
  const body = { Image: lab.image, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done'], HostConfig: { NetworkMode: 'none' } };
  const { Id } = await apiJson<{ Id: string }>(socket, 'POST', `/containers/create?name=${name}`, { body });
  made.push(Id);
  await apiOk(socket, 'POST', `/containers/${Id}/start`, {}, [304]);
  return Id;
}

/** Number of the newest `line N` lab-logs has written, from the engine. */
async function latestLogLine(): Promise<number> {
  const res = await apiRequest(socket, 'GET', `/containers/${lab.fixtures.docker1['lab-logs']}/logs?stdout=1&tail=5`);
  const nums = [...res.body.toString('latin1').matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
  return Math.max(...nums);
}

/** Filters the table to `text` and waits until the row is under the cursor. */
async function focus(name: string): Promise<void> {
  term.keys('/', 'C-u');
  term.type(name);
  term.keys('Enter');
  await term.waitFor((s) => rowOf(s, name)?.startsWith('>') === true, `${name} under the cursor`);
}

let env: Record<string, string>;

beforeAll(async () => {
  env = { ...sandboxEnv(lab, { DOCKER_HOST: lab.engines.docker1.host }), CI: 'true' };
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${shQuote(v)}`).join(' ');
  // The shell prints a marker before and after, so the test can see it get its screen back.
  const script = `echo shell-before-berth; env -i TERM="$TERM" ${assignments} ${shQuote(BERTH)}; echo "berth exited $?"; sleep 3600`;
  term = TmuxTerminal.start(script, 120, 40);
  await term.waitFor((s) => /^> /m.test(s) && s.includes('lab-web') && s.includes('? help'), 'the console to list containers', 30_000);
});

afterAll(async () => {
  term?.kill();
  for (const id of made) await apiOk(socket, 'DELETE', `/containers/${id}?force=true`, {}, [404]).catch(() => undefined);
  for (const name of volumes) await apiOk(socket, 'DELETE', `/volumes/${name}`, {}, [404]).catch(() => undefined);
});

describe('the console in a terminal', () => {
  it('draws live under CI=true in the alternate screen, with lab-web in the list', () => {
    const s = term.screen();
    expect(term.pane('alternate_on')).toBe('1');
    expect(s).not.toContain('shell-before-berth');
    expect(s.split('\n')[0]).toMatch(/^local {2}up {2}docker 20\.10/);
    expect(rowOf(s, 'lab-web')).toMatch(/lab-web +local +berth-lab\/busybox:latest +running/);
  });

  it('/ shows only the matching containers', async () => {
    term.keys('/');
    term.type('lab-w');
    const s = await term.waitFor((x) => !x.includes('lab-logs'), 'the filter to apply');
    expect(rowOf(s, 'lab-web')).toBeDefined();
    expect(rowOf(s, 'lab-worker')).toBeDefined();
    expect(s.split('\n').filter((l) => /^[> ][ *] {2}lab-/.test(l))).toHaveLength(2);
    term.keys('Enter');
    term.keys('Escape');
    await term.waitFor((x) => x.includes('lab-logs'), 'esc to clear the filter');
  });

  it('stops a selected container after the confirmation, and the engine reports it stopped', async () => {
    const id = await createRunning('console-e2e-stop');
    await term.waitFor((s) => rowOf(s, 'console-e2e-stop') !== undefined, 'the new container to appear (live events)');
    await focus('console-e2e-stop');
    term.keys('Space');
    await term.waitFor((s) => s.includes('1 selected'), 'the selection');
    term.keys('x');
    await term.waitFor((s) => s.includes('Stop container console-e2e-stop on local?'), 'the confirmation naming it');
    const before = await apiJson<{ State: { Running: boolean } }>(socket, 'GET', `/containers/${id}/json`);
    expect(before.State.Running).toBe(true);
    term.keys('y');
    await term.waitFor((s) => s.includes('✓ local/console-e2e-stop'), 'the per-item result');
    const after = await apiJson<{ State: { Running: boolean; Status: string } }>(socket, 'GET', `/containers/${id}/json`);
    expect(after.State).toMatchObject({ Running: false, Status: 'exited' });
    await term.waitFor((s) => /exited\(0\)/.test(rowOf(s, 'console-e2e-stop') ?? ''), 'the row to show it exited');
    term.keys('Escape');
    term.keys('Escape');
  });

  it('follows the logs of lab-logs up to the newest line', async () => {
    await focus('lab-logs');
    term.keys('l');
    await term.waitFor((s) => s.includes('Logs lab-logs on local · following'), 'the logs pane');
    const newest = await latestLogLine();
    const s = await term.waitFor((x) => [...x.matchAll(/^line (\d+)$/gm)].some((m) => Number(m[1]) >= newest), `line ${newest} or later`);
    expect(s).toMatch(/^err \d+$/m);
    term.keys('Escape');
    await term.waitFor((x) => x.includes('Containers [1]'), 'esc back to the table');
    term.keys('Escape');
  });

  it('esc esc sent at once closes the pane and then clears the filter (the second esc is not lost)', async () => {
    await focus('lab-logs');
    term.keys('l');
    await term.waitFor((s) => s.includes('Logs lab-logs on local'), 'the logs pane');
    // One send-keys: both escapes reach berth in one read, as a quick double tap may.
    term.keys('Escape', 'Escape');
    await term.waitFor((s) => s.includes('Containers [1]') && rowOf(s, 'lab-web') !== undefined && !s.includes('filter "lab-logs"'), 'the table back, unfiltered');
  });

  it('m charts the CPU, memory, network and block I/O of lab-web from the live samples', async () => {
    await focus('lab-web');
    term.keys('m');
    const s = await term.waitFor((x) => /Stats lab-web on local · last \d+s, ([2-9]|\d\d+) samples/.test(x) && /^CPU \d+\.\d%/m.test(x), 'the stats pane with samples');
    expect(s).toMatch(/^Memory \S+ \/ \S+ \(\d+\.\d%\)$/m);
    // The memory line is drawn: some braille cell with dots in it.
    expect(s).toMatch(/┤[\u2800-\u28ff]*[\u2801-\u28ff]/);
    // Network and block I/O below them, each two-way (receive/read up, transmit/write down), – when unknown.
    expect(s).toMatch(/^Network rx (\S+\/s|–) \(up\) · tx (\S+\/s|–) \(down\) · scale \S+\/s$/m);
    expect(s).toMatch(/^Block I\/O read (\S+\/s|–) \(up\) · write (\S+\/s|–) \(down\) · scale \S+\/s$/m);
    expect(s).toMatch(/^ +rx ┤[\u2800-\u28ff]+$/m);
    term.keys('Escape');
    await term.waitFor((x) => x.includes('Containers [1]'), 'esc back to the table');
    term.keys('Escape');
    await term.waitFor((x) => x.includes('lab-logs'), 'esc to clear the filter');
  });

  it('5 lists a volume created on the engine, with its node, as berth volumes does; 1 goes back', async () => {
    const name = `console-e2e-vol-${process.pid}`;
    await apiJson(socket, 'POST', '/volumes/create', { body: { Name: name } });
    volumes.push(name);
    term.keys('5');
    // The view lists at once when opened; a volume made just before may need one re-list (every 5 s).
    const s = await term.waitFor((x) => x.includes('Volumes [5]') && new RegExp(`^[> ] *local +${name} +local +`, 'm').test(x), `${name} in the volumes view`, 30_000);
    expect(s).toMatch(/^ +NODE +NAME +DRIVER +IN USE +SIZE( +MOUNTPOINT)?$/m);
    term.keys('1');
    await term.waitFor((x) => x.includes('Containers [1]') && rowOf(x, 'lab-web') !== undefined, 'the containers view again');
  });

  it('W on lab-exited says why it stopped: exit code 3 and its last lines, as berth why does', async () => {
    await focus('lab-exited');
    term.keys('W');
    const s = await term.waitFor((x) => x.includes('Why lab-exited on local') && /^ {2}exit code: +3 {2}the program reported an error$/m.test(x), 'the why pane with exit code 3');
    expect(s).toMatch(/^ {2}OOM killed: +no/m);
    expect(s).toMatch(/^ {4}! oops$/m);
    expect(s).toMatch(/^ {6}bye$/m);
    term.keys('Escape', 'Escape');
    await term.waitFor((x) => x.includes('Containers [1]') && x.includes('lab-logs'), 'back to the whole table');
  });

  it('T on lab-web lists its processes, as berth top does', async () => {
    await focus('lab-web');
    term.keys('T');
    const s = await term.waitFor((x) => /Processes lab-web on local · \d+ process/.test(x) && /^ +\S+ +\d+ +\d+ .*sh -c trap "exit 0" TERM; while :; do sleep 1; done$/m.test(x), 'the processes pane with the loop');
    expect(s).toMatch(/^ +(UID|USER) +PID +PPID /m);
    // W from here, then l: the panes switch without going back to the table.
    term.keys('W');
    await term.waitFor((x) => x.includes('Why lab-web on local · running'), 'the why pane');
    term.keys('Escape', 'Escape');
    await term.waitFor((x) => x.includes('Containers [1]') && x.includes('lab-logs'), 'back to the whole table');
  });

  it('redraws cleanly when the window is resized', async () => {
    // A frame is clean when it fits, starts with the header, and has each part once. Polled, since
    // capture-pane may catch a frame half-written; garbage that stays fails with the screen shown.
    const clean = (columns: number, rows: number) => (s: string): boolean => {
      const lines = s.split('\n');
      return term.pane('pane_width') === String(columns) && lines.length <= rows && lines.every((l) => l.length <= columns) &&
        /^local {2}up /.test(lines[0] ?? '') && lines.filter((l) => /^ +NAME /.test(l)).length === 1 &&
        lines.filter((l) => l.includes('? help')).length === 1 && lines.filter((l) => /^[> ][ *] {2}lab-web /.test(l)).length === 1;
    };
    term.resize(80, 24);
    const small = await term.waitFor(clean(80, 24), 'a clean 80×24 frame');
    // Narrow: less useful columns go (restarts, image) so names stay readable; nothing wraps.
    expect(small).toMatch(/^ +NAME +NODE +STATE +STATUS +CPU% +MEM( +UPTIME)?$/m);
    expect(small).toMatch(/^[> ][ *] {2}lab-restarting /m);
    term.resize(50, 10);
    await term.waitFor((s) => s.includes('Terminal too small (50×10)'), 'the too-small message');
    term.resize(120, 40);
    const big = await term.waitFor(clean(120, 40), 'a clean 120×40 frame');
    // Wide enough for every core column; the extras (uptime, trend, rates, pids, ports) take what is left.
    expect(big).toMatch(/ +NAME +NODE +IMAGE +STATE +STATUS +RESTARTS +CPU% +MEM( +UPTIME)?$/m);
    expect(big).not.toContain('too small');
  });

  it('s opens a shell in lab-web, and the console comes back when it exits', async () => {
    await focus('lab-web');
    term.keys('s');
    await term.waitFor((x) => x.includes('exit the shell to return to the console'), 'the shell in lab-web');
    expect(term.pane('alternate_on')).toBe('0');
    term.type('echo berth-was-here-$((6*7))');
    term.keys('Enter');
    await term.waitFor((x) => x.includes('berth-was-here-42'), 'the shell to run the command');
    term.type('exit');
    term.keys('Enter');
    const back = await term.waitFor((x) => x.includes('shell in lab-web on node local exited with 0') && rowOf(x, 'lab-web') !== undefined, 'the console back');
    expect(back).not.toContain('berth-was-here-42');
    expect(term.pane('alternate_on')).toBe('1');
    // Recorded like an action: node, container, the command and how it ended (never what was typed in it).
    const audit = readFileSync(join(env.XDG_STATE_HOME!, 'berth', 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(audit.filter((e) => e.verb === 'shell')).toEqual([expect.objectContaining({ node: 'local', verb: 'shell', target: 'lab-web', result: 'ok', message: '/bin/sh exited with 0' })]);
    expect(JSON.stringify(audit)).not.toContain('berth-was-here');
    term.keys('Escape');
    await term.waitFor((x) => x.includes('lab-logs'), 'esc to clear the filter');
  });

  it('q quits and gives the shell its screen back', async () => {
    term.keys('q');
    const s = await term.waitFor((x) => x.includes('berth exited 0'), 'berth to exit');
    expect(s).toContain('shell-before-berth');
    // The shell session (s) ran on this screen and stays in it, as any program's output would; the console does not.
    expect(rowOf(s, 'lab-web')).toBeUndefined();
    expect(s).not.toContain('? help');
    expect(term.pane('alternate_on')).toBe('0');
    expect(term.pane('cursor_flag')).toBe('1');
  });
});

describe('ctrl+z in a job-control shell', () => {
  let sh: TmuxTerminal;
  afterAll(() => sh?.kill());

  it('suspends to the shell, and fg brings the console back', async () => {
    const env = { ...sandboxEnv(lab, { DOCKER_HOST: lab.engines.docker1.host }), CI: 'true' };
    const assignments = Object.entries(env).map(([k, v]) => `${k}=${shQuote(v)}`).join(' ');
    sh = TmuxTerminal.start(`PS1='job-shell$ ' exec bash --norc --noprofile -i`, 120, 40);
    await sh.waitFor((s) => s.includes('job-shell$'), 'the bash prompt');
    sh.type(`env -i TERM="$TERM" ${assignments} ${shQuote(BERTH)}`);
    sh.keys('Enter');
    const listed = (s: string): boolean => rowOf(s, 'lab-web') !== undefined && s.includes('? help');
    await sh.waitFor(listed, 'the console', 30_000);
    sh.keys('C-z');
    const stopped = await sh.waitFor((s) => /Stopped/.test(s) && /job-shell\$\s*$/.test(s), 'the shell prompt after ctrl+z');
    expect(stopped).not.toContain('? help');
    expect(sh.pane('alternate_on')).toBe('0');
    sh.type('fg');
    sh.keys('Enter');
    await sh.waitFor(listed, 'the console after fg');
    expect(sh.pane('alternate_on')).toBe('1');
    sh.keys('q');
    await sh.waitFor((s) => /job-shell\$\s*$/.test(s) && !s.includes('? help'), 'berth to quit to the prompt');
  });
});
