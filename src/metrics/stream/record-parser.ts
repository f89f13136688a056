/**
 * Parses the remote sampler's stream (script.ts) into records, one per
 * tick, whatever the chunking: a record is handed on only when its end
 * marker (with the same sequence number) has arrived, so a record torn by
 * a lost channel or a restart is dropped, never half-used. A file with no
 * section, or marked unreadable, is null: unknown, never an empty file or 0.
 * Pure; the reader (stream-reader.ts) owns the channel.
 */

/** One tick's reading on the host. */
export interface StreamRecord {
  /** The host loop's tick number, from 1 (per channel). */
  seq: number;
  /** The host's /proc/uptime in seconds (10 ms resolution), null when unreadable. */
  uptimeS: number | null;
  /** Per path of the list, in its order: content, or null when not read. */
  files: (Buffer | null)[];
}

/** Feeds chunks in, calls `onRecord` for each whole record. */
export interface RecordParser {
  push(chunk: Buffer): void;
  /** Bytes held back, waiting for the rest of a line or record (tests, diagnostics). */
  pending(): number;
}

/** The parser for a stream with `boundary` over `count` files. */
export function createRecordParser(boundary: string, count: number, onRecord: (r: StreamRecord) => void): RecordParser {
  const mark = `${boundary} `;
  let partial = '';
  let cur: { seq: number; uptimeS: number | null; lines: (string[] | null)[]; failed: boolean[] } | null = null;
  let file = -1;

  const marker = (rest: string): void => {
    const [tag, a, b] = rest.split(' ');
    const n = Number(a);
    if (tag === 'T') {
      // A new record: whatever was open is torn and dropped.
      const up = Number(b);
      cur = Number.isInteger(n) ? { seq: n, uptimeS: b !== undefined && b !== '-' && Number.isFinite(up) ? up : null, lines: new Array<string[] | null>(count).fill(null), failed: new Array<boolean>(count).fill(false) } : null;
      file = -1;
    } else if (tag === 'F') {
      file = cur && Number.isInteger(n) && n >= 1 && n <= count ? n - 1 : -1;
      if (cur && file >= 0) cur.lines[file] = [];
    } else if (tag === 'X') {
      if (cur && Number.isInteger(n) && n >= 1 && n <= count) cur.failed[n - 1] = true;
      file = -1;
    } else if (tag === 'E') {
      const done = cur;
      cur = null;
      file = -1;
      if (!done || done.seq !== n) return;
      onRecord({
        seq: done.seq,
        uptimeS: done.uptimeS,
        files: done.lines.map((l, i) => (l === null || done.failed[i] ? null : Buffer.from(l.length === 0 ? '' : `${l.join('\n')}\n`, 'latin1'))),
      });
    } else {
      // An unknown marker: the stream is not what we think; drop the record.
      cur = null;
      file = -1;
    }
  };

  const line = (l: string): void => {
    if (l.startsWith(mark)) marker(l.slice(mark.length));
    else if (cur && file >= 0) cur.lines[file]!.push(l);
    // else: between records (the newline the host's echo writes) or inside a dropped one
  };

  return {
    push(chunk) {
      const text = partial + chunk.toString('latin1');
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
        line(text.slice(start, nl));
        start = nl + 1;
      }
      partial = text.slice(start);
    },
    pending: () => partial.length,
  };
}
