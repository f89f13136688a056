// A stand-in for an ssh2 exec channel: a Duplex with stderr, 'exit' and
// 'close' in the order sshd sends them (EOF, exit-status, close). As in
// ssh2 (utils.js onCHANNEL_CLOSE), 'exit' is emitted at once and 'close'
// only when the output has been read to its end.
import { Duplex, PassThrough } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { watchEnd, type OpenedChannel } from '../../../../src/transport/ssh/exec.ts';

/** A fake channel; `written` collects what the client sent. */
export class FakeChannel extends Duplex {
  readonly stderr = new PassThrough();
  readonly written: Buffer[] = [];
  readonly signals: string[] = [];
  wasClosed = false;

  override _read(): void {}

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.written.push(chunk);
    cb();
  }

  /** The remote command writes and exits (code, or null with a signal). */
  finish(stdout: string | Buffer, stderr: string, code: number | null, signal?: string): void {
    if (stdout.length) this.push(stdout);
    if (stderr) this.stderr.write(stderr);
    this.push(null);
    this.stderr.end();
    this.emit('exit', code, signal);
    this.#closeWhenRead();
  }

  /** The connection dies: close without an exit status. */
  hangUp(): void {
    this.push(null);
    this.#closeWhenRead();
  }

  #closeWhenRead(): void {
    if (this.readableEnded) this.emit('close');
    else this.once('end', () => this.emit('close'));
  }

  signal(name: string): void {
    this.signals.push(name);
  }

  close(): void {
    if (this.wasClosed) return;
    this.wasClosed = true;
    setImmediate(() => this.emit('close'));
  }

  asChannel(): ClientChannel {
    return this as unknown as ClientChannel;
  }

  /** The channel as the transport hands it over: its end watched from the open (watchEnd). */
  opened(): OpenedChannel {
    return watchEnd(this.asChannel());
  }
}
