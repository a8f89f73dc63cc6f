/**
 * An incremental CSV tokenizer that knows where everything is: each field's physical line and
 * column, where an unclosed quote opened, and which line ending ends each record. Pure: text
 * in, records and problems out; the caller feeds chunks of any size. What a record holds is
 * bounded as it is read: a field is never built past MAX_CELL_LENGTH characters, nor a record
 * past MAX_COLUMNS + 1 fields (the rest are counted).
 */
import { MAX_CELL_LENGTH, MAX_COLUMNS } from "../shared/limits.ts"

export interface CsvField {
  readonly value: string
  readonly line: number
  /** Character column where the field starts. */
  readonly column: number
}

export interface CsvRow {
  readonly line: number
  /** The record's first fields: all of them, up to MAX_COLUMNS + 1. */
  readonly fields: ReadonlyArray<CsvField>
  /** How many fields the record has, kept or not. */
  readonly width: number
  /** Line ending that closed the record: "\r\n", "\n", "\r" or "" at end of file. */
  readonly ending: string
}

export type CsvFault =
  | { readonly kind: "unclosed-quote"; readonly line: number; readonly column: number; readonly field: number }
  | {
      readonly kind: "stray-quote"
      readonly line: number
      readonly column: number
      readonly field: number
      readonly value: string
    }
  | {
      readonly kind: "text-after-quote"
      readonly line: number
      readonly column: number
      readonly field: number
      readonly value: string
    }
  /** A field longer than MAX_CELL_LENGTH characters; `value` is its beginning. */
  | {
      readonly kind: "too-long"
      readonly line: number
      readonly column: number
      readonly field: number
      readonly value: string
    }

// biome-ignore lint/suspicious/noConstEnum: inlined into the hot loop, within this one module
const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export class CsvTokenizer {
  private state = State.FieldStart
  private field = ""
  /** Characters (code points) in the field, kept or not. */
  private fieldLength = 0
  private fields: CsvField[] = []
  private width = 0
  private line = 1
  private column = 1
  private fieldLine = 1
  private fieldColumn = 1
  private rowLine = 1
  private pendingCr = false
  private faultInRow: CsvFault | undefined
  readonly faults: CsvFault[] = []

  // Where a field past the cell limit can next end or change state, quoted and unquoted.
  private readonly quotedStop: RegExp
  private readonly unquotedStop: RegExp

  constructor(
    private readonly delimiter: string,
    private readonly quote: string,
  ) {
    const inClass = (c: string) => c.replace(/[\\\]^-]/gu, "\\$&")
    this.quotedStop = new RegExp(`[${inClass(quote)}\\n]`, "gu")
    this.unquotedStop = new RegExp(`[${inClass(delimiter)}${inClass(quote)}\\r\\n]`, "gu")
  }

  /** Feeds text; returns the rows completed by it. */
  push(text: string): CsvRow[] {
    const rows: CsvRow[] = []
    const { delimiter, quote } = this
    for (let i = 0; i < text.length; i++) {
      // Past the cell limit, nothing more of the field is kept: skip to where it may end at once.
      if (this.fieldLength > MAX_CELL_LENGTH && !this.pendingCr) {
        const stop = this.state === State.Quoted ? this.quotedStop : this.unquotedStop
        stop.lastIndex = i
        const next = this.state === State.QuoteInQuoted ? i : (stop.exec(text)?.index ?? text.length)
        this.column += next - i
        i = next
        if (i === text.length) break
      }
      const c = text[i]!
      if (this.pendingCr) {
        this.pendingCr = false
        if (c === "\n") {
          this.endRow(rows, "\r\n")
          this.newLine()
          continue
        }
        this.endRow(rows, "\r")
        this.newLine()
      }
      switch (this.state) {
        case State.FieldStart:
          this.fieldLine = this.line
          this.fieldColumn = this.column
          if (c === quote) {
            this.state = State.Quoted
            this.column++
            continue
          }
          this.state = State.Unquoted
          this.unquoted(c, rows)
          continue
        case State.Unquoted:
          this.unquoted(c, rows)
          continue
        case State.Quoted:
          if (c === quote) this.state = State.QuoteInQuoted
          else this.append(c)
          if (c === "\n") this.newLine()
          else this.column++
          continue
        case State.QuoteInQuoted:
          if (c === quote) {
            this.append(quote)
            this.state = State.Quoted
            this.column++
            continue
          }
          if (c === delimiter) {
            this.endField()
            this.column++
            continue
          }
          if (c === "\n") {
            this.endRow(rows, "\n")
            this.newLine()
            continue
          }
          if (c === "\r") {
            this.pendingCr = true
            continue
          }
          this.fault({
            kind: "text-after-quote",
            line: this.line,
            column: this.column,
            field: this.width + 1,
            value: this.field + c,
          })
          this.append(c)
          this.state = State.Unquoted
          this.column++
          continue
      }
    }
    return rows
  }

  private unquoted(c: string, rows: CsvRow[]): void {
    if (c === this.delimiter) {
      this.endField()
    } else if (c === "\n") {
      this.endRow(rows, "\n")
      this.newLine()
      return
    } else if (c === "\r") {
      this.pendingCr = true
      return
    } else {
      if (c === this.quote)
        this.fault({
          kind: "stray-quote",
          line: this.line,
          column: this.column,
          field: this.width + 1,
          value: this.field + c,
        })
      this.append(c)
    }
    this.column++
  }

  /** Adds a character to the field, up to MAX_CELL_LENGTH; past it, the field is refused. */
  private append(c: string): void {
    // A low surrogate is the second half of a character already counted.
    const code = c.charCodeAt(0)
    if (code < 0xdc00 || code > 0xdfff) this.fieldLength++
    if (this.fieldLength <= MAX_CELL_LENGTH) {
      this.field += c
      return
    }
    if (this.fieldLength === MAX_CELL_LENGTH + 1)
      this.fault({
        kind: "too-long",
        line: this.fieldLine,
        column: this.fieldColumn,
        field: this.width + 1,
        value: `${this.field.slice(0, 40)}…`,
      })
  }

  /** Ends the input; returns the last row, if any. */
  end(): CsvRow[] {
    const rows: CsvRow[] = []
    if (this.pendingCr) {
      this.pendingCr = false
      this.endRow(rows, "\r")
      this.newLine()
    }
    if (this.state === State.Quoted) {
      this.faults.push({
        kind: "unclosed-quote",
        line: this.fieldLine,
        column: this.fieldColumn,
        field: this.width + 1,
      })
      this.resetRow()
      return rows
    }
    if (this.state !== State.FieldStart || this.width > 0) this.endRow(rows, "")
    return rows
  }

  private fault(f: CsvFault): void {
    if (this.faultInRow === undefined) {
      this.faultInRow = f
      this.faults.push(f)
    }
  }

  private newLine(): void {
    this.line++
    this.column = 1
  }

  private endField(): void {
    if (this.width <= MAX_COLUMNS)
      this.fields.push({ value: this.field, line: this.fieldLine, column: this.fieldColumn })
    this.width++
    this.field = ""
    this.fieldLength = 0
    this.state = State.FieldStart
    this.fieldLine = this.line
    this.fieldColumn = this.column + 1
  }

  private endRow(rows: CsvRow[], ending: string): void {
    // A line with nothing on it (not even "") is no record: spreadsheets leave such lines at the end.
    const blank = this.width === 0 && this.field === "" && this.state !== State.QuoteInQuoted
    this.endField()
    if (!blank && this.faultInRow === undefined)
      rows.push({ line: this.rowLine, fields: this.fields, width: this.width, ending })
    this.resetRow()
  }

  private resetRow(): void {
    this.fields = []
    this.width = 0
    this.field = ""
    this.fieldLength = 0
    this.state = State.FieldStart
    this.faultInRow = undefined
    this.rowLine = this.line + 1
  }
}
