// The console gives the terminal back when it is told to go away: SIGTERM
// (a service manager, `kill`) and SIGHUP (the SSH session to the bastion
// dropped). The real bin/berth runs in tmux (CI=true, as in CI); after the
// signal the shell must have its normal screen (not the alternate one), a
// visible cursor, and a terminal in cooked mode with echo, and berth must
// report the shell's exit code for that signal.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { TmuxTerminal, shQuote } from '../e2e/tmux.ts';
import { sandboxEnv } from './support/berth.ts';

const lab = inject('lab');
const BERTH = resolve(import.meta.dirname, '../../bin/berth');
let term: TmuxTerminal | null = null;

afterEach(() => {
  term?.kill();
  term = null;
});

/** Starts the console in tmux; resolves with its pid once it lists containers. */
async function start(): Promise<number> {
  const env: Record<string, string> = { ...sandboxEnv(lab, { DOCKER_HOST: lab.engines.docker1.host }), CI: 'true' };
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${shQuote(v)}`).join(' ');
  // bin/berth execs node, so the pid the shell prints is the console's own.
  const pidFile = join(env.HOME!, 'console.pid');
  const script = `sh -c 'echo $$ > ${pidFile}; exec env -i TERM="$TERM" ${assignments.replace(/'/g, `'\\''`)} ${shQuote(BERTH)}'; echo "berth exited $?"; printf 'modes:'; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo; sleep 3600`;
  term = TmuxTerminal.start(script, 120, 30);
  await term.waitFor((s) => s.includes('lab-web') && s.includes('? help'), 'the console to list containers', 30_000);
  expect(term.pane('alternate_on')).toBe('1');
  return Number(readFileSync(pidFile, 'utf8').trim());
}

describe('the console and signals', () => {
  it.each([['SIGTERM', 143], ['SIGHUP', 129]] as const)('%s restores the screen, the cursor and cooked mode; exit %i', async (signal, code) => {
    const pid = await start();
    expect(Number.isInteger(pid)).toBe(true);
    process.kill(pid, signal);
    const s = await term!.waitFor((x) => x.includes('berth exited'), 'the shell to get its screen back', 15_000);
    expect(s).toContain(`berth exited ${code}`);
    expect(term!.pane('alternate_on')).toBe('0');
    expect(term!.pane('cursor_flag')).toBe('1');
    // stty: the terminal is back in cooked mode with echo (not "-icanon", not "-echo").
    const modes = await term!.waitFor((x) => /^modes:.*\S/m.test(x), 'stty output');
    expect(/^modes:(.*)$/m.exec(modes)?.[1]?.trim().split(' ').sort()).toEqual(['echo', 'icanon']);
  });
});
