/**
 * A zip archive's central directory: where its end record is, and the entries it lists (name,
 * method, sizes, where the local header begins). Shared by the reader of delivered workbooks
 * (xlsx-zip.ts, the whole file in memory, with limits) and the release check's reader of the
 * workbooks it wrote (check/zip-entry.ts, from the file on disk). Pure.
 */

export interface ZipEntry {
  readonly name: string
  readonly flags: number
  readonly method: number
  readonly compressedSize: number
  /** The unzipped size, as the central directory declares it. */
  readonly size: number
  readonly headerOffset: number
}

export const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
export const LOCAL_HEADER = 0x04034b50
/** The end record: 22 bytes, then a comment of up to 65,535: an archive's last bytes to look in. */
export const END_SEARCH = 22 + 0xffff

/** The end record found in the archive's last bytes (`tail`): its entries' count and the directory's place. */
export const endRecord = (
  tail: Buffer,
): { readonly count: number; readonly directoryLength: number; readonly directoryOffset: number } | undefined => {
  for (let at = tail.length - 22; at >= 0; at--)
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY)
      return {
        count: tail.readUInt16LE(at + 10),
        directoryLength: tail.readUInt32LE(at + 12),
        directoryOffset: tail.readUInt32LE(at + 16),
      }
  return undefined
}

/** The entries a directory lists, read from `at` in `bytes`, up to `count`; undefined where it is damaged. */
export const directoryEntries = (bytes: Buffer, at: number, count: number): ZipEntry[] | undefined => {
  const entries: ZipEntry[] = []
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined
    const nameLength = bytes.readUInt16LE(at + 28)
    entries.push({
      name: bytes.toString("utf8", at + 46, at + 46 + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      headerOffset: bytes.readUInt32LE(at + 42),
    })
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
  }
  return entries
}

/** Where an entry's data begins, from its local header's 30 bytes at `at` in `bytes`; undefined where there is none. */
export const dataStart = (bytes: Buffer, at: number, headerOffset: number): number | undefined =>
  at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER
    ? undefined
    : headerOffset + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28)
