// A unix-socket proxy in front of an engine that records every HTTP request
// line it forwards, so a test can prove which API calls berth made.
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running proxy: point DOCKER_HOST at `host`; `requests` fills as berth talks. */
export interface RequestLogProxy {
  host: string;
  requests: string[];
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

/** Starts a proxy to `target` (a unix socket path). */
export async function startRequestLogProxy(target: string): Promise<RequestLogProxy> {
  const path = join(mkdtempSync(join(tmpdir(), 'berth-proxy-')), 'engine.sock');
  const requests: string[] = [];
  const server: Server = createServer((client) => {
    const upstream = createConnection({ path: target });
    client.on('data', (d: Buffer) => {
      for (const m of d.toString('latin1').matchAll(REQUEST_LINE)) requests.push(`${m[1]} ${m[2]}`);
    });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    host: `unix://${path}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
