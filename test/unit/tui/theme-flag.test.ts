// `--theme` on the command line: it chooses the console's theme over the
// config's, and a name not in themes/ stops berth with exit 2 before the
// console takes the screen, naming the themes there.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/framework/run.ts';
import { fakeIO } from '../../../src/cli/framework/testing.ts';
import { registry } from '../../../src/cli/commands/specs.ts';
import { openConsole } from '../../../src/tui/main.tsx';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'berth-theme-flag-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** `berth ARGS` on a terminal (so no verb opens the console). */
async function onTerminal(argv: string[], env: Record<string, string> = {}) {
  const io = fakeIO({ home, stdinTTY: true, stdoutTTY: true, env: { XDG_CONFIG_HOME: join(home, 'cfg'), ...env } });
  const code = await runCli(argv, registry, io.deps, { openConsole });
  return { code, stderr: io.stderr.text, stdout: io.stdout.text };
}

describe('--theme', () => {
  it('is a global flag in the help', async () => {
    const r = await onTerminal(['--help']);
    expect(r.stdout).toMatch(/--theme NAME\|PATH +Console theme: a name from themes\//);
  });

  it('refuses a theme that is not in themes/ with exit 2, listing the ones there', async () => {
    const r = await onTerminal(['--theme', 'solarized']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('berth: --theme: unknown theme "solarized"');
    expect(r.stderr).toContain('dark, high-contrast, light, monochrome');
  });

  it('is checked under NO_COLOR too, and wins over the config\'s theme', async () => {
    expect((await onTerminal(['--theme', 'drak'], { NO_COLOR: '1' })).code).toBe(2);
    const cfg = join(home, 'berth.yaml');
    writeFileSync(cfg, 'theme: nosuch\n');
    const fromConfig = await onTerminal(['--config', cfg]);
    expect(fromConfig.code).toBe(2);
    expect(fromConfig.stderr).toMatch(/berth\.yaml:1:\d+: unknown theme "nosuch"/);
    // The flag overrides the config: its (valid) choice is the one checked, so the bad config theme is not reached.
    const flagged = await onTerminal(['--config', cfg, '--theme', 'bogus2']);
    expect(flagged.stderr).toContain('--theme: unknown theme "bogus2"');
    expect(flagged.stderr).not.toContain('nosuch');
  });
});
