// A container whose port carries real bytes, for port-forward tests: busybox
// httpd with host networking, on a free port of 127.0.0.1 only; its CGI
// echoes the request body back.
import { request } from 'node:http';
import { createServer } from 'node:net';
import { apiJson, apiOk } from '../../lab/engine-api.ts';
import { FIXTURE_LABEL } from '../../lab/fixtures.ts';
import { LAB_IMAGE } from '../../lab/images.ts';
import type { LabInfo } from '../../lab/types.ts';

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => res(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** POSTs `body` to 127.0.0.1:port/cgi-bin/echo and resolves with what came back. */
export function echo(port: number, body: string): Promise<string> {
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/cgi-bin/echo', headers: { 'Content-Length': Buffer.byteLength(body) } }, (reply) => {
      let got = '';
      reply.setEncoding('utf8');
      reply.on('data', (d: string) => (got += d));
      reply.once('end', () => res(got));
      reply.once('error', rej);
    });
    req.once('error', rej);
    req.end(body);
  });
}

/** Starts the echo container on docker1 as `name`; resolves once httpd answers. */
export async function startEchoContainer(lab: LabInfo, name: string): Promise<{ id: string; port: number }> {
  const docker1 = lab.engines.docker1.socket;
  const port = await freePort();
  const script = [
    'mkdir -p /www/cgi-bin',
    `printf '#!/bin/sh\\nprintf "Content-Type: text/plain\\\\r\\\\n\\\\r\\\\n"\\nhead -c "$CONTENT_LENGTH"\\n' > /www/cgi-bin/echo`,
    'chmod +x /www/cgi-bin/echo',
    `exec httpd -f -p 127.0.0.1:${port} -h /www`,
  ].join(' && ');
  const body = {
    Image: LAB_IMAGE,
    Cmd: ['sh', '-c', script],
    Labels: { [FIXTURE_LABEL]: name },
    HostConfig: { NetworkMode: 'host', CgroupParent: lab.engines.docker1.cgroupParent },
  };
  const id = (await apiJson<{ Id: string }>(docker1, 'POST', `/containers/create?name=${name}`, { body })).Id;
  await apiOk(docker1, 'POST', `/containers/${id}/start`);
  for (let i = 0; i < 100; i++) {
    if (await echo(port, 'up?').then((r) => r === 'up?', () => false)) return { id, port };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`httpd in ${name} did not answer on 127.0.0.1:${port}`);
}

/** Removes a test container (gone already is fine). */
export async function removeContainer(socket: string, id: string): Promise<void> {
  await apiOk(socket, 'DELETE', `/containers/${id}?force=1`, {}, [404]);
}
