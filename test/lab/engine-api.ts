// A minimal Docker Engine API client over a unix socket (node:http with
// socketPath). The lab talks to dockerd and Podman directly so it never
// depends on which docker CLI happens to be installed.
import http from 'node:http';

/** A finished HTTP exchange with an engine. */
export interface ApiResponse {
  status: number;
  body: Buffer;
}

/** Options for one request; body objects are sent as JSON. */
export interface ApiRequest {
  body?: Buffer | object;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Raised for transport failures and non-2xx answers, with the engine's message. */
export class EngineApiError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'EngineApiError';
    this.status = status;
  }
}

/**
 * Sends one request to the engine behind `socket` and collects the whole
 * answer. Never throws on HTTP status; see apiJson/apiOk for that.
 */
export function apiRequest(socket: string, method: string, path: string, opts: ApiRequest = {}): Promise<ApiResponse> {
  const { body, timeoutMs = 30_000 } = opts;
  const headers: Record<string, string> = { ...opts.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(body)) payload = body;
  else if (body !== undefined) {
    payload = Buffer.from(JSON.stringify(body));
    headers['Content-Type'] ??= 'application/json';
  }
  if (payload) headers['Content-Length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socket, method, path, headers, host: 'lab', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new EngineApiError(`${method} ${path} on ${socket}: no answer in ${timeoutMs} ms`, 0)));
    req.on('error', (err) => reject(err instanceof EngineApiError ? err : new EngineApiError(`${method} ${path} on ${socket}: ${err.message}`, 0)));
    req.end(payload);
  });
}

function describe(method: string, path: string, socket: string, res: ApiResponse): string {
  let detail = res.body.toString('utf8').trim();
  try {
    const parsed = JSON.parse(detail) as { message?: string };
    if (parsed.message) detail = parsed.message;
  } catch {
    // not JSON: keep the raw text
  }
  return `${method} ${path} on ${socket}: HTTP ${res.status}: ${detail.slice(0, 500)}`;
}

/** Sends a request and throws unless the engine answered 2xx (or one of `allow`). */
export async function apiOk(socket: string, method: string, path: string, opts: ApiRequest = {}, allow: number[] = []): Promise<ApiResponse> {
  const res = await apiRequest(socket, method, path, opts);
  if ((res.status < 200 || res.status > 299) && !allow.includes(res.status)) {
    throw new EngineApiError(describe(method, path, socket, res), res.status);
  }
  return res;
}

/** Sends a request and parses the 2xx JSON answer. */
export async function apiJson<T>(socket: string, method: string, path: string, opts: ApiRequest = {}): Promise<T> {
  const res = await apiOk(socket, method, path, opts);
  return JSON.parse(res.body.toString('utf8')) as T;
}

/**
 * Parses a streamed progress answer (image import/load) and throws if any
 * message carries an error: engines report those failures with HTTP 200.
 */
export function progressErrors(res: ApiResponse): string[] {
  const errors: string[] = [];
  for (const line of res.body.toString('utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const msg = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } };
      if (msg.error || msg.errorDetail?.message) errors.push(msg.error ?? msg.errorDetail?.message ?? '');
    } catch {
      // Podman may split JSON objects across lines; ignore fragments.
    }
  }
  return errors;
}

/** Whether GET /_ping answers 200 right now. */
export async function pingOnce(socket: string): Promise<boolean> {
  try {
    const res = await apiRequest(socket, 'GET', '/_ping', { timeoutMs: 2_000 });
    return res.status === 200;
  } catch {
    return false;
  }
}
