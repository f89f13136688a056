// TLS material for the lab's TCP endpoint (DOCKER_HOST=tcp://… with
// DOCKER_TLS_VERIFY / DOCKER_CERT_PATH): a throwaway CA, a server certificate
// for 127.0.0.1 and a client certificate, made with openssl in the lab folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Where the files are: `client` is laid out as DOCKER_CERT_PATH expects (ca.pem, cert.pem, key.pem). */
export interface LabTls {
  client: string;
  caFile: string;
  serverCert: string;
  serverKey: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes the CA, the server (SAN IP 127.0.0.1) and client certificates. */
export function makeLabTls(dir: string): LabTls {
  const client = join(dir, 'client');
  mkdirSync(client, { recursive: true });
  const days = ['-days', '2'];
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-subj', '/CN=berth lab CA', ...days], dir);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'server-cert.pem', '-extfile', 'server.ext', ...days], dir);
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(client, 'key.pem'), '-out', 'client.csr', '-subj', '/CN=berth lab client'], dir);
  openssl(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', join(client, 'cert.pem'), '-extfile', 'client.ext', ...days], dir);
  writeFileSync(join(client, 'ca.pem'), execFileSync('cat', [join(dir, 'ca.pem')]));
  return { client, caFile: join(dir, 'ca.pem'), serverCert: join(dir, 'server-cert.pem'), serverKey: join(dir, 'server-key.pem') };
}

/** A loopback TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
