// Process plumbing for the lab: starting daemons detached with their output
// in a log file, and reading /proc to find (and later kill) what the lab
// started. Teardown must also run from an 'exit' handler, so the /proc
// readers and sleepSync are synchronous.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Blocks the thread for `ms` milliseconds (teardown runs where no event loop is left). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a process with this pid exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Sends a signal, ignoring "no such process". */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** What /proc says about one process. */
export interface ProcEntry {
  pid: number;
  ppid: number;
  /** argv, as in /proc/<pid>/cmdline. */
  args: string[];
  mntNs: string;
}

/** Reads one process from /proc, or null when it is gone. */
export function readProc(pid: number): ProcEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    let mntNs = '';
    try {
      mntNs = readlinkSync(`/proc/${pid}/ns/mnt`);
    } catch {
      // kernel thread or exited
    }
    return { pid, ppid: Number(fields[1]), args, mntNs };
  } catch {
    return null;
  }
}

/** Every process visible in /proc. */
export function listProcs(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readProc(Number(name));
    if (entry) out.push(entry);
  }
  return out;
}

/** This process and its ancestors: never to be killed by a sweep. */
export function selfAndAncestors(): Set<number> {
  const keep = new Set<number>();
  let pid = process.pid;
  while (pid > 1 && !keep.has(pid)) {
    keep.add(pid);
    pid = readProc(pid)?.ppid ?? 0;
  }
  keep.add(1);
  return keep;
}

/** The last `lines` lines of a log file, for error messages. */
export function logTail(file: string, lines = 25): string {
  try {
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A daemon the lab started. */
export interface Started {
  pid: number;
  logFile: string;
  /** Resolves with the exit code/signal if it ever exits (never rejects). */
  exited: Promise<string>;
}

/**
 * Starts a long-lived daemon in its own session (so Ctrl-C in the terminal
 * reaches only the test runner, whose handlers tear the lab down in order),
 * with stdout and stderr appended to `logFile`, and the given environment only.
 */
export function startDaemon(argv: string[], env: Record<string, string>, logFile: string): Started {
  const fd = openSync(logFile, 'a');
  try {
    const [cmd, ...args] = argv;
    if (!cmd) throw new Error('startDaemon: empty argv');
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env, cwd: '/' });
    const exited = new Promise<string>((resolve) => {
      child.on('error', (err) => resolve(`failed to start: ${err.message}`));
      child.on('exit', (code, sig) => resolve(sig ? `killed by ${sig}` : `exited with code ${code}`));
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${cmd} (see ${logFile})`);
    return { pid: child.pid, logFile, exited };
  } finally {
    closeSync(fd);
  }
}

/**
 * Polls `ready` until it is true, failing early if the daemon exits and after
 * `timeoutMs`; either failure carries the tail of the daemon's log.
 */
export async function waitReady(what: string, daemon: Started, ready: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: string | null = null;
  void daemon.exited.then((how) => {
    exitedWith = how;
  });
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    if (await ready()) return;
    if (exitedWith !== null) {
      throw new Error(`${what} ${exitedWith} before it was ready; last lines of ${daemon.logFile}:\n${logTail(daemon.logFile)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} not ready after ${timeoutMs} ms; last lines of ${daemon.logFile}:\n${logTail(daemon.logFile)}`);
    }
    await sleep(delay);
  }
}
