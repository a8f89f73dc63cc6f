/**
 * Where a byte of a file stands: its line, its character column, and on a CSV line its field,
 * counted in one pass over the bytes before it, from a buffer or streamed from the file: a fault
 * at the end of a 700 MB line is located without holding the line.
 */
import { createReadStream } from "node:fs"

/** How to count fields on a CSV line, so a CSV problem's column is a field number. */
export interface CsvLayout {
  readonly delimiter: string
  readonly quote: string
}

export interface BytePlace {
  readonly line: number
  /** The field number on a CSV line, else the character column, 1-based. */
  readonly column: number
  /** On a CSV line, the character column, as words to put after the place (` (character 12)`). */
  readonly at: string
}

/** Counts what a place needs over bytes fed in order; the bytes before the first fault fit their encoding. */
class PlaceCounter {
  private line = 1
  // Characters (UTF-16 units, as the text is read) since the line began, the field, and inside quotes.
  private units = 0
  private field = 1
  private quoted = false
  private readonly delimiter: number
  private readonly quote: number

  constructor(
    private readonly utf8: boolean,
    private readonly layout: CsvLayout | undefined,
  ) {
    this.delimiter = layout?.delimiter.charCodeAt(0) ?? -1
    this.quote = layout?.quote.charCodeAt(0) ?? -1
  }

  push(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (b === 0x0a) {
        this.line++
        this.units = 0
        this.field = 1
        this.quoted = false
        continue
      }
      // In UTF-8 a character is counted at its first byte: two units from beyond U+FFFF.
      if (!this.utf8) this.units++
      else if ((b & 0xc0) !== 0x80) this.units += b >= 0xf0 ? 2 : 1
      if (b === this.quote) this.quoted = !this.quoted
      else if (b === this.delimiter && !this.quoted) this.field++
    }
  }

  place(): BytePlace {
    const column = this.units + 1
    return this.layout === undefined
      ? { line: this.line, column, at: "" }
      : { line: this.line, column: this.field, at: ` (character ${column})` }
  }
}

/** Where the byte at `offset` of `bytes` stands. */
export const placeOfByte = (
  bytes: Uint8Array,
  offset: number,
  utf8: boolean,
  layout: CsvLayout | undefined,
): BytePlace => {
  const counter = new PlaceCounter(utf8, layout)
  counter.push(bytes.subarray(0, offset))
  return counter.place()
}

/** Where the byte at `offset` of the file at `path` stands, read as a stream up to it. */
export const placeInFile = async (
  path: string,
  offset: number,
  utf8: boolean,
  layout: CsvLayout | undefined,
): Promise<BytePlace> => {
  const counter = new PlaceCounter(utf8, layout)
  if (offset > 0)
    for await (const chunk of createReadStream(path, { end: offset - 1, highWaterMark: 1 << 20 }))
      counter.push(chunk as Buffer)
  return counter.place()
}
