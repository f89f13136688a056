// Saving the logs pane to a file: the default name, the text written, and
// refusals that say what failed and where (a real temporary folder).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultLogPath, logFileText, saveFailure, saveLogLines, savePath } from '../../../src/tui/actions/save-logs.ts';
import type { LogEntry } from '../../../src/tui/state/logs.ts';

const dir = mkdtempSync(join(tmpdir(), 'berth-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines: LogEntry[] = [
  { at: '2026-12-02T15:30:01.123456789Z', stream: 'stdout', text: 'started' },
  { at: null, stream: 'stderr', text: 'no time on this one' },
];

describe('saving logs', () => {
  it('offers ./<name>-<YYYYmmdd-HHMMSS>.log in local time, with a file-safe name', () => {
    expect(defaultLogPath('lab-web', new Date(2026, 11, 2, 9, 5, 7))).toBe('./lab-web-20261202-090507.log');
    expect(defaultLogPath('a/b c', new Date(2026, 0, 1, 0, 0, 0))).toBe('./a_b_c-20260101-000000.log');
  });

  it('writes each line with the runtime\'s time when it has one', () => {
    expect(logFileText(lines)).toBe('2026-12-02T15:30:01.123456789Z started\nno time on this one\n');
  });

  it('resolves relative paths from the current folder and ~ from home', () => {
    expect(savePath('./x.log', '/work', '/home/op')).toBe('/work/x.log');
    expect(savePath('~/logs/x.log', '/work', '/home/op')).toBe('/home/op/logs/x.log');
    expect(savePath('/tmp/x.log', '/work', '/home/op')).toBe('/tmp/x.log');
  });

  it('creates the file (0600) and reports its path and line count; never overwrites one that exists', async () => {
    const r = await saveLogLines('./out.log', lines, { cwd: dir, home: dir });
    expect(r).toEqual({ ok: true, path: join(dir, 'out.log'), lines: 2 });
    expect(readFileSync(join(dir, 'out.log'), 'utf8')).toBe(logFileText(lines));
    expect(statSync(join(dir, 'out.log')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'keep.log'), 'mine');
    const again = await saveLogLines('keep.log', lines, { cwd: dir, home: dir });
    expect(again).toMatchObject({ ok: false, exists: true, message: `${join(dir, 'keep.log')} exists: not overwriting it; change the name, or esc` });
    expect(readFileSync(join(dir, 'keep.log'), 'utf8')).toBe('mine');
  });

  it('says which folder is missing, and what a permission error was about', async () => {
    const r = await saveLogLines('nope/x.log', lines, { cwd: dir, home: dir });
    expect(r).toMatchObject({ ok: false, exists: false, message: `cannot save: the folder ${join(dir, 'nope')} does not exist` });
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(saveFailure('/root/x.log', denied)).toBe('cannot save: permission denied creating /root/x.log');
  });
});
