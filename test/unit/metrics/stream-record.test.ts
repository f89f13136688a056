// The remote sampler's record parser (src/metrics/stream/record-parser.ts):
// records whatever the chunking, torn records dropped, unreadable and
// missing files null (unknown), never empty or 0.
import { describe, expect, it } from 'vitest';
import { createRecordParser, type StreamRecord } from '../../../src/metrics/stream/record-parser.ts';

const B = '--berth-stream-0123456789abcdef0123456789abcdef--';

function parseAll(chunks: (string | Buffer)[], count: number): StreamRecord[] {
  const out: StreamRecord[] = [];
  const p = createRecordParser(B, count, (r) => out.push(r));
  for (const c of chunks) p.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c);
  return out;
}

/** A record as the host loop writes it (the last newline comes from its echo). */
function record(seq: number, files: (string | null)[], uptime = '123.45'): string {
  let s = `${B} T ${seq} ${uptime}\n`;
  files.forEach((f, i) => {
    s += `${B} F ${i + 1}\n`;
    if (f === null) s += `${B} X ${i + 1}\n`;
    else s += f;
  });
  return `${s}${B} E ${seq}\n`;
}

const text = (r: StreamRecord): (string | null)[] => r.files.map((f) => (f === null ? null : f.toString('latin1')));

describe('the remote sampler record parser', () => {
  it('reads a record: sequence, host uptime and each file\'s exact text', () => {
    const [r] = parseAll([record(1, ['usage_usec 10\nuser_usec 5\n', 'max\n', ''])], 3);
    expect(r!.seq).toBe(1);
    expect(r!.uptimeS).toBe(123.45);
    expect(text(r!)).toEqual(['usage_usec 10\nuser_usec 5\n', 'max\n', '']);
  });

  it('gives the same records whatever the chunking, down to one byte at a time', () => {
    const stream = `${record(1, ['a 1\n', 'b 2\n'])}\n${record(2, ['a 3\n', 'b 4\n'])}`;
    const whole = parseAll([stream], 2);
    const bytes = parseAll([...Buffer.from(stream, 'latin1')].map((b) => Buffer.from([b])), 2);
    expect(bytes).toEqual(whole);
    expect(whole.map((r) => r.seq)).toEqual([1, 2]);
    expect(text(whole[1]!)).toEqual(['a 3\n', 'b 4\n']);
  });

  it('holds a record back until its end marker has arrived', () => {
    const out: StreamRecord[] = [];
    const p = createRecordParser(B, 1, (r) => out.push(r));
    const full = record(7, ['x 1\n']);
    p.push(Buffer.from(full.slice(0, full.length - 3)));
    expect(out).toEqual([]);
    expect(p.pending()).toBeGreaterThan(0);
    p.push(Buffer.from(full.slice(full.length - 3)));
    expect(out.map((r) => r.seq)).toEqual([7]);
  });

  it('drops a torn record (cut off by a restart or lost channel) and keeps the next whole one', () => {
    const torn = record(3, ['a 1\n', 'b 2\n']).split(`${B} F 2`)[0]!;
    const out = parseAll([torn, record(1, ['a 9\n', 'b 9\n'])], 2);
    expect(out.map((r) => r.seq)).toEqual([1]);
    expect(text(out[0]!)).toEqual(['a 9\n', 'b 9\n']);
  });

  it('drops a record whose end marker names another sequence', () => {
    const bad = record(4, ['a\n']).replace(`${B} E 4`, `${B} E 5`);
    expect(parseAll([bad], 1)).toEqual([]);
  });

  it('an unreadable file (X) and a file with no section are null, never empty', () => {
    const noSecond = `${B} T 1 -\n${B} F 1\nq 1\n${B} F 3\n\n${B} E 1\n`;
    const [a] = parseAll([noSecond], 3);
    expect(a!.uptimeS).toBeNull();
    expect(text(a!)).toEqual(['q 1\n', null, '\n']);
    const [b] = parseAll([record(2, ['x\n', null])], 2);
    expect(text(b!)).toEqual(['x\n', null]);
  });

  it('ignores output before the first record and lines between records', () => {
    const out = parseAll([`motd noise\n${B.slice(0, 10)} T 1\n`, record(1, ['z\n']), '\n\n'], 1);
    expect(out.map((r) => text(r))).toEqual([['z\n']]);
  });

  it('a section index outside the list is ignored, and an unknown marker drops the record', () => {
    const outside = `${B} T 1 1.00\n${B} F 9\nstray\n${B} F 1\nok\n${B} E 1\n`;
    expect(text(parseAll([outside], 1)[0]!)).toEqual(['ok\n']);
    const unknown = `${B} T 1 1.00\n${B} F 1\nok\n${B} Q 1\n${B} E 1\n`;
    expect(parseAll([unknown], 1)).toEqual([]);
  });
});
