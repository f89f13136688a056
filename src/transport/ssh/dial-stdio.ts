/**
 * The fallback way to the runtime socket when streamlocal forwarding is
 * refused (`AllowStreamLocalForwarding no`), and the only way with
 * `sudo: true` (sshd opens streamlocal sockets as the login user; sudo
 * cannot apply to it): run the runtime's own `system dial-stdio` on the
 * host in an exec channel and speak HTTP over its stdin/stdout, as the
 * docker CLI's `ssh://` helper does (REFERENCE.md §4). Costs a remote
 * process per connection (~200 ms for the first request, measured).
 */
import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { BerthError } from '../../domain/errors.ts';
import type { OpenedChannel } from './exec.ts';
import { fsError } from './read-files.ts';

/**
 * `docker --host unix://$2 system dial-stdio`, or Podman's equivalent when
 * only podman is installed; `$1 = sudo` runs it through `sudo -n` (never
 * prompts: a password requirement fails clearly instead of hanging).
 */
export const DIAL_STDIO_SCRIPT = `s=$1; p=$2
if command -v docker >/dev/null 2>&1; then set -- docker --host "unix://$p" system dial-stdio
elif command -v podman >/dev/null 2>&1; then set -- podman --url "unix://$p" system dial-stdio
else echo "berth: neither docker nor podman is installed on this host, so the runtime socket cannot be reached without streamlocal forwarding" >&2; exit 127; fi
if [ "$s" = sudo ]; then exec sudo -n -- "$@"; else exec "$@"; fi
`;

/** Who the failure is about, for messages. */
export interface DialStdioContext {
  node: string;
  address: string;
  path: string;
  sudo: boolean;
}

/**
 * What a dial-stdio that died before answering means. sudo and a missing
 * CLI get their own BerthErrors (the HTTP layer passes those through); the
 * rest become Node-style codes (EACCES, ENOENT, ECONNREFUSED) so the
 * runtime layer words them like a local socket failure.
 */
export function dialStdioError(stderr: string, exitCode: number | null, ctx: DialStdioContext): Error {
  const text = stderr.trim() || `dial-stdio exited with ${exitCode ?? 'a signal'}`;
  const tail = text.split('\n').slice(-3).join(' ');
  if (ctx.sudo && /^sudo:|password is required|a terminal is required|not in the sudoers|not allowed to run/im.test(text)) {
    return new BerthError('permission', `sudo -n refused to run the runtime client on ${ctx.address}: ${tail}`, {
      node: ctx.node,
      hint: 'allow the login user to run docker (or podman) with sudo without a password (NOPASSWD in sudoers), or set sudo: false for this node',
    });
  }
  if (exitCode === 127) {
    return new BerthError('unreachable', `cannot reach ${ctx.path} on ${ctx.address}: ${tail}`, {
      node: ctx.node,
      hint: 'install the docker (or podman) CLI on the host, or allow streamlocal forwarding in its sshd_config (AllowStreamLocalForwarding yes)',
    });
  }
  if (/permission denied/i.test(text)) return fsError('EACCES', ctx.path, tail);
  if (/connection refused/i.test(text)) return fsError('ECONNREFUSED', ctx.path, tail);
  if (/no such file|cannot connect|not found/i.test(text)) return fsError('ENOENT', ctx.path, tail);
  return fsError('ECONNRESET', ctx.path, tail);
}

/**
 * A Duplex over a dial-stdio channel that holds back end-of-stream until
 * the command's exit is known: a command that failed before sending a byte
 * becomes an error with a Node-style code (EACCES, ENOENT, ECONNREFUSED),
 * so the HTTP layer words it like a local socket failure, instead of a
 * bare "socket hang up".
 */
export class DialStdioStream extends Duplex {
  readonly #channel: ClientChannel;
  readonly #ctx: DialStdioContext;
  #gotData = false;
  #stderr = '';
  #exit: number | null = null;

  /** `onFirstData` tells the transport this way works (it then stays with it). */
  constructor({ channel, ended }: OpenedChannel, ctx: DialStdioContext, onFirstData?: () => void) {
    super({ allowHalfOpen: true });
    this.#channel = channel;
    this.#ctx = ctx;
    channel.on('data', (chunk: Buffer) => {
      if (!this.#gotData) onFirstData?.();
      this.#gotData = true;
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (c: Buffer) => {
      if (this.#stderr.length < 4096) this.#stderr += c.toString('utf8');
    });
    void ended.then((exit) => {
      this.#exit = exit?.code ?? null;
      this.#finish();
    });
    channel.on('error', (err: Error) => this.destroy(err));
  }

  #finish(): void {
    if (this.destroyed) return;
    if (!this.#gotData && (this.#exit !== 0 || this.#stderr.trim() !== '')) {
      this.destroy(dialStdioError(this.#stderr, this.#exit, this.#ctx));
      return;
    }
    this.push(null);
  }

  override _read(): void {
    this.#channel.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.#channel.write(chunk, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.#channel.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.#channel.close();
    cb(err);
  }
}
