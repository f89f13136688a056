// The remote sampler trims memory.stat on the host to MEMORY_STAT_KEYS:
// on every real memory.stat in test/fixtures/cgroup (v1 hybrid and v2),
// the trimmed file streamed by the real loop decodes to the same numbers
// as the whole file, and is much smaller.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCounters } from '../../../src/metrics/cgroup/decode.ts';
import type { CounterFile } from '../../../src/metrics/cgroup/counter-files.ts';
import { createStreamReader } from '../../../src/metrics/stream/stream-reader.ts';
import { LocalTransport } from '../../../src/transport/local.ts';

const ROOT = join(import.meta.dirname, '../../fixtures/cgroup');

function memoryStats(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...memoryStats(p));
    else if (e === 'memory.stat') out.push(p);
  }
  return out;
}

const memoryOf = (file: CounterFile, content: Buffer | Error | undefined) =>
  decodeCounters([file], new Map(content === undefined ? [] : [[file.path, content]]))?.memory;

describe('memory.stat trimmed on the host', () => {
  const files = memoryStats(ROOT);

  it('decodes to the same memory numbers as the whole file, v1 and v2', async () => {
    expect(files.some((f) => f.includes('/v1-hybrid/'))).toBe(true);
    expect(files.some((f) => f.includes('/v2/'))).toBe(true);
    const reader = createStreamReader(new LocalTransport(), { intervalMs: 1000 });
    try {
      const streamed = await reader.readFiles(files);
      let whole = 0;
      let trimmed = 0;
      for (const path of files) {
        const kind = path.includes('/v1-hybrid/') && path.includes('/memory/') ? 'v1.memory.stat' : 'v2.memory.stat';
        const file: CounterFile = { path, kind };
        const full = readFileSync(path);
        const got = streamed.get(path);
        expect(got).toBeInstanceOf(Buffer);
        expect(memoryOf(file, got), path).toEqual(memoryOf(file, full));
        expect(memoryOf(file, full)!.rssBytes, path).not.toBeNull();
        whole += full.length;
        trimmed += (got as Buffer).length;
      }
      expect(trimmed).toBeLessThan(whole / 4);
    } finally {
      reader.close();
    }
  });
});
