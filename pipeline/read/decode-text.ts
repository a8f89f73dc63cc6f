/**
 * Turns a file's bytes into text in its declared encoding, chunk by chunk, and refuses bytes
 * that do not fit that encoding, with the line and column where they stand.
 */
import { isUtf8 } from "node:buffer"
import { createReadStream } from "node:fs"
import { readFile } from "node:fs/promises"
import type { Problem } from "../problems/problem.ts"
import { textDecoder } from "./windows-1252.ts"
import { problem } from "../problems/problem.ts"

export type Encoding = "utf-8" | "windows-1252"

export class EncodingProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message)
  }
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    // Length of the sequence and the range its second byte must fall in (RFC 3629).
    const [n, lo, hi] =
      b >= 0xc2 && b <= 0xdf
        ? [1, 0x80, 0xbf]
        : b === 0xe0
          ? [2, 0xa0, 0xbf]
          : b === 0xed
            ? [2, 0x80, 0x9f]
            : b >= 0xe1 && b <= 0xef
              ? [2, 0x80, 0xbf]
              : b === 0xf0
                ? [3, 0x90, 0xbf]
                : b === 0xf4
                  ? [3, 0x80, 0x8f]
                  : b >= 0xf1 && b <= 0xf3
                    ? [3, 0x80, 0xbf]
                    : [0, 0, 0]
    if (n === 0) return i
    const second = bytes[i + 1]
    if (second === undefined || second < lo || second > hi) return i
    for (let k = 2; k <= n; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
    }
    i += n + 1
  }
  return -1
}

/** Line and column (in characters of the decoded prefix) of a byte offset. */
export const positionOfByte = (
  bytes: Uint8Array,
  offset: number,
  encoding: Encoding,
): { line: number; column: number } => {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  const prefix = bytes.subarray(lineStart, offset)
  const column = encoding === "utf-8" ? new TextDecoder("utf-8").decode(prefix).length + 1 : prefix.length + 1
  return { line, column }
}

/** How to count fields on a CSV line, so a CSV problem's column is a field number. */
export interface CsvLayout {
  readonly delimiter: string
  readonly quote: string
}

/** Field number (1-based) of a byte on its line: delimiters outside quotes before it, plus one. */
export const fieldOfByte = (bytes: Uint8Array, offset: number, layout: CsvLayout): number => {
  let start = offset
  while (start > 0 && bytes[start - 1] !== 0x0a) start--
  const delimiter = layout.delimiter.charCodeAt(0)
  const quote = layout.quote.charCodeAt(0)
  let field = 1
  let quoted = false
  for (let i = start; i < offset; i++) {
    if (bytes[i] === quote) quoted = !quoted
    else if (bytes[i] === delimiter && !quoted) field++
  }
  return field
}

/** Where a byte stands: line, and field number (CSV) or character column (anything else). */
const locateByte = (bytes: Uint8Array, offset: number, encoding: Encoding, layout: CsvLayout | undefined) => {
  const { line, column } = positionOfByte(bytes, offset, encoding)
  return layout === undefined
    ? { line, column, at: "" }
    : { line, column: fieldOfByte(bytes, offset, layout), at: ` (character ${column})` }
}

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ")

/** A UTF-8 two-byte Latin letter (Å, Ä, Ö, å, ä, ö, é …) read as Windows-1252 shows as `Ã` + one more. */
export const findUtf8Latin = (bytes: Uint8Array): number => {
  let i = bytes.indexOf(0xc3)
  while (i >= 0 && i + 1 < bytes.length) {
    const next = bytes[i + 1]!
    if (next >= 0x80 && next <= 0xbf) return i
    i = bytes.indexOf(0xc3, i + 1)
  }
  return -1
}

/**
 * Pure check of a whole byte buffer against a declared encoding; the streaming reader below
 * applies the same rules chunk by chunk and calls this only to locate a fault.
 */
export const encodingProblem = (
  bytes: Uint8Array,
  encoding: Encoding,
  file: string,
  layout?: CsvLayout,
): Problem | undefined => {
  if (encoding === "utf-8") {
    const bad = firstInvalidUtf8(bytes)
    if (bad < 0) return undefined
    const { line, column, at } = locateByte(bytes, bad, encoding, layout)
    return problem({
      code: "file/encoding",
      file,
      line,
      column,
      value: hex(bytes.subarray(bad, bad + 2)),
      message: `byte 0x${bytes[bad]!.toString(16)}${at} is not valid UTF-8, the declared encoding; was the file saved as Windows-1252 (ANSI)?`,
    })
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return problem({
      code: "file/encoding",
      file,
      line: 1,
      column: 1,
      value: "ef bb bf",
      message: "the file starts with a UTF-8 byte-order mark but is declared windows-1252; declare encoding utf-8",
    })
  }
  const utf8 = findUtf8Latin(bytes)
  if (utf8 >= 0) {
    const { line, column, at } = locateByte(bytes, utf8, encoding, layout)
    return problem({
      code: "file/encoding",
      file,
      line,
      column,
      value: new TextDecoder("utf-8").decode(bytes.subarray(utf8, utf8 + 2)),
      message: `the bytes here${at} are a UTF-8 letter, but the file is declared windows-1252; declare encoding utf-8`,
    })
  }
  return undefined
}

/**
 * Checks a file's bytes against its encoding as they stream past, chunk by chunk; `ok` turns
 * false at the first fault (encodingProblem then says where). Bytes a chunk boundary splits
 * are held over to the next chunk.
 */
export class EncodingGuard {
  ok = true
  private held: Buffer = Buffer.alloc(0)
  /** The file's first three bytes, however small its first chunks: where a byte-order mark stands. */
  private readonly start: number[] = []

  constructor(private readonly encoding: Encoding) {}

  push(chunk: Buffer): boolean {
    if (!this.ok) return false
    const window = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk])
    if (this.encoding === "utf-8") {
      // Hold back a sequence that the chunk ends in the middle of.
      let cut = window.length
      for (let k = 1; k <= 3 && k <= window.length; k++) {
        const b = window[window.length - k]!
        if ((b & 0xc0) === 0xc0) {
          if ((b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k) cut = window.length - k
          break
        }
        if ((b & 0xc0) !== 0x80) break
      }
      this.ok = isUtf8(window.subarray(0, cut))
      this.held = Buffer.from(window.subarray(cut))
    } else {
      for (let k = 0; k < chunk.length && this.start.length < 3; k++) this.start.push(chunk[k]!)
      const bom = this.start[0] === 0xef && this.start[1] === 0xbb && this.start[2] === 0xbf
      this.ok = !bom && findUtf8Latin(window) < 0
      this.held = Buffer.from(window.subarray(window.length - 1))
    }
    return this.ok
  }

  /** At the end of the file: a UTF-8 sequence left unfinished is a fault. */
  end(): boolean {
    if (this.encoding === "utf-8" && this.held.length > 0) this.ok = false
    return this.ok
  }
}

/**
 * Decoded text of a file, chunk by chunk. A leading UTF-8 BOM is dropped. Throws
 * EncodingProblem, located, when the bytes do not fit the encoding.
 */
export async function* decodeText(
  path: string,
  encoding: Encoding,
  file: string,
  layout?: CsvLayout,
): AsyncGenerator<string> {
  const guard = new EncodingGuard(encoding)
  const decoder = textDecoder(encoding)
  for await (const read of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const chunk = read as Buffer
    if (!guard.push(chunk)) throw await locateFault(path, encoding, file, layout)
    const text = decoder.decode(chunk, { stream: true })
    if (text.length > 0) yield text
  }
  if (!guard.end()) throw await locateFault(path, encoding, file, layout)
  const rest = decoder.decode()
  if (rest.length > 0) yield rest
}

const locateFault = async (
  path: string,
  encoding: Encoding,
  file: string,
  layout: CsvLayout | undefined,
): Promise<EncodingProblem> => {
  const found = encodingProblem(await readFile(path), encoding, file, layout)
  return new EncodingProblem(
    found ?? problem({ code: "file/encoding", file, message: `the file is not valid ${encoding}` }),
  )
}
