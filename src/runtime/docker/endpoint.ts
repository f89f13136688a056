/**
 * Where the Engine API of a node answers (CLI.md "Which nodes"):
 * `DOCKER_HOST` when set (and then only that endpoint), else
 * `DOCKER_CONTEXT` or the current Docker context, else the first of the
 * well-known Docker and Podman sockets that answers. Environment, home
 * directory, uid and every file read go through the arguments, so tests are
 * hermetic and a remote node can be discovered through its own transport.
 */
import { createHash } from 'node:crypto';
import { BerthError } from '../../domain/errors.ts';
import type { TlsMaterial, Transport } from '../../transport/types.ts';
import { permissionHint } from './errors.ts';

/** An Engine API endpoint. */
export type DockerEndpoint =
  | { kind: 'unix'; path: string }
  | { kind: 'tcp'; host: string; port: number; tls: TlsMaterial | null };

/** An endpoint and how it was chosen, for `berth nodes -v` and messages. */
export interface DiscoveredEndpoint {
  endpoint: DockerEndpoint;
  /** `DOCKER_HOST`, `context "prod"`, `default socket`. */
  source: string;
}

/** The endpoint as a URL-ish string for messages (`unix:///run/docker.sock`). */
export function endpointLabel(ep: DockerEndpoint): string {
  if (ep.kind === 'unix') return `unix://${ep.path}`;
  const host = ep.host.includes(':') ? `[${ep.host}]` : ep.host;
  return `tcp://${host}:${ep.port}${ep.tls ? ' (TLS)' : ''}`;
}

/** A unix-socket endpoint, e.g. from a node's `socket:` in config. */
export function unixEndpoint(path: string): DockerEndpoint {
  return { kind: 'unix', path };
}

/** Environment variables discovery reads; anything else is ignored. */
export type DiscoveryEnv = Readonly<Record<string, string | undefined>>;

/**
 * Parses a `DOCKER_HOST`-style address. `tcp://` without a port means 2375,
 * or 2376 with TLS, as the docker CLI does. `ssh://` is refused with the
 * berth way to reach that host (an SSH node), since berth does not run
 * `docker system dial-stdio` remotely.
 */
export function parseDockerHost(value: string, tls: TlsMaterial | null, from = 'DOCKER_HOST'): DockerEndpoint {
  const v = value.trim();
  const m = /^([a-z]+):\/\/(.*)$/i.exec(v);
  if (!m) throw new BerthError('config', `${from}=${value} is not an address berth understands`, { hint: 'use unix:///path/to/docker.sock or tcp://host:port' });
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (scheme === 'unix') {
    if (!rest.startsWith('/')) throw new BerthError('config', `${from}=${value}: the socket path must be absolute`, { hint: 'write unix:///absolute/path.sock (three slashes)' });
    return { kind: 'unix', path: rest };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const hostPort = rest.replace(/\/.*$/, '');
    const hp = /^(?:\[([^\]]+)\]|([^:]*))(?::(\d+))?$/.exec(hostPort);
    if (!hp) throw new BerthError('config', `${from}=${value}: cannot read host and port`, { hint: 'use tcp://host:port' });
    const useTls = tls ?? (scheme === 'https' ? { verify: true } : null);
    const host = hp[1] ?? (hp[2] || '127.0.0.1');
    const port = hp[3] ? Number(hp[3]) : useTls ? 2376 : 2375;
    return { kind: 'tcp', host, port, tls: useTls };
  }
  if (scheme === 'ssh') {
    throw new BerthError('config', `${from}=${value} is an SSH address`, {
      hint: 'berth reaches remote hosts itself: add the host as a node (nodes: [{name: x, ssh: user@host}]) or use --node user@host',
    });
  }
  throw new BerthError('config', `${from}=${value}: the ${scheme}:// scheme is not supported on Linux`, { hint: 'use unix:// or tcp://' });
}

/** Reads a file through the transport, as a config error naming it when it fails. */
async function readRequired(transport: Transport, path: string, why: string): Promise<Buffer> {
  try {
    return await transport.readFile(path);
  } catch (err) {
    throw new BerthError('config', `${why}, but ${path} cannot be read: ${(err as Error).message}`, { hint: 'fix the certificate path or unset the TLS variables' });
  }
}

/** TLS material from DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH (default ~/.docker). */
export async function tlsFromEnv(transport: Transport, env: DiscoveryEnv, homeDir: string): Promise<TlsMaterial | null> {
  const verify = (env.DOCKER_TLS_VERIFY ?? '') !== '';
  const tls = verify || (env.DOCKER_TLS ?? '') !== '';
  if (!tls) return null;
  const dir = env.DOCKER_CERT_PATH || `${homeDir}/.docker`;
  const why = verify ? 'DOCKER_TLS_VERIFY is set' : 'DOCKER_TLS is set';
  const material: TlsMaterial = { verify };
  if (verify) material.ca = await readRequired(transport, `${dir}/ca.pem`, why);
  // Client certificates are optional with DOCKER_TLS alone, required to verify.
  const [cert, key] = await Promise.all([`${dir}/cert.pem`, `${dir}/key.pem`].map((p) => (verify ? readRequired(transport, p, why) : transport.readFile(p).catch(() => undefined))));
  if (cert) material.cert = cert;
  if (key) material.key = key;
  return material;
}

/** The Docker config folder: `$DOCKER_CONFIG`, else `~/.docker`. */
function dockerConfigDir(env: DiscoveryEnv, homeDir: string): string {
  return env.DOCKER_CONFIG || `${homeDir}/.docker`;
}

/**
 * The current Docker context name: `DOCKER_CONTEXT`, else `currentContext`
 * in config.json; null for none or `default` (which means the default
 * socket, so berth goes on to its socket list).
 */
export async function currentContextName(transport: Transport, env: DiscoveryEnv, homeDir: string): Promise<{ name: string; from: string } | null> {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT === 'default' ? null : { name: env.DOCKER_CONTEXT, from: 'DOCKER_CONTEXT' };
  const file = `${dockerConfigDir(env, homeDir)}/config.json`;
  let text: string;
  try {
    text = (await transport.readFile(file)).toString('utf8');
  } catch {
    return null;
  }
  let parsed: { currentContext?: unknown };
  try {
    parsed = JSON.parse(text) as { currentContext?: unknown };
  } catch (err) {
    throw new BerthError('config', `${file} is not valid JSON: ${(err as Error).message}`, { hint: 'fix the file, or set DOCKER_HOST' });
  }
  const name = typeof parsed.currentContext === 'string' ? parsed.currentContext : '';
  return name === '' || name === 'default' ? null : { name, from: file };
}

/**
 * Resolves a context through `contexts/meta/<sha256(name)>/meta.json`
 * (`Endpoints.docker.Host`), with its TLS files under
 * `contexts/tls/<sha256(name)>/docker/` when the context has them.
 */
export async function resolveContext(transport: Transport, env: DiscoveryEnv, homeDir: string, name: string, from: string): Promise<DockerEndpoint> {
  const dir = dockerConfigDir(env, homeDir);
  const digest = createHash('sha256').update(name).digest('hex');
  const metaPath = `${dir}/contexts/meta/${digest}/meta.json`;
  let meta: { Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse((await transport.readFile(metaPath)).toString('utf8')) as typeof meta;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BerthError('config', `Docker context "${name}" (from ${from}) ${missing ? 'does not exist' : 'cannot be read'}: ${metaPath}`, {
      hint: 'pick an existing context (docker context ls), or unset DOCKER_CONTEXT',
    });
  }
  const host = meta.Endpoints?.docker?.Host;
  if (!host) throw new BerthError('config', `Docker context "${name}" has no docker endpoint (${metaPath})`, { hint: 'docker context inspect ' + name });
  let tls: TlsMaterial | null = null;
  if (/^(tcp|https):/i.test(host)) {
    const tlsDir = `${dir}/contexts/tls/${digest}/docker`;
    const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map((f) => transport.readFile(`${tlsDir}/${f}`).catch(() => undefined)));
    if (ca || cert || key) {
      tls = { verify: !(meta.Endpoints?.docker?.SkipTLSVerify ?? false) };
      if (ca) tls.ca = ca;
      if (cert) tls.cert = cert;
      if (key) tls.key = key;
    }
  }
  return parseDockerHost(host, tls, `context "${name}"`);
}

/**
 * The sockets tried, in order, when nothing says otherwise: rootful Docker,
 * rootful Podman, then rootless Docker and Podman in the user's runtime dir.
 */
export function defaultSocketCandidates(env: DiscoveryEnv, uid: number | null): string[] {
  const xdg = env.XDG_RUNTIME_DIR;
  const list = [
    '/var/run/docker.sock',
    '/run/podman/podman.sock',
    ...(xdg ? [`${xdg}/docker.sock`, `${xdg}/podman/podman.sock`] : []),
    ...(uid !== null ? [`/run/user/${uid}/podman/podman.sock`] : []),
  ];
  return [...new Set(list)];
}

/** Checks that an endpoint answers; rejects with a BerthError saying why not. */
export type Probe = (endpoint: DockerEndpoint) => Promise<void>;

/** What discovery needs. */
export interface DiscoveryOptions {
  transport: Transport;
  env: DiscoveryEnv;
  homeDir: string;
  /** The user's uid on that host (for `/run/user/<uid>`), null when unknown. */
  uid: number | null;
  /** How a candidate socket is tested: by default a `GET /_ping`. */
  probe: Probe;
}

/** Why one candidate did not do. */
interface Attempt {
  path: string;
  reason: string;
  denied: boolean;
}

/** Describes a socket we may not open: mode and owner help the operator. */
async function deniedReason(transport: Transport, path: string): Promise<string> {
  const st = await transport.stat(path).catch(() => null);
  return st ? `permission denied (mode ${st.mode.toString(8).padStart(4, '0')}, owner ${st.uid}:${st.gid})` : 'permission denied';
}

/**
 * Picks the node's endpoint. Throws 'config' for a broken DOCKER_HOST or
 * context, 'permission' when the only sockets present refuse us, and
 * 'unreachable' naming every endpoint tried and why each failed.
 */
export async function discoverEndpoint(opts: DiscoveryOptions): Promise<DiscoveredEndpoint> {
  const { transport, env, homeDir, uid, probe } = opts;
  if (env.DOCKER_HOST) {
    const tls = await tlsFromEnv(transport, env, homeDir);
    return { endpoint: parseDockerHost(env.DOCKER_HOST, tls), source: 'DOCKER_HOST' };
  }
  const ctx = await currentContextName(transport, env, homeDir);
  if (ctx) return { endpoint: await resolveContext(transport, env, homeDir, ctx.name, ctx.from), source: `context "${ctx.name}"` };

  const attempts: Attempt[] = [];
  for (const path of defaultSocketCandidates(env, uid)) {
    const access = await transport.access(path);
    if (access === 'missing') {
      attempts.push({ path, reason: 'no such socket', denied: false });
      continue;
    }
    if (access === 'denied') {
      attempts.push({ path, reason: await deniedReason(transport, path), denied: true });
      continue;
    }
    const endpoint = unixEndpoint(path);
    try {
      await probe(endpoint);
      return { endpoint, source: 'default socket' };
    } catch (err) {
      const e = err instanceof BerthError ? err : null;
      if (e?.kind === 'permission') attempts.push({ path, reason: 'permission denied', denied: true });
      else attempts.push({ path, reason: shortReason(err), denied: false });
    }
  }
  throw noEndpointError(transport.node, attempts);
}

/** A one-line reason from a probe failure. */
function shortReason(err: unknown): string {
  const code = (err as { cause?: NodeJS.ErrnoException } | undefined)?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (stale socket, the service is not running)';
  if (err instanceof BerthError && err.kind === 'timeout') return 'no reply (the service is hung or starting)';
  return err instanceof Error ? err.message : String(err);
}

/** The error when no candidate answered, naming each one tried. */
function noEndpointError(node: string, attempts: Attempt[]): BerthError {
  const tried = ['DOCKER_HOST: not set', 'Docker context: none', ...attempts.map((a) => `${a.path}: ${a.reason}`)].join('; ');
  const denied = attempts.filter((a) => a.denied);
  if (denied.length > 0) {
    return new BerthError('permission', `no container runtime socket on node ${node} that this user may open (tried ${tried})`, {
      node,
      hint: permissionHint(`unix://${denied[0]!.path}`),
    });
  }
  return new BerthError('unreachable', `no container runtime answers on node ${node} (tried ${tried})`, {
    node,
    hint: 'start the Docker or Podman service (systemctl start docker; for rootless Podman: systemctl --user enable --now podman.socket), or set DOCKER_HOST',
  });
}
