// A tiny ustar writer: enough to hand an engine a root filesystem for
// `POST /images/create?fromSrc=-` without shelling out to tar.

/** One entry of the archive. Paths are relative, without a leading slash. */
export type TarEntry =
  | { type: 'dir'; path: string; mode?: number }
  | { type: 'file'; path: string; mode?: number; data: Buffer }
  | { type: 'symlink'; path: string; target: string };

function field(buf: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`tar: "${value}" does not fit in ${length} bytes`);
  bytes.copy(buf, offset);
}

function octal(buf: Buffer, offset: number, length: number, value: number): void {
  field(buf, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function header(name: string, mode: number, size: number, typeflag: string, linkname: string, mtime: number): Buffer {
  const h = Buffer.alloc(512);
  field(h, 0, 100, name);
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156);
  field(h, 156, 1, typeflag);
  field(h, 157, 100, linkname);
  field(h, 257, 6, 'ustar\0');
  field(h, 263, 2, '00');
  field(h, 265, 32, 'root');
  field(h, 297, 32, 'root');
  let sum = 0;
  for (const b of h) sum += b;
  field(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** Builds a complete uncompressed tar archive (uid/gid 0) from `entries`, in order. */
export function buildTar(entries: TarEntry[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.type === 'dir') {
      parts.push(header(e.path.endsWith('/') ? e.path : `${e.path}/`, e.mode ?? 0o755, 0, '5', '', mtime));
    } else if (e.type === 'symlink') {
      parts.push(header(e.path, 0o777, 0, '2', e.target, mtime));
    } else {
      parts.push(header(e.path, e.mode ?? 0o644, e.data.length, '0', '', mtime), e.data);
      const pad = (512 - (e.data.length % 512)) % 512;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
