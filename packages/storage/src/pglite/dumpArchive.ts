/**
 * PGlite's data-directory dumps are tar archives (ustar: 512-byte headers, contents padded to 512 bytes, two
 * zero blocks at the end). This drops every file under some directories, keeping the directories themselves.
 */

const BLOCK = 512;

/** The path of the archive entry whose header starts at `offset` (ustar keeps long paths' start in a prefix). */
function entryPath(archive: Uint8Array, offset: number): string {
  const text = (start: number, length: number) => {
    const field = archive.subarray(offset + start, offset + start + length);
    const end = field.indexOf(0);
    return new TextDecoder().decode(end === -1 ? field : field.subarray(0, end));
  };
  const name = text(0, 100);
  // ustar's prefix field is 155 bytes; PGlite's writer (tinytar) keeps 131 and ends it with a NUL within them
  const prefix = text(345, 155);
  return prefix ? `${prefix}/${name}` : name;
}

function entrySize(archive: Uint8Array, offset: number): number {
  const field = archive.subarray(offset + 124, offset + 136);
  if ((field[0] ?? 0) & 0x80) throw new Error('dump archive: an entry over 8 GB (base-256 size)');
  const digits = new TextDecoder()
    .decode(field)
    .replace(/[\0 ]+$/, '')
    .trim();
  const size = digits === '' ? 0 : Number.parseInt(digits, 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`dump archive: bad size field "${digits}"`);
  return size;
}

/**
 * The archive without the files inside `directories` (paths as in the archive, without leading or trailing
 * slashes, e.g. "base/1"). Throws on an archive it cannot read to its end: a dump is never silently cut short.
 */
export function withoutFilesIn(archive: Uint8Array, directories: readonly string[]): Uint8Array {
  const inside = (path: string) => {
    const clean = path.replace(/^\/+/, '').replace(/\/+$/, '');
    return directories.some((dir) => clean.startsWith(`${dir}/`));
  };
  const kept: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > archive.length)
      throw new Error('dump archive: ends before its end-of-archive blocks');
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    // plain files and directories only: an extended header (pax, GNU long names) describes the entry after
    // it, and dropping one without the other would rename a kept file. PGlite writes none; if it starts to,
    // this fails loudly instead.
    const type = header[156];
    if (type !== 0 && type !== 0x30 && type !== 0x35) {
      throw new Error(`dump archive: entry type "${String.fromCharCode(type ?? 0)}" is not a file or folder`);
    }
    const size = entrySize(archive, offset);
    const length = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (offset + length > archive.length) throw new Error('dump archive: an entry runs past its end');
    if (!inside(entryPath(archive, offset))) kept.push(archive.subarray(offset, offset + length));
    offset += length;
  }
  const total = kept.reduce((sum, part) => sum + part.length, 0) + 2 * BLOCK;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of kept) {
    out.set(part, at);
    at += part.length;
  }
  return out; // the last two blocks stay zero: the end of the archive
}
