/**
 * Turns what goes wrong talking to an engine into BerthErrors an operator
 * can act on: which node, which endpoint, what failed and what to do.
 * Docker and Podman word the same failure differently (and Podman answers
 * 500 where Docker answers 409), so the mapping looks at both.
 */
import { BerthError, type ErrorKind } from '../../domain/errors.ts';

/** What a request was about, for messages. */
export interface RequestContext {
  node: string;
  /** `unix:///var/run/docker.sock`, `tcp://host:2376`. */
  endpoint: string;
  method: string;
  path: string;
  /** Operator words for the request ("stop container web"); defaults to method and path. */
  what?: string | undefined;
}

function describe(ctx: RequestContext): string {
  return ctx.what ?? `${ctx.method} ${ctx.path.replace(/\?.*$/, '')}`;
}

/** The socket path of a unix endpoint, for `ls -l` hints. */
function socketPathOf(endpoint: string): string | null {
  return endpoint.startsWith('unix://') ? endpoint.slice('unix://'.length) : null;
}

/** The hint for a runtime socket the user may not open. */
export function permissionHint(endpoint: string): string {
  const path = socketPathOf(endpoint);
  const check = path ? `; check with: ls -l ${path}` : '';
  return `add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or run berth with sudo${check}`;
}

/** Errors from dialling or losing the connection (ENOENT, ECONNREFUSED, EACCES…). */
export function connectionError(err: unknown, ctx: RequestContext): BerthError {
  if (err instanceof BerthError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = err instanceof Error ? err.message : String(err);
  const at = `${ctx.endpoint} on node ${ctx.node}`;
  const opts = { node: ctx.node, cause: err };
  switch (code) {
    case 'ENOENT':
      return new BerthError('unreachable', `no runtime socket at ${at} (${describe(ctx)})`, {
        ...opts,
        hint: 'start the Docker or Podman service, or set DOCKER_HOST to the right endpoint',
      });
    case 'ECONNREFUSED':
      return new BerthError('unreachable', `connection refused by ${at}: the runtime is not listening (${describe(ctx)})`, {
        ...opts,
        hint: 'start the Docker or Podman service, or set DOCKER_HOST to the right endpoint',
      });
    case 'EACCES':
    case 'EPERM':
      return new BerthError('permission', `permission denied opening ${at} (${describe(ctx)})`, {
        ...opts,
        hint: permissionHint(ctx.endpoint),
      });
    case 'ETIMEDOUT':
      return timeoutError(ctx, null, err);
    case 'ECONNRESET':
    case 'EPIPE':
      return new BerthError('unreachable', `connection to ${at} was lost during ${describe(ctx)}`, {
        ...opts,
        hint: 'the runtime may have restarted; try again',
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new BerthError('unreachable', `cannot reach ${at}: ${reason}`, { ...opts, hint: 'check DOCKER_HOST and the network' });
    default:
      return new BerthError('unreachable', `cannot talk to ${at} (${describe(ctx)}): ${reason}`, opts);
  }
}

/** No reply within the per-request timeout. */
export function timeoutError(ctx: RequestContext, ms: number | null, cause?: unknown): BerthError {
  const within = ms === null ? '' : ` within ${ms / 1000}s`;
  return new BerthError('timeout', `no reply from ${ctx.endpoint} on node ${ctx.node}${within} (${describe(ctx)})`, {
    node: ctx.node,
    hint: 'the engine may be overloaded or hung; check it, or raise --timeout',
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Messages by which engines say "not in a state to do that" without a 409. */
const STATE_CONFLICT = /is not running|is not paused|is already paused|is paused|is restarting|state improper|cannot remove .* running|removal of container .* is already in progress/i;

/** The engine's own error text: `{"message": "..."}` (Podman adds `cause`, `response`). */
export function engineMessage(body: Buffer): string {
  const text = body.toString('utf8').trim();
  if (text === '') return '';
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // plain-text errors (proxies, very old engines) are shown as they are
  }
  return text.slice(0, 500);
}

/** The error kind for an HTTP status and the engine's message. */
export function kindForStatus(status: number, message: string): ErrorKind {
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403) return 'permission';
  if (status === 400) return 'usage';
  // Podman answers 500 "container state improper" where Docker says 409, and
  // Docker 20.10 answers 500 "is not paused" to an unpause of a running one.
  if (status === 500 && STATE_CONFLICT.test(message)) return 'conflict';
  return 'runtime';
}

/** An HTTP error reply as a BerthError. */
export function statusError(status: number, body: Buffer, ctx: RequestContext): BerthError {
  const message = engineMessage(body) || `HTTP ${status}`;
  if (status === 400 && /HTTP request to an HTTPS server/i.test(message)) {
    // A TLS endpoint spoken to in plain HTTP: a setting on our side, not the engine's fault.
    return new BerthError('config', `${ctx.endpoint} on node ${ctx.node} expects TLS, and berth spoke plain HTTP to it`, {
      node: ctx.node,
      hint: 'set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem (or use the https port the engine was given)',
    });
  }
  const kind = kindForStatus(status, message);
  const hint =
    kind === 'permission'
      ? 'the engine refused the request (an authorization plugin or rootless limits)'
      : kind === 'usage' && /client version .* too old|minimum supported API version/i.test(message)
        ? 'this engine no longer speaks the API version berth asked for; report it'
        : undefined;
  return new BerthError(kind, `${describe(ctx)} on node ${ctx.node}: ${message}`, {
    node: ctx.node,
    ...(hint === undefined ? {} : { hint }),
  });
}
