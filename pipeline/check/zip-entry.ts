/**
 * One file of a zip archive read as a stream, by a reader of the release check's own: found in
 * the archive's central directory, its bytes read from where its local header says they begin
 * and inflated by Node's zlib, so a part is read only as far as it is needed.
 */
import { createReadStream } from "node:fs"
import { open } from "node:fs/promises"
import { Readable } from "node:stream"
import { createInflateRaw } from "node:zlib"
import { dataStart, directoryEntries, END_SEARCH, endRecord, type ZipEntry } from "../read/zip-directory.ts"

/** The files of an archive by name, from its central directory. */
const centralDirectory = async (path: string): Promise<Map<string, ZipEntry>> => {
  const file = await open(path)
  try {
    const { size } = await file.stat()
    const tail = Buffer.alloc(Math.min(size, END_SEARCH))
    await file.read(tail, 0, tail.length, size - tail.length)
    const end = endRecord(tail)
    if (end === undefined) throw new Error("not a zip archive: it has no central directory")
    const directory = Buffer.alloc(end.directoryLength)
    await file.read(directory, 0, end.directoryLength, end.directoryOffset)
    const entries = directoryEntries(directory, 0, end.count)
    if (entries === undefined) throw new Error("its zip directory is damaged")
    return new Map(entries.map((e) => [e.name, e]))
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
      const start = dataStart(header, 0, entry.headerOffset)
      if (start === undefined) throw new Error(`${name} has no local header where it should`)
      if (entry.compressedSize === 0) return Readable.from([])
      const bytes = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 16 })
      if (entry.method === 0) return bytes
      const inflated = createInflateRaw()
      bytes.on("error", (e) => inflated.destroy(e))
      inflated.on("close", () => bytes.destroy())
      return bytes.pipe(inflated)
    },
  }
}
