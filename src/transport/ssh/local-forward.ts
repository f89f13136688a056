/**
 * The local side of a port forward (`ssh -L`, `berth port-forward`): a TCP
 * listener on 127.0.0.1 only, each accepted connection joined to a stream
 * that `dial` opens from the node's side (a direct-tcpip channel over SSH,
 * or a plain socket for the local node). Half-closes pass through, so a
 * client that ends its request still gets the reply. A failed dial closes
 * that one connection; the listener keeps serving.
 */
import { createServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { BerthError } from '../../domain/errors.ts';

/** What a forward needs. */
export interface LocalForwardOptions {
  /** Local port; 0 picks a free one. */
  port: number;
  /** Opens the node-side stream for one accepted connection. */
  dial: () => Promise<Duplex>;
  /** Called when a connection could not be joined (the dial failed). */
  onDialError?: (err: Error) => void;
  /** Called for each accepted connection, with the peer's address. */
  onConnection?: (peer: string) => void;
}

/** A listening forward. */
export interface LocalForward {
  /** The port bound on 127.0.0.1. */
  readonly port: number;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

/** Joins one accepted connection to its node-side stream. */
function relay(local: Socket, opts: LocalForwardOptions): void {
  local.pause();
  local.setNoDelay(true);
  opts.dial().then(
    (remote) => {
      if (local.destroyed) return void remote.destroy();
      const end = (): void => {
        local.destroy();
        remote.destroy();
      };
      local.once('error', end);
      remote.once('error', end);
      local.once('close', () => remote.destroy());
      remote.once('close', () => local.destroy());
      local.pipe(remote);
      remote.pipe(local);
      local.resume();
    },
    (err: unknown) => {
      opts.onDialError?.(err as Error);
      local.destroy();
    },
  );
}

/** Listens on 127.0.0.1:`port`; rejects with a 'conflict' BerthError when the port cannot be had. */
export function listenLocalForward(opts: LocalForwardOptions): Promise<LocalForward> {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // a reset by the client is its business
    opts.onConnection?.(`${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`);
    relay(socket, opts);
  });
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const why = err.code === 'EADDRINUSE' ? 'it is in use' : err.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : err.message;
      reject(new BerthError('conflict', `cannot listen on 127.0.0.1:${opts.port}: ${why}`, { hint: 'pick another local port, or :PORT for any free one' }));
    };
    server.once('error', onError);
    server.listen({ host: '127.0.0.1', port: opts.port }, () => {
      server.off('error', onError);
      const addr = server.address();
      resolve({
        port: typeof addr === 'object' && addr !== null ? addr.port : opts.port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
