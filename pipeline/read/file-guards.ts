/**
 * Faults no reader should meet in a delivery, looked for in the same pass that hashes it: NUL
 * bytes, git merge-conflict markers at the start of a line, and a byte-order mark anywhere but
 * at the start. Each is found by the byte offset of its first occurrence, then located.
 */
import { createReadStream } from "node:fs"

export type GuardKind = "nul" | "conflict-marker" | "bom"

const NEEDLES: ReadonlyArray<[GuardKind, Buffer]> = [
  ["nul", Buffer.from([0])],
  ["conflict-marker", Buffer.from("\n<<<<<<< ")],
  ["conflict-marker", Buffer.from("\n>>>>>>> ")],
  ["conflict-marker", Buffer.from("\n=======\n")],
  ["conflict-marker", Buffer.from("\n=======\r\n")],
  ["bom", Buffer.from([0xef, 0xbb, 0xbf])],
]
const OVERLAP = Math.max(...NEEDLES.map(([, n]) => n.length)) - 1

export class FileGuard {
  private readonly first = new Map<GuardKind, number>()
  private tail = Buffer.from("\n") // a file's start counts as a line's start
  private offset = -1 // of tail[0] in the file

  push(chunk: Buffer): void {
    const data = Buffer.concat([this.tail, chunk])
    for (const [kind, needle] of NEEDLES) {
      if (this.first.has(kind)) continue
      let at = data.indexOf(needle)
      // A byte-order mark at the very start is allowed.
      if (kind === "bom" && at !== -1 && this.offset + at === 0) at = data.indexOf(needle, at + 1)
      if (at === -1) continue
      // Markers are found with the line break before them; they start after it.
      this.first.set(kind, this.offset + at + (needle[0] === 0x0a ? 1 : 0))
    }
    const keep = Math.min(OVERLAP, data.length)
    this.offset += data.length - keep
    this.tail = data.subarray(data.length - keep)
  }

  /** Each kind found, with the offset of its first occurrence. */
  end(): ReadonlyArray<{ readonly kind: GuardKind; readonly offset: number }> {
    return [...this.first].map(([kind, offset]) => ({ kind, offset })).sort((a, b) => a.offset - b.offset)
  }
}

/** Line and column (in bytes, 1-based) of byte offsets in a file, counted in one more pass. */
export const locateOffsets = async (path: string, offsets: ReadonlyArray<number>): Promise<Map<number, { line: number; column: number }>> => {
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
      for (let at = buf.indexOf(0x0a, Math.max(0, lineStart - base)); at !== -1 && base + at < target; at = buf.indexOf(0x0a, at + 1)) {
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
