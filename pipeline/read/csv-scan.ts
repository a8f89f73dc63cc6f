/**
 * A byte-level pass over a CSV file that proves its structure is plain (quotes balanced and
 * well placed, every record as wide as the header, one kind of line ending, no blank lines
 * inside) and maps record numbers to physical lines, without building a single string. A file
 * that passes can be parsed by DuckDB with the same result as the tokenizer; one that does not
 * is read by the tokenizer, which locates every fault.
 */

import { MAX_CELL_LENGTH, MAX_COLUMNS, MAX_LINE_MAP } from "../shared/limits.ts"
import type { EdgeBytes } from "./edge-bytes.ts"

const LF = 0x0a
const CR = 0x0d

// biome-ignore lint/suspicious/noConstEnum: inlined into the hot loop, within this one module
const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export interface ScanResult {
  /** False when the file needs the tokenizer: a structural fault, or a layout the map cannot express. */
  readonly plain: boolean
  /** Why it is not plain, for the progress line. */
  readonly reason: string | undefined
  /** Data records (the header excluded). */
  readonly records: number
  /** Record number (0-based, header excluded) and the physical line it starts on, where that changes. */
  readonly lineMap: ReadonlyArray<readonly [number, number]>
  /** Bytes 0x80–0x9F: Windows-1252 letters that Latin-1 decoding would get wrong. */
  readonly hasC1Bytes: boolean
  /** Lead bytes of UTF-8 combining marks (U+0300–U+036F): text that may need NFC. */
  readonly hasCombiningMarks: boolean
  /**
   * Per field (0-based), whether a data record has a value in it that starts or ends with a
   * byte of a character cleanText trims: only those fields need trimming.
   */
  readonly edgeFields: ReadonlyArray<boolean>
  /** Per field (0-based), whether a data record has a value in it with one of the `inner` bytes anywhere. */
  readonly innerFields: ReadonlyArray<boolean>
  /** Per field (0-based), whether a data record has a value in it that spans lines. */
  readonly multilineFields: ReadonlyArray<boolean>
}

/** What the scan watches for in values, besides their structure. */
export interface ScanWatch {
  /** Bytes at the ends of values (none watched without it). */
  readonly edges?: EdgeBytes
  /** Bytes anywhere in values, one table entry per byte (none watched without it). */
  readonly inner?: Uint8Array
}

export class CsvScanner {
  private state = State.FieldStart
  private fields = 0
  private headerFields = -1
  private record = -1 // -1 while in the header
  private line = 1
  private recordLine = 1
  private expectedOffset = 0 // recordLine - record for the current run of the map
  private pendingCr = false
  private ending: "crlf" | "lf" | "cr" | undefined
  private blankSeen = false
  private emptyRecord = true
  private fault: string | undefined
  // Offsets in the file: of the chunk, of the byte the slow path is at, of the field's first byte.
  private offset = 0
  private at = 0
  private fieldStart = 0
  readonly lineMap: Array<readonly [number, number]> = []
  hasC1Bytes = false
  hasCombiningMarks = false
  readonly edgeFields: boolean[] = []
  // The current field's first content byte is still to come; the last one seen so far (-1: none).
  private fieldFresh = true
  private lastByte = -1

  readonly innerFields: boolean[] = []
  readonly multilineFields: boolean[] = []
  private readonly edges: EdgeBytes
  private readonly inner: Uint8Array
  // Per byte, 1 where it is plain inside a quoted or an unquoted field (see the constructor).
  private readonly plainQuoted = new Uint8Array(256)
  private readonly plainUnquoted = new Uint8Array(256)

  constructor(
    private readonly delimiter: number,
    private readonly quote: number,
    watch: ScanWatch = {},
  ) {
    this.edges = watch.edges ?? { first: new Uint8Array(256), last: new Uint8Array(256) }
    this.inner = watch.inner ?? new Uint8Array(256)
    // ASCII bytes with nothing to note, other than being the last of their field so far.
    for (let b = 0; b < 0x80; b++) {
      if (this.inner[b] === 1 || b === quote || b === LF) continue
      this.plainQuoted[b] = 1
      if (b !== delimiter && b !== CR) this.plainUnquoted[b] = 1
    }
  }

  push(bytes: Uint8Array): void {
    const { delimiter, quote } = this
    const { first } = this.edges
    const { inner } = this
    const n = bytes.length
    for (let i = 0; i < n && this.fault === undefined; i++) {
      // A run of plain bytes inside a field is skipped at once: only its last byte matters.
      if (!this.pendingCr) {
        const plain =
          this.state === State.Unquoted
            ? this.plainUnquoted
            : this.state === State.Quoted && !this.fieldFresh
              ? this.plainQuoted
              : undefined
        if (plain !== undefined && plain[bytes[i]!] === 1) {
          let j = i + 1
          while (j < n && plain[bytes[j]!] === 1) j++
          this.lastByte = bytes[j - 1]!
          i = j - 1
          continue
        }
      }
      const b = bytes[i]!
      this.at = this.offset + i
      if (b >= 0x80) {
        if (b <= 0x9f) this.hasC1Bytes = true
        else if (b === 0xcc || b === 0xcd) this.hasCombiningMarks = true
      }
      if (this.pendingCr) {
        this.pendingCr = false
        if (b === LF) {
          this.endLine("crlf")
          continue
        }
        this.endLine("cr")
      }
      switch (this.state) {
        case State.Quoted:
          if (b === quote) this.state = State.QuoteInQuoted
          else {
            if (b === LF) {
              this.line++
              if (this.record >= 0) this.multilineFields[this.fields] = true
            }
            if (this.fieldFresh) {
              this.fieldFresh = false
              if (first[b] === 1) this.markEdge()
            }
            if (inner[b] === 1) this.markInner()
            this.lastByte = b
          }
          continue
        case State.QuoteInQuoted:
          if (b === quote) {
            this.state = State.Quoted
            continue
          }
          if (b !== delimiter && b !== LF && b !== CR) {
            this.fault = `text after a closing quote on line ${this.line}`
            return
          }
          break
        case State.Unquoted:
          if (b === quote) {
            this.fault = `a quote inside an unquoted field on line ${this.line}`
            return
          }
          if (b !== delimiter && b !== LF && b !== CR) {
            if (inner[b] === 1) this.markInner()
            this.lastByte = b
          }
          break
        case State.FieldStart:
          if (b === quote) {
            this.state = State.Quoted
            this.emptyRecord = false
            continue
          }
          break
      }
      // Outside quotes.
      if (b === delimiter) {
        this.endField()
        if (++this.fields >= MAX_COLUMNS) this.fault ??= `more than ${MAX_COLUMNS} fields on line ${this.line}`
        this.emptyRecord = false
        this.state = State.FieldStart
      } else if (b === LF) this.endLine("lf")
      else if (b === CR) this.pendingCr = true
      else {
        if (this.state === State.FieldStart) {
          this.fieldFresh = false
          if (first[b] === 1) this.markEdge()
          if (inner[b] === 1) this.markInner()
          this.lastByte = b
        }
        this.state = State.Unquoted
        this.emptyRecord = false
      }
    }
    this.offset += n
  }

  private markInner(): void {
    if (this.record >= 0) this.innerFields[this.fields] = true
  }

  private markEdge(): void {
    if (this.record >= 0) this.edgeFields[this.fields] = true
  }

  /** The field ends: was its last content byte one to watch? Could it be too long? */
  private endField(): void {
    if (this.lastByte >= 0 && this.edges.last[this.lastByte] === 1) this.markEdge()
    // In bytes, quotes included: the tokenizer counts its characters.
    if (this.at - this.fieldStart > MAX_CELL_LENGTH)
      this.fault ??= `a field of more than ${MAX_CELL_LENGTH} bytes on line ${this.line}`
    this.fieldStart = this.at + 1
    this.fieldFresh = true
    this.lastByte = -1
  }

  private endLine(ending: "crlf" | "lf" | "cr"): void {
    if (this.emptyRecord && this.fields === 0) {
      // A blank line: fine at the end of the file, not between records.
      this.blankSeen = true
      this.line++
      this.recordLine = this.line
      return
    }
    if (this.ending === undefined) this.ending = ending
    else if (ending !== this.ending) this.fault ??= `mixed line endings (line ${this.line})`
    this.endRecord()
    this.line++
    this.recordLine = this.line
  }

  private endRecord(): void {
    this.endField()
    if (this.blankSeen) this.fault ??= `a blank line before line ${this.recordLine}`
    const width = this.fields + 1
    if (this.record === -1) this.headerFields = width
    else {
      if (width !== this.headerFields)
        this.fault ??= `a record of ${width} fields on line ${this.recordLine}, the header has ${this.headerFields}`
      const offset = this.recordLine - this.record
      if (this.record === 0 || offset !== this.expectedOffset) {
        if (this.lineMap.length === MAX_LINE_MAP)
          this.fault ??= `more than ${MAX_LINE_MAP} records that span lines, or follow blank lines`
        this.lineMap.push([this.record, this.recordLine])
        this.expectedOffset = offset
      }
    }
    this.record++
    this.fields = 0
    this.emptyRecord = true
    this.state = State.FieldStart
  }

  end(): ScanResult {
    this.at = this.offset
    if (this.pendingCr) {
      this.pendingCr = false
      this.endLine("cr")
    }
    if (this.state === State.Quoted) this.fault ??= "a quote that is never closed"
    else if (!this.emptyRecord || this.fields > 0) this.endRecord()
    const records = Math.max(this.record, 0)
    const reason = this.fault ?? (this.headerFields < 0 ? "no header" : records === 0 ? "no records" : undefined)
    return {
      plain: reason === undefined,
      reason,
      records,
      lineMap: this.lineMap,
      hasC1Bytes: this.hasC1Bytes,
      hasCombiningMarks: this.hasCombiningMarks,
      edgeFields: Array.from({ length: Math.max(this.headerFields, 0) }, (_, i) => this.edgeFields[i] === true),
      innerFields: Array.from({ length: Math.max(this.headerFields, 0) }, (_, i) => this.innerFields[i] === true),
      multilineFields: Array.from(
        { length: Math.max(this.headerFields, 0) },
        (_, i) => this.multilineFields[i] === true,
      ),
    }
  }
}

/** The physical line of a record, from the map a scan made. */
export const lineOfRecord = (lineMap: ReadonlyArray<readonly [number, number]>, record: number): number => {
  let lo = 0
  let hi = lineMap.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (lineMap[mid]![0] <= record) lo = mid
    else hi = mid - 1
  }
  const [first, line] = lineMap[lo]!
  return line + (record - first)
}
