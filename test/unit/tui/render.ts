// Renders an Ink tree at a fixed terminal size (ink-testing-library's
// stdout is 100 columns and as many rows as the machine's terminal), sends
// keys, and waits for the frame an operator would see.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { FakeStdin } from './fake-keyboard.ts';
import type { ReactNode } from 'react';
import { afterEach, beforeAll } from 'vitest';
import { loadTheme } from '../../../src/tui/theme/load.ts';
import type { Theme } from '../../../src/tui/theme/tokens.ts';
import { loadDisplayWidth } from '../../../src/util/width.ts';

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  frames: string[] = [];
  columns: number;
  rows: number;
  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write = (chunk: string): boolean => {
    this.frames.push(chunk);
    return true;
  };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** A rendered tree at a fixed size. */
export interface Screen {
  /** The last frame, without colour codes. */
  frame(): string;
  /** Sends keys: a string of characters, or escape sequences (`\u001b[B` is down). */
  press(keys: string): void;
  /** Waits until the frame satisfies `ok` (default 2 s), else fails with the frame. */
  waitFor(ok: (frame: string) => boolean, what: string, ms?: number): Promise<string>;
  resize(columns: number, rows: number): void;
  unmount(): void;
}

/** Renders `tree` in a `columns`×`rows` terminal. */
export function renderAt(tree: ReactNode, columns: number, rows: number): Screen {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = (): string => (stdout.frames[stdout.frames.length - 1] ?? '').replace(ANSI, '');
  return {
    frame,
    press: (keys) => stdin.write(keys),
    async waitFor(ok, what, ms = 2000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const f = frame();
        if (ok(f)) return f;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen shows:\n${f}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    resize(c, r) {
      stdout.columns = c;
      stdout.rows = r;
      stdout.emit('resize');
    },
    unmount: () => instance.unmount(),
  };
}

/**
 * The usual set-up of a console component test file: the display-width
 * tables and the dark theme loaded before its tests, and the screen a test
 * rendered (handed to `track`) unmounted after it.
 */
export function consoleTestSetup(): { theme: () => Theme; track: (s: Screen) => Screen } {
  let theme: Theme | null = null;
  let screen: Screen | null = null;
  beforeAll(async () => {
    await loadDisplayWidth();
    theme = await loadTheme('dark', { noColor: false });
  });
  afterEach(() => {
    screen?.unmount();
    screen = null;
  });
  return {
    theme: () => {
      if (!theme) throw new Error('the theme loads in beforeAll: call theme() inside a test');
      return theme;
    },
    track: (s) => (screen = s),
  };
}
