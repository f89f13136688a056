// The real bin/berth console in a pseudo-terminal, without tmux (which adds
// its own latency between a key and what capture-pane sees): util-linux
// `script` allocates the pty, our pipes are its master side. Keys go in as
// bytes; the output feeds a Screen (screen.ts), so a frame is recognised by
// what it shows on the screen, as an operator would read it.
// BENCH_TRACE=<file> keeps the raw output for a look afterwards.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from './lib.ts';
import { Screen } from './screen.ts';

/** Quotes a word for sh. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A running console in a pty of `rows`×`cols`. */
export class PtyConsole {
  readonly child: ChildProcessWithoutNullStreams;
  readonly screen: Screen;
  /** Bytes of output so far. */
  bytes = 0;
  #waiter: (() => void) | null = null;
  #exited = false;

  /** Runs `bin/berth args…`, or the shell command `command` when given (a baseline). */
  constructor(env: Record<string, string | undefined>, args: readonly string[], rows: number, cols: number, command?: string) {
    this.screen = new Screen(rows, cols);
    const cmd = `stty rows ${rows} cols ${cols}; ${command ?? `exec ${[join(ROOT, 'bin/berth'), ...args].map(shQuote).join(' ')}`}`;
    this.child = spawn('script', ['-qfec', cmd, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    const trace = process.env.BENCH_TRACE;
    if (trace) writeFileSync(trace, '');
    this.child.stdout.on('data', (d: string) => {
      if (trace) appendFileSync(trace, d);
      this.bytes += Buffer.byteLength(d);
      this.screen.write(d);
      this.#waiter?.();
    });
    this.child.stderr.resume();
    this.child.on('exit', () => {
      this.#exited = true;
      this.#waiter?.();
    });
  }

  /** Resolves when the screen passes `test` (checked after each chunk of output); rejects after `timeoutMs`. */
  async waitFor(test: (lines: string[]) => boolean, what: string, timeoutMs = 30_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.screen.lines();
      if (test(lines)) return lines;
      if (this.#exited) throw new Error(`the console exited while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; the screen:\n${lines.join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.#waiter = null;
          resolve();
        }, left);
        this.#waiter = () => {
          clearTimeout(t);
          this.#waiter = null;
          resolve();
        };
      });
    }
  }

  /**
   * Sends `keys` and returns the milliseconds until the screen passes
   * `test` (the first frame showing the effect).
   */
  async press(keys: string, test: (lines: string[]) => boolean, what: string): Promise<number> {
    const t0 = performance.now();
    this.child.stdin.write(keys);
    await this.waitFor(test, what, 10_000);
    return performance.now() - t0;
  }

  /** The console's own process (node), below script's `sh -c … exec`. */
  consolePid(): number {
    return this.childPid('node');
  }

  /**
   * The process directly below script whose executable is named `exe`
   * (not its comm: Node 24 names its main thread "MainThread").
   */
  childPid(exe: string): number {
    const kids = readFileSync(`/proc/${this.child.pid}/task/${this.child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    for (const pid of kids) if (basename(readlinkSync(`/proc/${pid}/exe`)) === exe) return pid;
    throw new Error(`no ${exe} process under script (${this.child.pid}): children ${kids.join(', ')}`);
  }

  /** Quits with `q` and waits for the exit (kills script after `ms`). */
  async quit(ms = 5000): Promise<void> {
    if (this.#exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.write('q');
    const t = setTimeout(() => this.child.kill('SIGKILL'), ms);
    await gone;
    clearTimeout(t);
  }
}

/** utime+stime of a process in clock ticks, from /proc/<pid>/stat. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A field of /proc/<pid>/status in kB (VmRSS, VmHWM). */
export function statusKb(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}
