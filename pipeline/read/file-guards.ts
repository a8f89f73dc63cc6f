/**
 * Faults no reader should meet in a delivery, looked for in the same pass that hashes it: NUL
 * bytes, git merge-conflict markers at the start of a line, and a byte-order mark anywhere but
 * at the start. Each is found by the byte offset of its first occurrence, then located.
 */
import { createReadStream } from "node:fs"

export type GuardKind = "nul" | "conflict-marker" | "bom"

/** Merge-conflict markers, each counted only at the start of a line. */
const MARKERS: ReadonlyArray<{ readonly text: Buffer; readonly lineEnds: boolean }> = [
  { text: Buffer.from("<<<<<<< "), lineEnds: false },
  { text: Buffer.from(">>>>>>> "), lineEnds: false },
  // A separator line is the whole line.
  { text: Buffer.from("======="), lineEnds: true },
]
const NUL = Buffer.from([0])
const BOM = Buffer.from([0xef, 0xbb, 0xbf])
/** Bytes of the previous chunk kept for the seam: a line break, the longest marker and "\r\n". */
const OVERLAP = 1 + Math.max(...MARKERS.map((m) => m.text.length)) + 2

/**
 * The offset in `data` of the first marker that can be seen to start a line (undefined if
 * none): a match at the very start, or too near the end to see its line ending, is left to the
 * seam with the neighbouring chunk. `fileStart`: `data` begins the file.
 */
const firstMarker = (data: Buffer, fileStart: boolean): number | undefined => {
  let first: number | undefined
  for (const { text, lineEnds } of MARKERS) {
    // Markers are rare, so indexOf looks for the marker itself, and its line is checked after.
    for (
      let at = data.indexOf(text);
      at !== -1 && (first === undefined || at < first);
      at = data.indexOf(text, at + 1)
    ) {
      const startsLine = at === 0 ? fileStart : data[at - 1] === 0x0a
      if (!startsLine) continue
      if (lineEnds) {
        const after = at + text.length
        const ends = data[after] === 0x0a || (data[after] === 0x0d && data[after + 1] === 0x0a)
        if (!ends) continue
      }
      first = at
      break
    }
  }
  return first
}

export class FileGuard {
  private readonly first = new Map<GuardKind, number>()
  private tail = Buffer.alloc(0)
  private offset = 0 // of the next chunk in the file

  push(chunk: Buffer): void {
    // The seam (the end of the last chunk with the start of this one) is searched first: what
    // it finds comes before anything found in the chunk alone.
    const seam = Buffer.concat([this.tail, chunk.subarray(0, OVERLAP)])
    const seamStart = this.offset - this.tail.length
    this.search(seam, seamStart)
    this.search(chunk, this.offset)
    this.offset += chunk.length
    this.tail = Buffer.from(
      chunk.length >= OVERLAP ? chunk.subarray(-OVERLAP) : Buffer.concat([this.tail, chunk]).subarray(-OVERLAP),
    )
  }

  private search(data: Buffer, start: number): void {
    const note = (kind: GuardKind, at: number | undefined) => {
      if (at === undefined || at === -1) return
      const offset = start + at
      const known = this.first.get(kind)
      if (known === undefined || offset < known) this.first.set(kind, offset)
    }
    if (!this.first.has("nul")) note("nul", data.indexOf(NUL))
    if (!this.first.has("conflict-marker")) note("conflict-marker", firstMarker(data, start === 0))
    if (!this.first.has("bom")) {
      // A byte-order mark at the very start of the file is allowed.
      let at = data.indexOf(BOM)
      if (at !== -1 && start + at === 0) at = data.indexOf(BOM, at + 1)
      note("bom", at)
    }
  }

  /** Each kind found, with the offset of its first occurrence. */
  end(): ReadonlyArray<{ readonly kind: GuardKind; readonly offset: number }> {
    return [...this.first].map(([kind, offset]) => ({ kind, offset })).sort((a, b) => a.offset - b.offset)
  }
}

/** Line and column (in bytes, 1-based) of byte offsets in a file, counted in one more pass. */
export const locateOffsets = async (
  path: string,
  offsets: ReadonlyArray<number>,
): Promise<Map<number, { line: number; column: number }>> => {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b)
  const found = new Map<number, { line: number; column: number }>()
  let line = 1
  let lineStart = 0
  let base = 0
  let next = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer
    while (next < wanted.length && wanted[next]! < base + buf.length) {
      const target = wanted[next]!
      for (
        let at = buf.indexOf(0x0a, Math.max(0, lineStart - base));
        at !== -1 && base + at < target;
        at = buf.indexOf(0x0a, at + 1)
      ) {
        line++
        lineStart = base + at + 1
      }
      found.set(target, { line, column: target - lineStart + 1 })
      next++
    }
    if (next === wanted.length) break
    for (let at = buf.indexOf(0x0a, Math.max(0, lineStart - base)); at !== -1; at = buf.indexOf(0x0a, at + 1)) {
      line++
      lineStart = base + at + 1
    }
    base += buf.length
  }
  return found
}
