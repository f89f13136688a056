/**
 * Saving the logs pane to a file (`S`): the lines the pane holds, as shown
 * (already stripped of terminal control sequences), each with the time the
 * runtime stamped it when the stream has one. The file is created, never
 * replaced (`wx`): an existing file is the operator's and stays as it was.
 * Mode 0600, as logs often hold what should not be world-readable.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { LogEntry } from '../state/logs.ts';

/** `20261202-153000` in local time. */
function stamp(at: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
}

/** The path offered: `./<name>-<YYYYmmdd-HHMMSS>.log` in the current directory. */
export function defaultLogPath(name: string, at: Date): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^\.+/, '') || 'container';
  return `./${safe}-${stamp(at)}.log`;
}

/** The file's text: one line per entry, `<RFC 3339 time> <text>` when the runtime stamped it. */
export function logFileText(lines: readonly LogEntry[]): string {
  return lines.map((l) => `${l.at === null ? '' : `${l.at} `}${l.text}\n`).join('');
}

/** Where a typed path points: `~/…` is the home directory, relative paths the current one. */
export function savePath(typed: string, cwd: string, home: string): string {
  const t = typed.trim();
  if (t === '~' || t.startsWith('~/')) return join(home, t.slice(1));
  return isAbsolute(t) ? resolve(t) : resolve(cwd, t);
}

/** How a save ended: the file and how many lines, or what failed and where. */
export type SaveResult =
  | { ok: true; path: string; lines: number }
  | { ok: false; path: string; exists: boolean; message: string };

/** Why a write failed, in words, naming the file or folder. */
export function saveFailure(path: string, err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EEXIST': return `${path} exists: not overwriting it; change the name, or esc`;
    case 'ENOENT': return `cannot save: the folder ${dirname(path)} does not exist`;
    case 'ENOTDIR': return `cannot save: ${dirname(path)} is not a folder`;
    case 'EACCES': case 'EPERM': return `cannot save: permission denied creating ${path}`;
    case 'EISDIR': return `cannot save: ${path} is a folder`;
    case 'EROFS': return `cannot save: ${dirname(path)} is on a read-only file system`;
    case 'ENOSPC': return `cannot save: no space left for ${path}`;
    default: return `cannot save to ${path}: ${err.message}`;
  }
}

/** Writes `lines` to the typed path (new files only). Never throws. */
export async function saveLogLines(typed: string, lines: readonly LogEntry[], where: { cwd: string; home: string }): Promise<SaveResult> {
  const path = savePath(typed, where.cwd, where.home);
  if (typed.trim() === '') return { ok: false, path, exists: false, message: 'type a file name to save to, or esc' };
  try {
    await writeFile(path, logFileText(lines), { flag: 'wx', mode: 0o600 });
    return { ok: true, path, lines: lines.length };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, path, exists: e.code === 'EEXIST', message: saveFailure(path, e) };
  }
}
