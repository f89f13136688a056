/**
 * Loads payloads captured from real engines (test/fixtures/docker/<engine>/,
 * written by test/fixtures/docker/capture.ts) and a fake engine on a unix
 * socket for client tests: a real node:http server, so the client's HTTP,
 * keep-alive and hijack code runs for real, with no daemon.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

/** The engines fixtures were captured from. */
export type Engine = 'docker-20.10' | 'podman-4.3';
export const ENGINES: Engine[] = ['docker-20.10', 'podman-4.3'];

/** A captured reply. */
export interface Captured<T = unknown> {
  request: string;
  status: number;
  headers: Record<string, string>;
  body: T;
  chunks?: string[];
}

const root = new URL('../../fixtures/docker/', import.meta.url);

/** A captured reply by engine and name (`containers-list`). */
export function fixture<T = unknown>(engine: Engine, name: string): Captured<T> {
  return JSON.parse(readFileSync(new URL(`${engine}/${name}.json`, root), 'utf8')) as Captured<T>;
}

/** A captured stream's chunks, as the socket delivered them. */
export function chunks(engine: Engine, name: string): Buffer[] {
  return (fixture(engine, name).chunks ?? []).map((c) => Buffer.from(c, 'base64'));
}

/** Re-cuts bytes into pieces of `size` (to split frames, headers and timestamps anywhere). */
export function rechunk(bufs: Buffer[], size: number): Buffer[] {
  const all = Buffer.concat(bufs);
  const out: Buffer[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.subarray(i, i + size));
  return out;
}

/** A route of the fake engine: method and path (regex on the path without query). */
export interface Route {
  method: string;
  path: RegExp;
  reply: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
  /** Optional routes may go unused without failing the test. */
  optional?: boolean;
}

/** A fake Engine API on a unix socket in a temp folder. */
export interface FakeEngine {
  socketPath: string;
  /** Requests seen, as `METHOD /path?query`. */
  seen: string[];
  /** Routes never called (a stub never called is a failure). */
  unused(): string[];
  close(): Promise<void>;
}

/** Replies with a captured payload: its status, JSON body and API headers. */
export function replay(c: Captured): Route['reply'] {
  return (_req, res) => {
    const headers: Record<string, string> = {};
    for (const k of ['api-version', 'server', 'libpod-api-version', 'content-type']) if (c.headers[k]) headers[k] = c.headers[k];
    res.writeHead(c.status, headers);
    if (c.chunks) {
      for (const ch of c.chunks) res.write(Buffer.from(ch, 'base64'));
      res.end();
    } else res.end(c.body === null ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body));
  };
}

/** Starts a fake engine serving `routes`; hijack routes get the raw socket via `upgrade`. */
export async function fakeEngine(routes: Route[], upgrade?: (req: IncomingMessage, socket: Duplex) => void): Promise<FakeEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-fake-'));
  const socketPath = join(dir, 'engine.sock');
  const seen: string[] = [];
  const used = new Set<Route>();
  const server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      const path = (req.url ?? '').replace(/\?.*$/, '');
      const route = routes.find((r) => r.method === req.method && r.path.test(path));
      if (!route) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `page not found: ${req.method} ${path}` }));
        return;
      }
      used.add(route);
      route.reply(req, res, Buffer.concat(body));
    });
  });
  if (upgrade) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
      seen.push(`${req.method} ${req.url} (upgrade)`);
      upgrade(req, socket);
    });
  }
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    seen,
    unused: () => routes.filter((r) => !r.optional && !used.has(r)).map((r) => `${r.method} ${r.path}`),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
