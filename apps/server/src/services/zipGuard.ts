import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** most files in the archive */
  maxEntries: number;
  /** most bytes of all files unpacked */
  maxTotalBytes: number;
}

/** Why an archive is refused before anything unpacks it: too big once unpacked, or not a sound ZIP. */
export class ZipProblem extends Error {
  constructor(
    readonly kind: 'too_large' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks a ZIP archive (an .xlsx) before a library unpacks it into memory: a sound central directory, no
 * ZIP64 or encryption, only stored or deflated files, and every file's real unpacked size — measured by
 * unpacking it here with a hard output cap, not taken from what the archive claims — within the limits.
 * A zip bomb (a few kilobytes that unpack to gigabytes) is refused after at most `maxTotalBytes` of work.
 */
export function inspectZip(zip: Buffer, limits: ZipLimits): void {
  const malformed = (why: string): never => {
    throw new ZipProblem('malformed', `not a readable .xlsx file (${why})`);
  };
  const u16 = (at: number) => (at + 2 <= zip.length ? zip.readUInt16LE(at) : malformed('truncated'));
  const u32 = (at: number) => (at + 4 <= zip.length ? zip.readUInt32LE(at) : malformed('truncated'));

  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) malformed('no ZIP directory');
  const count = u16(eocd + 10);
  const directorySize = u32(eocd + 12);
  const directoryAt = u32(eocd + 16);
  if (count === 0xffff || directoryAt === 0xffffffff) malformed('ZIP64 is not supported');
  if (count > limits.maxEntries)
    throw new ZipProblem('too_large', `the file holds more than ${limits.maxEntries} parts`);
  if (directoryAt + directorySize > eocd) malformed('bad directory');

  let total = 0;
  let at = directoryAt;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) malformed('bad directory entry');
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const packed = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    const local = u32(at + 42);
    if (flags & 0x1) malformed('encrypted');
    if (method !== 0 && method !== 8) malformed(`compression method ${method}`);
    if (u32(local) !== LOCAL) malformed('bad file header');
    const dataAt = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataAt + packed > zip.length) malformed('truncated');
    total += size;
    if (total > limits.maxTotalBytes)
      throw new ZipProblem('too_large', `the file unpacks to more than ${limits.maxTotalBytes} bytes`);
    const data = zip.subarray(dataAt, dataAt + packed);
    let unpacked = packed;
    if (method === 8) {
      try {
        // at most one byte more than claimed: a file that lies about its size is caught here
        unpacked = inflateRawSync(data, { maxOutputLength: size + 1 }).length;
      } catch {
        malformed('a part does not unpack to its stated size');
      }
    }
    if (unpacked !== size) malformed('a part does not unpack to its stated size');
    at = next;
  }
}
