// The console's line-level frame buffer (src/tui/ink-memo/line-output.ts) against Ink's own
// Output on the real App: every frame the line path draws must look the same on the terminal,
// cell for cell and style for style. Needs dist/ (the test script builds it before this tier).
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the console drawn by lines', () => {
  it('shows the same cells and styles as Ink\'s Output in every plain frame, and hands dialogs and wide text to Ink', () => {
    const script = join(ROOT, 'test/integration/line-output-frames.ts');
    const out = execFileSync(join(ROOT, 'node_modules/.bin/node'), [script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '3' }, timeout: 60_000 });
    const result = JSON.parse(out.slice(0, out.lastIndexOf('}') + 1)) as { checked: number; lines: number; ink: number; mismatches: unknown[] };
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBeGreaterThanOrEqual(10);
    expect(result.lines).toBe(result.checked);
    expect(result.ink).toBeGreaterThanOrEqual(1);
  });
});
