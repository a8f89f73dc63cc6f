/**
 * One file of a zip archive read as a stream, by a reader of the release check's own: found in
 * the archive's central directory, its bytes read from where its local header says they begin
 * and inflated by Node's zlib, so a part is read only as far as it is needed.
 */
import { createReadStream } from "node:fs"
import { open } from "node:fs/promises"
import { Readable } from "node:stream"
import { createInflateRaw } from "node:zlib"

interface Entry {
  readonly method: number
  readonly compressedSize: number
  readonly headerOffset: number
}

/** The end of central directory record: within the last 22 bytes and a comment of at most 65,535. */
const END_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50

/** The files of an archive by name, from its central directory. */
const centralDirectory = async (path: string): Promise<Map<string, Entry>> => {
  const file = await open(path)
  try {
    const { size } = await file.stat()
    const tail = Buffer.alloc(Math.min(size, 22 + 0xffff))
    await file.read(tail, 0, tail.length, size - tail.length)
    let end = tail.length - 22
    while (end >= 0 && tail.readUInt32LE(end) !== END_SIGNATURE) end--
    if (end < 0) throw new Error("not a zip archive: it has no central directory")
    const [length, offset] = [tail.readUInt32LE(end + 12), tail.readUInt32LE(end + 16)]
    const directory = Buffer.alloc(length)
    await file.read(directory, 0, length, offset)
    const entries = new Map<string, Entry>()
    for (let at = 0; at + 46 <= length && directory.readUInt32LE(at) === CENTRAL_SIGNATURE; ) {
      const nameLength = directory.readUInt16LE(at + 28)
      entries.set(directory.toString("utf8", at + 46, at + 46 + nameLength), {
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        headerOffset: directory.readUInt32LE(at + 42),
      })
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32)
    }
    return entries
  } finally {
    await file.close()
  }
}

/** An archive whose files are read by name, each inflated as a stream; undefined for a file it lacks. */
export const openZip = async (path: string): Promise<{ read: (name: string) => Promise<Readable | undefined> }> => {
  const entries = await centralDirectory(path)
  return {
    read: async (name) => {
      const entry = entries.get(name)
      if (entry === undefined) return undefined
      if (entry.method !== 0 && entry.method !== 8) throw new Error(`${name} is compressed by method ${entry.method}`)
      const header = Buffer.alloc(30)
      const file = await open(path)
      try {
        await file.read(header, 0, 30, entry.headerOffset)
      } finally {
        await file.close()
      }
      if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`${name} has no local header where it should`)
      if (entry.compressedSize === 0) return Readable.from([])
      const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
      const bytes = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 16 })
      if (entry.method === 0) return bytes
      const inflated = createInflateRaw()
      bytes.on("error", (e) => inflated.destroy(e))
      inflated.on("close", () => bytes.destroy())
      return bytes.pipe(inflated)
    },
  }
}
