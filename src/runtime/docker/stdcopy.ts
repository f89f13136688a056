/**
 * The Engine API's stdout/stderr multiplexing ("stdcopy"): when a
 * container or exec has no TTY, its output comes in frames of an 8-byte
 * header `[stream, 0, 0, 0, size as big-endian uint32]` and `size` bytes of
 * payload; stream 1 is stdout, 2 stderr, 0 stdin (echoed), 3 an engine
 * error ("systemerr"). With a TTY there are no frames at all: the bytes
 * arrive as they are. A frame may be split across reads at any byte,
 * header included.
 */

/** One demultiplexed frame. */
export interface Frame {
  stream: 'stdout' | 'stderr' | 'system';
  payload: Buffer;
}

const HEADER = 8;

/** Largest frame accepted; Docker writes at most 32 KiB per frame, so more means garbage. */
const MAX_FRAME = 64 * 1024 * 1024;

/** Thrown when the bytes are not stdcopy frames (usually: a TTY stream read as framed). */
export class StdcopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StdcopyError';
  }
}

function streamOf(byte: number): Frame['stream'] {
  if (byte === 0 || byte === 1) return 'stdout';
  if (byte === 2) return 'stderr';
  if (byte === 3) return 'system';
  throw new StdcopyError(`not a multiplexed stream: header byte ${byte}`);
}

/** Incremental demultiplexer: feed chunks as they arrive, get whole frames out. */
export class Demuxer {
  #buffer: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns every frame now complete, in order. */
  push(chunk: Buffer): Frame[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const frames: Frame[] = [];
    let off = 0;
    while (this.#buffer.length - off >= HEADER) {
      const stream = streamOf(this.#buffer[off]!);
      const size = this.#buffer.readUInt32BE(off + 4);
      if (size > MAX_FRAME) throw new StdcopyError(`frame of ${size} bytes: not a multiplexed stream`);
      if (this.#buffer.length - off - HEADER < size) break;
      frames.push({ stream, payload: this.#buffer.subarray(off + HEADER, off + HEADER + size) });
      off += HEADER + size;
    }
    this.#buffer = off === 0 ? this.#buffer : Buffer.from(this.#buffer.subarray(off));
    return frames;
  }

  /** Bytes of an unfinished frame left over (non-zero at the end means a cut stream). */
  get pendingBytes(): number {
    return this.#buffer.length;
  }
}
