/**
 * API version negotiation and runtime detection. berth speaks the Engine
 * API up to 1.43; it asks each engine what it speaks (`GET /_ping`'s
 * `Api-Version` header, and Docker's `GET /version`, both unversioned) and
 * then prefixes every path with `/v<min(server, ours)>`. Engines also have
 * a floor: Docker 29 refuses anything below 1.44 ("client version 1.43 is
 * too old"), so when our version is under the floor berth uses the floor —
 * the fields berth reads did not change between 1.41 and 1.52.
 */
import { BerthError } from '../../domain/errors.ts';
import type { Transport } from '../../transport/types.ts';
import type { DockerEndpoint, Probe } from './endpoint.ts';
import { DockerHttp } from './http.ts';

/** The newest Engine API version berth is written against. */
export const BERTH_MAX_API = '1.43';

/** What negotiation learned about the engine. */
export interface Negotiated {
  kind: 'docker' | 'podman';
  /** The engine's own version (`20.10.24`, `4.3.1`). */
  version: string;
  /** The engine's newest API version. */
  serverApiVersion: string;
  /** The engine's oldest API version, when it says. */
  minApiVersion: string | null;
  /** The version berth uses in paths. */
  apiVersion: string;
  /** `/v1.41`. */
  prefix: string;
}

/** The parts of `GET /version` berth reads. */
export interface WireVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Components?: { Name?: string; Version?: string }[] | null;
}

/** Compares `1.41`-style versions numerically (1.9 < 1.41). */
export function compareApi(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** min(server, ours), raised to the engine's floor when ours is below it. */
export function chooseApiVersion(server: string, min: string | null, ours = BERTH_MAX_API): string {
  let v = compareApi(server, ours) < 0 ? server : ours;
  if (min && compareApi(v, min) < 0) v = min;
  return v;
}

/**
 * Podman's compat service says so in `Components[].Name` ("Podman Engine")
 * and in its `Server: Libpod/4.3.1 (linux)` header; it reports the Docker
 * API version it mimics (1.41) as ApiVersion and its own as Version.
 */
export function detectKind(version: WireVersion | null, serverHeader: string | undefined): 'docker' | 'podman' {
  if (version?.Components?.some((c) => /podman/i.test(c.Name ?? ''))) return 'podman';
  if (serverHeader && /libpod/i.test(serverHeader)) return 'podman';
  return 'docker';
}

/** What `/_ping` (and any reply) says in its headers. */
export interface EngineHeaders {
  /** `Server: Docker/20.10.24+dfsg1 (linux)` or `Libpod/4.3.1 (linux)`. */
  server?: string | undefined;
  /** `Api-Version: 1.41`. */
  apiVersion?: string | undefined;
  /** Podman only: `Libpod-Api-Version: 4.3.1`. */
  libpodVersion?: string | undefined;
}

/** Negotiation from the engine's replies (pure, for tests); `version` is null when only pinged. */
export function negotiated(version: WireVersion | null, headers: EngineHeaders): Negotiated {
  const serverApi = version?.ApiVersion || headers.apiVersion;
  if (!serverApi || !/^\d+\.\d+$/.test(serverApi)) {
    throw new BerthError('runtime', `the engine did not say which API version it speaks (ApiVersion ${JSON.stringify(serverApi ?? null)})`, {
      hint: 'is this a Docker or Podman API endpoint?',
    });
  }
  const kind = headers.libpodVersion ? 'podman' : detectKind(version, headers.server);
  const podman = version?.Components?.find((c) => /podman/i.test(c.Name ?? ''));
  const fromServer = /^(?:Docker|Libpod)\/(\S+)/i.exec(headers.server ?? '')?.[1];
  const min = version?.MinAPIVersion && /^\d+\.\d+$/.test(version.MinAPIVersion) ? version.MinAPIVersion : null;
  const apiVersion = chooseApiVersion(serverApi, min);
  return {
    kind,
    version: podman?.Version ?? headers.libpodVersion ?? version?.Version ?? fromServer ?? 'unknown',
    serverApiVersion: serverApi,
    minApiVersion: min,
    apiVersion,
    prefix: `/v${apiVersion}`,
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function engineHeaders(h: Record<string, string | string[] | undefined>): EngineHeaders {
  return { server: header(h.server), apiVersion: header(h['api-version']), libpodVersion: header(h['libpod-api-version']) };
}

/**
 * Asks the engine and sets the client's path prefix. `GET /_ping` first: its
 * headers carry the API version and say Podman or Docker. Docker is then
 * asked `GET /version` for its floor (MinAPIVersion; a few ms). Podman is
 * not: its `/version` runs conmon and the OCI runtime to print their
 * versions and takes ~400 ms, and its floor (1.24 in 4.x) is below berth's.
 */
export async function negotiate(http: DockerHttp, signal?: AbortSignal): Promise<Negotiated> {
  http.prefix = '';
  let fromPing: Negotiated | null = null;
  let pingHeaders: EngineHeaders = {};
  try {
    const ping = await http.request('GET', '/_ping', { signal, what: 'ping the engine' });
    pingHeaders = engineHeaders(ping.headers);
    fromPing = negotiated(null, pingHeaders);
  } catch (err) {
    // A proxy that passes only some paths may lack _ping; /version decides then.
    if (!(err instanceof BerthError) || (err.kind !== 'not-found' && err.kind !== 'runtime')) throw err;
  }
  let result: Negotiated;
  if (fromPing?.kind === 'podman') {
    result = fromPing;
  } else {
    try {
      const reply = await http.request('GET', '/version', { signal, what: 'ask the engine its version' });
      const version = JSON.parse(reply.body.toString('utf8')) as WireVersion;
      result = negotiated(version, { ...pingHeaders, ...engineHeaders(reply.headers) });
    } catch (err) {
      if (!fromPing) throw err;
      result = fromPing;
    }
  }
  http.prefix = result.prefix;
  return result;
}

/** The default discovery probe: a `GET /_ping` on a throw-away client. */
export function pingProbe(transport: Transport, timeoutMs = 3000): Probe {
  return async (endpoint: DockerEndpoint) => {
    const http = new DockerHttp({ node: transport.node, transport, endpoint, timeoutMs });
    try {
      await http.request('GET', '/_ping', { what: 'ping' });
    } finally {
      http.close();
    }
  };
}
