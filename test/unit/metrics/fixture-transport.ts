/**
 * A metrics transport rooted at a fixture folder: /proc/… and
 * /sys/fs/cgroup/… resolve to <root>/proc/… and <root>/sys/fs/cgroup/…, so
 * the sampler reads captured or hand-made trees exactly as it reads a host.
 * `stat` runs for real on the mapped paths (namespace links are symlinks in
 * the fixtures), and its output is mapped back.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ExecResult } from '../../../src/transport/types.ts';
import type { MetricsTransport } from '../../../src/metrics/types.ts';

/** The transport plus what it was asked, for asserting there is no per-tick waste. */
export interface FixtureTransport extends MetricsTransport {
  /** Every path read, in order. */
  reads: string[];
  /** Every command run. */
  execs: string[][];
}

/** A transport over `root`; `overrides` replace single files' contents (or fail them with an Error). */
export function fixtureTransport(root: string, overrides: Record<string, string | Error> = {}): FixtureTransport {
  const reads: string[] = [];
  const execs: string[][] = [];
  const read = (path: string): Buffer => {
    reads.push(path);
    const override = overrides[path];
    if (override instanceof Error) throw override;
    if (override !== undefined) return Buffer.from(override);
    return readFileSync(`${root}${path}`);
  };
  return {
    node: 'fixture',
    reads,
    execs,
    async readFiles(paths) {
      const out = new Map<string, Buffer | Error>();
      for (const p of paths) {
        try {
          out.set(p, read(p));
        } catch (err) {
          out.set(p, err as Error);
        }
      }
      return out;
    },
    async exec(argv): Promise<ExecResult> {
      execs.push([...argv]);
      const [cmd, ...args] = argv;
      if (cmd !== 'stat') throw new Error(`fixture transport: unexpected command ${argv.join(' ')}`);
      const mapped = args.map((a) => (a.startsWith('/') ? `${root}${a}` : a));
      let stdout: string;
      let code = 0;
      try {
        stdout = execFileSync('stat', mapped, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch (err) {
        stdout = String((err as { stdout?: string }).stdout ?? '');
        code = 1;
      }
      const text = stdout.split(root).join('');
      return { code, signal: null, stdout: Buffer.from(text), stderr: Buffer.alloc(0) };
    },
  };
}
