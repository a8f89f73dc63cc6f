/**
 * What a sheet spans, read from its XML bytes before any cell is: the extent it declares
 * (`<dimension ref>`), the last row and column any `<row>` or `<c>` reaches, and its merged
 * ranges (`<mergeCell ref>`). The sheet is read as a grid from A1 to its extent, and each
 * merged range is filled in cell by cell, so both are bounded here: the scan stops at the first
 * element past a limit and names it. Builds no string but the attributes it reads. Pure.
 */
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { columnLetters } from "../problems/render.ts"
import { MAX_MERGED_RANGES, MAX_SHEET_CELLS } from "../shared/limits.ts"

/** A merged range, 1-based and inclusive. */
export interface MergedRange {
  readonly ref: string
  readonly top: number
  readonly left: number
  readonly bottom: number
  readonly right: number
}

const LT = 0x3c
const GT = 0x3e
const SLASH = 0x2f
const COLON = 0x3a
const EQUALS = 0x3d

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
const EXCEL_ROWS = 1_048_576
const EXCEL_COLUMNS = 16_384

/** Whether the bytes from `start` to `end` are the ASCII `name`. */
const named = (xml: Buffer, start: number, end: number, name: string): boolean => {
  if (end - start !== name.length) return false
  for (let k = 0; k < name.length; k++) if (xml[start + k] !== name.charCodeAt(k)) return false
  return true
}

/** A number as the sheet reader reads it (JavaScript's Number): digits at once, any other text through Number. */
const numberOf = (xml: Buffer, start: number, end: number): number => {
  let n = 0
  for (let k = start; k < end; k++) {
    const digit = xml[k]! - 0x30
    if (digit < 0 || digit > 9) return Number(xml.toString("latin1", start, end))
    n = n * 10 + digit
  }
  return n
}

/**
 * Row and column of a cell's `r` as the sheet reader computes them, whatever the text: each
 * byte before the first digit a letter (A = 1, base 26), the rest the row; undefined where the
 * reader finds no row.
 */
const cellOf = (xml: Buffer, start: number, end: number): { row: number; column: number } | undefined => {
  let column = 0
  for (let k = start; k < end; k++) {
    const b = xml[k]!
    if (b >= 0x30 && b <= 0x39) {
      const row = numberOf(xml, k, end)
      return Number.isNaN(row) ? undefined : { row, column }
    }
    column = column * 26 + b - 64
  }
  return undefined
}

/**
 * Where the value of the element's attribute `wanted` stands (from, to), read from just after
 * the element's name up to its `>`; undefined when it has none, or an empty one.
 */
const attribute = (xml: Buffer, from: number, wanted: string): readonly [number, number] | undefined => {
  let i = from
  for (;;) {
    while (isSpace(xml[i])) i++
    if (i >= xml.length || xml[i] === GT || xml[i] === SLASH) return undefined
    const nameStart = i
    while (i < xml.length && xml[i] !== EQUALS && xml[i] !== GT && !isSpace(xml[i])) i++
    const nameEnd = i
    while (isSpace(xml[i])) i++
    if (xml[i] !== EQUALS) return undefined
    i++
    while (isSpace(xml[i])) i++
    const quote = xml[i]
    const end = quote === undefined ? -1 : xml.indexOf(quote, i + 1)
    if (end < 0) return undefined
    if (named(xml, nameStart, nameEnd, wanted)) return end > i + 1 ? [i + 1, end] : undefined
    i = end + 1
  }
}

/** A cell reference as Excel writes it (`B7`, `$B$7`), or undefined when it is not one. */
const excelCell = (ref: string): { row: number; column: number } | undefined => {
  const plain = ref.replaceAll("$", "").toUpperCase()
  return /^\$?[A-Z]{1,3}\$?[0-9]+$/iu.test(ref) ? cellOf(Buffer.from(plain, "latin1"), 0, plain.length) : undefined
}

/** A range (`A1:D3`, or one cell), or undefined when it is not one. */
const rangeOf = (ref: string): MergedRange | undefined => {
  const [first, last = first, more] = ref.split(":")
  const from = excelCell(first ?? "")
  const to = excelCell(last ?? "")
  if (from === undefined || to === undefined || more !== undefined) return undefined
  return { ref, top: from.row, left: from.column, bottom: to.row, right: to.column }
}

const count = (n: number) => n.toLocaleString("en")

const FIX =
  "delete the rows and columns past the data (select them, Delete), or save the sheet as CSV (UTF-8), which is read record by record"

/** Skips a comment, a CDATA section or a declaration starting at `at` (its `<`). */
const skipMarkup = (xml: Buffer, at: number): number => {
  const closing = (text: string) => {
    const end = xml.indexOf(text, at)
    return end < 0 ? xml.length : end + text.length
  }
  if (xml[at + 2] === 0x2d) return closing("-->")
  if (xml[at + 2] === 0x5b) return closing("]]>")
  return closing(">")
}

/** Where Excel could show a place: its row (and cell) if within Excel's grid, else nowhere. */
const where = (row: number, column: number) =>
  row >= 1 && row <= EXCEL_ROWS ? { line: row, ...(column >= 1 && column <= EXCEL_COLUMNS ? { column } : {}) } : {}

export type SheetScan =
  | { readonly ok: true; readonly merged: ReadonlyArray<MergedRange> }
  | { readonly ok: false; readonly problem: Problem }

/**
 * Scans the sheet's XML: its merged ranges, or the problem of the first thing past a limit (the
 * declared extent, a row or cell past MAX_SHEET_CELLS from A1, too many merged ranges, or merged
 * ranges that cover more cells than the sheet may).
 */
export const scanSheet = (bytes: Uint8Array, file: string, sheet: string): SheetScan => {
  const refuse = (p: Omit<Problem, "severity" | "file" | "sheet" | "code">): SheetScan => ({
    ok: false,
    problem: problem({ code: "xlsx/extent", file, sheet, ...p }),
  })
  const xml = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const text = (at: readonly [number, number] | undefined) => (at === undefined ? "" : xml.toString("latin1", ...at))
  const merged: MergedRange[] = []
  let rows = 0
  let columns = 0
  let row = 0
  let column = 0
  // The current row has no cell yet: were it to have none, it is still read, as an empty row.
  let bare = false
  /** The sheet reaches row `r` (and column `c`): its refusal, if that takes it past the limit. */
  const reach = (r: number, c: number): SheetScan | undefined => {
    rows = Math.max(rows, r)
    columns = Math.max(columns, c)
    const cells = rows * Math.max(columns, 1)
    if (cells <= MAX_SHEET_CELLS) return undefined
    const letters = columns <= EXCEL_COLUMNS ? columnLetters(Math.max(columns, 1)) : `number ${count(columns)}`
    return refuse({
      ...where(r, c),
      message: `the sheet reaches row ${count(rows)} and column ${letters}: ${count(cells)} cells from A1, more than the ${count(MAX_SHEET_CELLS)} a sheet may; ${FIX}`,
    })
  }
  for (let i = xml.indexOf(LT); i >= 0; i = xml.indexOf(LT, i)) {
    const first = xml[i + 1]
    if (first === 0x21) {
      i = skipMarkup(xml, i)
      continue
    }
    // The element's name, without its namespace prefix.
    let end = i + 1
    let local = end
    while (end < xml.length && !isSpace(xml[end]) && xml[end] !== GT && xml[end] !== SLASH) {
      if (xml[end] === COLON) local = end + 1
      end++
    }
    i = end
    if (named(xml, local, end, "c")) {
      const r = attribute(xml, end, "r")
      const at = r === undefined ? undefined : cellOf(xml, ...r)
      row = Math.max(row, at?.row ?? 1)
      column = at?.column ?? column + 1
      bare = false
      const over = reach(row, column)
      if (over !== undefined) return over
    } else if (named(xml, local, end, "row")) {
      const over = bare ? reach(row, 0) : undefined
      if (over !== undefined) return over
      const r = attribute(xml, end, "r")
      const n = r === undefined ? Number.NaN : numberOf(xml, ...r)
      row = n > 0 ? n : row + 1
      column = 0
      bare = true
    } else if (named(xml, local, end, "dimension")) {
      const ref = text(attribute(xml, end, "ref"))
      const range = rangeOf(ref)
      if (range !== undefined && range.bottom * range.right > MAX_SHEET_CELLS)
        return refuse({
          ...where(range.bottom, range.right),
          value: ref,
          message: `the sheet declares it spans ${ref}: ${count(range.bottom * range.right)} cells from A1, more than the ${count(MAX_SHEET_CELLS)} a sheet may; ${FIX}`,
        })
    } else if (named(xml, local, end, "mergeCell")) {
      const range = rangeOf(text(attribute(xml, end, "ref")))
      if (range !== undefined) merged.push(range)
      if (merged.length > MAX_MERGED_RANGES)
        return refuse({
          message: `the sheet has more than ${count(MAX_MERGED_RANGES)} merged ranges, more than a sheet may; unmerge them (select all, Merge & Center off)`,
        })
    }
  }
  const over = bare ? reach(row, 0) : undefined
  if (over !== undefined) return over
  // Each merged range is filled in within the sheet's extent: together, no more cells than it may span.
  let covered = 0
  for (const r of merged)
    covered += Math.max(0, Math.min(r.bottom, rows) - r.top + 1) * Math.max(0, Math.min(r.right, columns) - r.left + 1)
  if (covered > MAX_SHEET_CELLS)
    return refuse({
      message: `the sheet's merged ranges cover ${count(covered)} cells, more than the ${count(MAX_SHEET_CELLS)} a sheet may span; unmerge them`,
    })
  return { ok: true, merged }
}
