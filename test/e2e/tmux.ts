// A real terminal for end-to-end tests: a private tmux server (its own
// socket, `-L berth-test-<pid>-<n>`, so it never touches the user's tmux)
// running one command in a window of a fixed size. Tests send keys and read
// the screen with capture-pane, always polling towards a deadline.
import { execFileSync } from 'node:child_process';

let serial = 0;

/** Quotes a word for sh. */
export function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One tmux server with one window. */
export class TmuxTerminal {
  readonly socket: string;

  private constructor(socket: string) {
    this.socket = socket;
  }

  /**
   * Starts `shellCommand` (run by sh) in a `columns`×`rows` window. The
   * server's own environment is kept minimal; the command sets its own.
   */
  static start(shellCommand: string, columns: number, rows: number): TmuxTerminal {
    const t = new TmuxTerminal(`berth-test-${process.pid}-${++serial}`);
    execFileSync('tmux', ['-L', t.socket, '-f', '/dev/null', 'new-session', '-d', '-x', String(columns), '-y', String(rows), 'sh', '-c', shellCommand], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', TMUX_TMPDIR: process.env.TMUX_TMPDIR ?? '/tmp' },
    });
    return t;
  }

  #tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** The visible screen, one string per row (trailing spaces trimmed by tmux). */
  lines(): string[] {
    return this.#tmux(['capture-pane', '-p']).replace(/\n$/, '').split('\n');
  }

  /** The screen as text. */
  screen(): string {
    return this.lines().join('\n');
  }

  /** Sends tmux key names (`Enter`, `Escape`, `C-k`) or single characters. */
  keys(...keys: string[]): void {
    this.#tmux(['send-keys', ...keys]);
  }

  /** Types text literally. */
  type(text: string): void {
    this.#tmux(['send-keys', '-l', text]);
  }

  /** Resizes the window, as a terminal emulator would. */
  resize(columns: number, rows: number): void {
    this.#tmux(['resize-window', '-x', String(columns), '-y', String(rows)]);
  }

  /** A format variable of the pane (`alternate_on`, `pane_width`). */
  pane(format: string): string {
    return this.#tmux(['display-message', '-p', `#{${format}}`]).trim();
  }

  /** Polls the screen until `ok` holds; fails with the screen after `ms`. */
  async waitFor(ok: (screen: string) => boolean, what: string, ms = 15_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const s = this.screen();
      if (ok(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; the screen shows:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Ends the server and everything in it. */
  kill(): void {
    try {
      this.#tmux(['kill-server']);
    } catch {
      // already gone
    }
  }
}
