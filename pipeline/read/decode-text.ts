/**
 * Turns a file's bytes into text in its declared encoding, chunk by chunk, and refuses bytes
 * that do not fit that encoding, with the line and column where they stand.
 */
import { isUtf8 } from "node:buffer"
import { createReadStream } from "node:fs"
import { open } from "node:fs/promises"
import type { Problem } from "../problems/problem.ts"
import { textDecoder } from "./windows-1252.ts"
import { problem } from "../problems/problem.ts"
import { type BytePlace, type CsvLayout, placeInFile, placeOfByte } from "./byte-place.ts"

export type { CsvLayout } from "./byte-place.ts"

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

/** The first byte that does not fit the encoding, and how it does not. */
export interface EncodingFault {
  readonly offset: number
  readonly kind: "not-utf-8" | "bom" | "utf-8-letter"
}

/** The first fault of a whole byte buffer in a declared encoding, or undefined. */
const firstFault = (bytes: Uint8Array, encoding: Encoding): EncodingFault | undefined => {
  if (encoding === "utf-8") {
    const bad = firstInvalidUtf8(bytes)
    return bad < 0 ? undefined : { offset: bad, kind: "not-utf-8" }
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { offset: 0, kind: "bom" }
  const letter = findUtf8Latin(bytes)
  return letter < 0 ? undefined : { offset: letter, kind: "utf-8-letter" }
}

/** The problem of a fault, from the bytes that start at it and the place where it stands. */
const faultProblem = (fault: EncodingFault, from: Uint8Array, place: BytePlace, file: string): Problem => {
  const { line, column, at } = place
  switch (fault.kind) {
    case "not-utf-8":
      return problem({
        code: "file/encoding",
        file,
        line,
        column,
        value: hex(from.subarray(0, 2)),
        message: `byte 0x${from[0]!.toString(16)}${at} is not valid UTF-8, the declared encoding; was the file saved as Windows-1252 (ANSI)?`,
      })
    case "bom":
      return problem({
        code: "file/encoding",
        file,
        line: 1,
        column: 1,
        value: "ef bb bf",
        message: "the file starts with a UTF-8 byte-order mark but is declared windows-1252; declare encoding utf-8",
      })
    case "utf-8-letter":
      return problem({
        code: "file/encoding",
        file,
        line,
        column,
        value: new TextDecoder("utf-8").decode(from.subarray(0, 2)),
        message: `the bytes here${at} are a UTF-8 letter, but the file is declared windows-1252; declare encoding utf-8`,
      })
  }
}

/**
 * Pure check of a whole byte buffer against a declared encoding; the streaming reader below
 * applies the same rules chunk by chunk and locates a fault by streaming up to it.
 */
export const encodingProblem = (
  bytes: Uint8Array,
  encoding: Encoding,
  file: string,
  layout?: CsvLayout,
): Problem | undefined => {
  const fault = firstFault(bytes, encoding)
  if (fault === undefined) return undefined
  const place = placeOfByte(bytes, fault.offset, encoding === "utf-8", layout)
  return faultProblem(fault, bytes.subarray(fault.offset, fault.offset + 3), place, file)
}

/**
 * Checks a file's bytes against its encoding as they stream past, chunk by chunk; `ok` turns
 * false at the first fault (encodingProblem then says where). Bytes a chunk boundary splits
 * are held over to the next chunk.
 */
export class EncodingGuard {
  ok = true
  /** Once `ok` is false: the first byte that does not fit, in the file. */
  fault: EncodingFault | undefined
  private held: Buffer = Buffer.alloc(0)
  // Bytes pushed before the current chunk.
  private read = 0
  /** The file's first three bytes, however small its first chunks: where a byte-order mark stands. */
  private readonly start: number[] = []

  constructor(private readonly encoding: Encoding) {}

  push(chunk: Buffer): boolean {
    if (!this.ok) return false
    const window = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk])
    const windowStart = this.read - this.held.length
    this.read += chunk.length
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
      if (!this.ok) this.fault = { offset: windowStart + Math.max(firstInvalidUtf8(window), 0), kind: "not-utf-8" }
    } else {
      for (let k = 0; k < chunk.length && this.start.length < 3; k++) this.start.push(chunk[k]!)
      const bom = this.start[0] === 0xef && this.start[1] === 0xbb && this.start[2] === 0xbf
      const letter = bom ? -1 : findUtf8Latin(window)
      this.ok = !bom && letter < 0
      this.held = Buffer.from(window.subarray(window.length - 1))
      if (!this.ok)
        this.fault = bom ? { offset: 0, kind: "bom" } : { offset: windowStart + letter, kind: "utf-8-letter" }
    }
    return this.ok
  }

  /** At the end of the file: a UTF-8 sequence left unfinished is a fault. */
  end(): boolean {
    if (this.encoding === "utf-8" && this.held.length > 0 && this.ok) {
      this.ok = false
      this.fault = { offset: this.read - this.held.length, kind: "not-utf-8" }
    }
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
    if (!guard.push(chunk)) throw await locateFault(path, guard.fault!, encoding, file, layout)
    const text = decoder.decode(chunk, { stream: true })
    if (text.length > 0) yield text
  }
  if (!guard.end()) throw await locateFault(path, guard.fault!, encoding, file, layout)
  const rest = decoder.decode()
  if (rest.length > 0) yield rest
}

/** The problem of a fault a guard found in the file at `path`, located by streaming up to it. */
export const locateFault = async (
  path: string,
  fault: EncodingFault,
  encoding: Encoding,
  file: string,
  layout: CsvLayout | undefined,
): Promise<EncodingProblem> => {
  const from = Buffer.alloc(3)
  const handle = await open(path, "r")
  const { bytesRead } = await handle.read(from, 0, 3, fault.offset).finally(() => handle.close())
  const place = await placeInFile(path, fault.offset, encoding === "utf-8", layout)
  return new EncodingProblem(faultProblem(fault, from.subarray(0, bytesRead), place, file))
}
