/**
 * `stat` and `access` of a remote path, as small POSIX commands whose output
 * is parsed here. `test -r -w` answers for the login user exactly as the
 * kernel will when sshd opens the socket for us (streamlocal connects as
 * that user). With `sudo: true` the runtime client runs as root, so a
 * socket that exists counts as usable.
 */

/** `stat -L` (follow links, as the local transport's statSync does): raw mode in hex, uid, gid. */
export const STAT_ARGV = (path: string): string[] => ['stat', '-L', '-c', '%f %u %g', '--', path];

/** Prints ok, denied or missing for "$1"; built-ins only. */
export const ACCESS_SCRIPT = `if [ ! -e "$1" ]; then echo missing
elif [ "$2" = exists ] || { [ -r "$1" ] && [ -w "$1" ]; }; then echo ok
else echo denied; fi`;

/** What the transport's stat returns. */
export interface RemoteStat {
  kind: 'file' | 'dir' | 'socket' | 'other';
  mode: number;
  uid: number;
  gid: number;
}

/** Parses `%f %u %g`; null when the output is not that (the path did not exist). */
export function parseStat(text: string): RemoteStat | null {
  const m = /^([0-9a-f]+) (\d+) (\d+)\s*$/i.exec(text);
  if (!m) return null;
  const raw = parseInt(m[1]!, 16);
  const type = raw & 0o170000;
  const kind = type === 0o100000 ? 'file' : type === 0o040000 ? 'dir' : type === 0o140000 ? 'socket' : 'other';
  return { kind, mode: raw & 0o7777, uid: Number(m[2]), gid: Number(m[3]) };
}

/** Parses the access script's answer. */
export function parseAccess(text: string): 'ok' | 'denied' | 'missing' {
  const t = text.trim();
  return t === 'ok' || t === 'missing' ? t : 'denied';
}
