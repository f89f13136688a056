import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { installEpipeHandler } from '../../../src/cli/framework/epipe.ts';

describe('a closed pipe', () => {
  it('ends with 0 on EPIPE and 1 on other write errors', () => {
    const codes: number[] = [];
    const out = new PassThrough();
    installEpipeHandler([out], (c) => codes.push(c));
    out.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    out.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    expect(codes).toEqual([0, 1]);
  });

  it('`berth … | head -1` ends quietly with exit 0 in a real process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-epipe-'));
    try {
      const script = join(dir, 'writer.ts');
      const epipe = resolve('src/cli/framework/epipe.ts');
      writeFileSync(script, [
        `import { installEpipeHandler } from ${JSON.stringify(epipe)};`,
        'installEpipeHandler([process.stdout, process.stderr]);',
        "const line = 'x'.repeat(100) + '\\n';",
        'function more() { while (process.stdout.write(line)) { /* fill the pipe */ } process.stdout.once("drain", more); }',
        'more();',
      ].join('\n'));
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${script}" | head -1 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 20_000 });
      expect(r.stdout.trim()).toBe('rc=0');
      expect(r.stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
