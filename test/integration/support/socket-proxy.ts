// A unix-socket proxy in front of a lab engine's socket, which a test can
// take away and bring back: to the clients (local, or a lab sshd on this
// machine forwarding to it) the engine stopped and started, while the
// shared lab engine itself is never touched.
import { connect, createServer, type Server, type Socket } from 'node:net';

/** The proxy; `path` is where clients connect. */
export class SocketProxy {
  readonly path: string;
  readonly #target: string;
  #server: Server | null = null;
  readonly #conns = new Set<Socket>();

  constructor(target: string, path: string) {
    this.#target = target;
    this.path = path;
  }

  listen(): Promise<void> {
    const server = createServer((c) => {
      const up = connect(this.#target);
      this.#conns.add(c).add(up);
      c.pipe(up).pipe(c);
      const drop = (): void => {
        c.destroy();
        up.destroy();
        this.#conns.delete(c);
        this.#conns.delete(up);
      };
      for (const s of [c, up]) {
        s.on('error', drop);
        s.on('close', drop);
      }
    });
    this.#server = server;
    return new Promise((r) => server.listen(this.path, () => r()));
  }

  /** Stops listening (the socket file goes) and cuts every connection: the engine is gone. */
  close(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const s of this.#conns) s.destroy();
    this.#conns.clear();
    return new Promise((r) => (server ? server.close(() => r()) : r()));
  }
}
