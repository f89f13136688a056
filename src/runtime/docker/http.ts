/**
 * A minimal HTTP/1.1 client for the Docker Engine API over a Transport.
 * Written on node:http rather than dockerode so berth controls the dial
 * (a local unix socket or an ssh2 streamlocal channel), hijacked exec
 * streams and start-up cost. One keep-alive agent per endpoint.
 */
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';

/*
 * Loaded through require on purpose: `import … from 'node:http'` builds an
 * ESM facade that reads every export, and the WebSocket/EventSource getters
 * then load undici (~12 ms of every command's start-up, measured).
 */
const { Agent, request: httpRequest } = createRequire(import.meta.url)('node:http') as typeof import('node:http');
import type { Transport } from '../../transport/types.ts';
import type { DockerEndpoint } from './endpoint.ts';
import { endpointLabel } from './endpoint.ts';
import { connectionError, statusError, timeoutError, type RequestContext } from './errors.ts';

/** Default per-request timeout (CLI.md `--timeout`, default 10s). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Query values; undefined ones are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** Options common to every request. */
export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Overrides the client's timeout: until the whole reply (JSON) or its headers (streams). */
  timeoutMs?: number;
  /** Operator words for messages ("stop container web"). */
  what?: string;
  /** Statuses that are not errors besides 2xx (e.g. 304 "already started"). */
  accept?: number[];
}

/** A buffered reply. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A reply whose body is read as it arrives. */
export interface StreamReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

/** A hijacked connection: raw bytes both ways after the HTTP reply. */
export interface HijackedStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Bytes from the engine. */
  output: NodeJS.ReadableStream & Duplex;
  /** Where stdin goes; `end()` half-closes so the engine sees EOF. */
  input: Duplex;
}

/**
 * ssh2 channels are not net.Sockets; node:http's keep-alive agent calls
 * these on every socket it pools. No-op shims, exactly as ssh2's own
 * `lib/http-agents.js` `decorateStream` does.
 */
export function decorateStream(stream: Duplex): Duplex {
  const s = stream as Duplex & Record<string, unknown>;
  for (const name of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref'] as const) {
    if (typeof s[name] !== 'function') s[name] = function noop(this: Duplex) {
      return this;
    };
  }
  return stream;
}

/** Dials the endpoint through the transport; TCP endpoints carry their TLS material. */
export function dialEndpoint(transport: Transport, endpoint: DockerEndpoint, signal?: AbortSignal): Promise<Duplex> {
  return endpoint.kind === 'unix'
    ? transport.dialUnix(endpoint.path, signal)
    : transport.dialTcp(endpoint.host, endpoint.port, endpoint.tls ?? undefined, signal);
}

/** A keep-alive agent whose sockets come from the transport (callback form of createConnection). */
class TransportAgent extends Agent {
  readonly #dial: () => Promise<Duplex>;

  constructor(dial: () => Promise<Duplex>) {
    super({ keepAlive: true, maxFreeSockets: 8 });
    this.#dial = dial;
  }

  override createConnection(
    _options: unknown,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.#dial().then(
      (stream) => callback?.(null, decorateStream(stream)),
      (err: Error) => callback?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'boolean' ? (v ? '1' : '0') : String(v))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Reads a whole body. */
function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.once('end', () => resolve(Buffer.concat(chunks)));
    res.once('error', reject);
    res.once('aborted', () => reject(Object.assign(new Error('reply cut short'), { code: 'ECONNRESET' })));
  });
}

/** Options for constructing a client. */
export interface DockerHttpOptions {
  node: string;
  transport: Transport;
  endpoint: DockerEndpoint;
  timeoutMs?: number | undefined;
}

/** The Engine API over one endpoint of one node. */
export class DockerHttp {
  readonly node: string;
  readonly endpoint: DockerEndpoint;
  readonly timeoutMs: number;
  /** `/v1.41` once negotiated (version.ts); empty means the engine's own version. */
  prefix = '';
  readonly #transport: Transport;
  readonly #agent: TransportAgent;

  constructor(opts: DockerHttpOptions) {
    this.node = opts.node;
    this.endpoint = opts.endpoint;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#transport = opts.transport;
    this.#agent = new TransportAgent(() => dialEndpoint(this.#transport, this.endpoint));
  }

  /** `unix:///var/run/docker.sock` and the like, for messages. */
  get label(): string {
    return endpointLabel(this.endpoint);
  }

  #context(method: string, path: string, what?: string): RequestContext {
    return { node: this.node, endpoint: this.label, method, path, what };
  }

  /**
   * Sends a request and resolves once the reply's headers arrived. The
   * timeout covers dialling and waiting for the headers; an abort or a
   * timeout destroys the request, which also frees its socket.
   */
  #send(
    method: string,
    path: string,
    opts: RequestOptions,
    extraHeaders: Record<string, string> = {},
    fresh = false,
  ): { req: ClientRequest; ctx: RequestContext; payload: Buffer | undefined } {
    const fullPath = `${this.prefix}${path}${queryString(opts.query)}`;
    const ctx = this.#context(method, fullPath, opts.what);
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const headers: Record<string, string | number> = { Host: 'docker', ...extraHeaders };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    } else if (method === 'POST') {
      headers['Content-Length'] = 0;
    }
    // `agent: false` would make node dial localhost:80 itself; a fresh
    // connection needs `createConnection` with no agent at all.
    const req = fresh
      ? httpRequest({ method, path: fullPath, headers, createConnection: this.#oneShotConnection() })
      : httpRequest({ method, path: fullPath, headers, agent: this.#agent });
    return { req, ctx, payload };
  }

  /** A fresh connection for hijacked streams, which never go back to the pool. */
  #oneShotConnection() {
    return (_opts: unknown, cb: (err: Error | null, socket: Duplex) => void): undefined => {
      dialEndpoint(this.#transport, this.endpoint).then(
        (s) => cb(null, decorateStream(s)),
        (err: Error) => cb(err, undefined as unknown as Duplex),
      );
      return undefined;
    };
  }

  /**
   * Wires timeout and abort to a request; resolves with whatever `settle`
   * produces from the reply, rejecting with mapped BerthErrors.
   */
  #guard<T>(req: ClientRequest, ctx: RequestContext, opts: RequestOptions, wait: (settle: (v: T) => void, fail: (e: unknown) => void) => void): Promise<T> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const signal = opts.signal;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (): void => {
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const settle = (v: T): void => {
        if (done) return;
        finish();
        resolve(v);
      };
      const fail = (e: unknown): void => {
        if (done) return;
        finish();
        req.destroy();
        reject(e);
      };
      const onAbort = (): void => fail(signal?.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
      const timer = setTimeout(() => fail(timeoutError(ctx, timeoutMs)), timeoutMs);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      // Not `once`: a destroyed request may emit again after we settled.
      req.on('error', (err) => fail(connectionError(err, ctx)));
      wait(settle, fail);
    });
  }

  /** Sends a request and buffers the whole reply; non-2xx (unless accepted) rejects. */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<Reply> {
    const { req, ctx, payload } = this.#send(method, path, opts);
    return this.#guard<Reply>(req, ctx, opts, (settle, fail) => {
      req.once('response', (res) => {
        readAll(res).then((body) => {
          const status = res.statusCode ?? 0;
          if ((status >= 200 && status < 300) || opts.accept?.includes(status)) settle({ status, headers: res.headers, body });
          else fail(statusError(status, body, ctx));
        }, (err: unknown) => fail(connectionError(err, ctx)));
      });
      req.end(payload);
    });
  }

  /** A request whose JSON reply is parsed. */
  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const reply = await this.request(method, path, opts);
    const text = reply.body.toString('utf8');
    return (text === '' ? null : JSON.parse(text)) as T;
  }

  /**
   * A request whose reply is streamed (logs, events). The timeout covers
   * only the wait for headers; afterwards the caller's signal ends it.
   */
  async stream(method: string, path: string, opts: RequestOptions = {}): Promise<StreamReply> {
    const { req, ctx, payload } = this.#send(method, path, opts);
    const reply = await this.#guard<StreamReply>(req, ctx, opts, (settle, fail) => {
      req.once('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return settle({ status, headers: res.headers, body: res });
        readAll(res).then((body) => fail(statusError(status, body, ctx)), (err: unknown) => fail(connectionError(err, ctx)));
      });
      req.end(payload);
    });
    // From here on the caller's signal ends the stream.
    const signal = opts.signal;
    if (signal) {
      const onAbort = (): void => {
        req.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      reply.body.once('close', () => signal.removeEventListener('abort', onAbort));
    }
    return reply;
  }

  /**
   * Hijacks the connection (exec start, attach): asks for `Upgrade: tcp`.
   * Current engines answer 101 Switching Protocols; older ones (and some
   * proxies) answer 200 and simply keep the connection open as a raw
   * stream, so both are handled. The connection is dialled fresh and
   * never returned to the pool.
   */
  async hijack(method: string, path: string, opts: RequestOptions = {}): Promise<HijackedStream> {
    const { req, ctx, payload } = this.#send(method, path, opts, { Connection: 'Upgrade', Upgrade: 'tcp' }, true);
    return this.#guard<HijackedStream>(req, ctx, opts, (settle, fail) => {
      req.once('upgrade', (res, socket, head) => {
        if (head.length > 0) socket.unshift(head);
        settle({ status: res.statusCode ?? 101, headers: res.headers, output: socket, input: socket });
      });
      req.once('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300 && req.socket) {
          // 200: the body is the raw stream (read until close); stdin goes
          // straight onto the socket, under the HTTP parser's feet.
          settle({ status, headers: res.headers, output: res as unknown as HijackedStream['output'], input: req.socket });
          return;
        }
        readAll(res).then((body) => fail(statusError(status, body, ctx)), (err: unknown) => fail(connectionError(err, ctx)));
      });
      req.end(payload);
    });
  }

  /** Closes idle pooled connections; streams in flight end when their signals abort. */
  close(): void {
    this.#agent.destroy();
  }
}
