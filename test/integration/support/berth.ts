// Runs the real CLI as a child process and collects what an operator sees.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LabInfo } from '../../lab/types.ts';

/** What one berth run printed and how it ended. */
export interface BerthRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(import.meta.dirname, '../../..');

const sandboxes: string[] = [];
process.once('exit', () => {
  for (const d of sandboxes) rmSync(d, { recursive: true, force: true });
});

/** A private HOME/XDG for one test file, so config and audit log are its own; removed when the run ends. */
export function sandboxEnv(lab: LabInfo, extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-it-'));
  sandboxes.push(dir);
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...lab.env,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    ...extra,
  };
}

/** Writes a config.yaml and returns its path. */
export function writeConfig(env: Record<string, string>, yaml: string): string {
  const file = join(env.HOME!, 'berth.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** Runs `bin/berth args…` with `env` (never the test runner's own environment). */
export function berth(args: readonly string[], env: Record<string, string>, opts: { input?: string; timeoutMs?: number; prefix?: string[] } = {}): Promise<BerthRun> {
  return new Promise((resolvePromise, reject) => {
    const cmd = [...(opts.prefix ?? []), join(ROOT, 'bin/berth'), ...args];
    const child = spawn(cmd[0]!, cmd.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Parses a `-o json` envelope. */
export function envelopeOf<T = Record<string, unknown>>(run: BerthRun): { kind: string; apiVersion: string; items: T[]; errors: { node: string; kind: string; message: string }[] } {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
  }
}
