/**
 * Reads one sheet of an Excel workbook (.xlsx) into located string records: the row is the
 * line and the column number the field. Merged cells read as a user sees them. A file that is
 * not a workbook, or a sheet it does not have, is a problem, never a throw. What it may cost is
 * bounded before a cell is read: the file's size, its parts and the sheet's extent
 * (xlsx-parts.ts).
 */
import { readSheet } from "read-excel-file/node"
import type { SourceCell, SourceRecord } from "../contract/source-record.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { columnLetters } from "../problems/render.ts"
import { MAX_FILE_BYTES } from "../shared/limits.ts"
import { cleanText } from "../shared/text.ts"
import type { MergedRange as Range } from "./sheet-extent.ts"
import { readWhole } from "./whole-file.ts"
import { cellText, NumberText } from "./xlsx-cell-text.ts"
import { openSheet as openParts } from "./xlsx-parts.ts"
import { notReadable, SAVE_AS_CSV } from "./xlsx-zip.ts"

export interface XlsxSource {
  /** The sheet's name as in the workbook. */
  readonly sheet: string
  readonly header: ReadonlyArray<{ readonly name: string; readonly column: number }>
  readonly records: ReadonlyArray<SourceRecord>
  /** Every sheet of the workbook, in order. */
  readonly sheets?: ReadonlyArray<string>
}

export interface XlsxOptions {
  /** The sheet's name; the first sheet without it. */
  readonly sheet?: string
  /** The header's row, 1-based (1 without it); the rows above it are skipped. */
  readonly headerRow?: number
  /** The table's last row, 1-based; the rows below it are not read. */
  readonly lastRow?: number
  /** The decimal separator numeric cells are written with, as the delivery's text cells are. */
  readonly decimalSeparator?: "." | ","
}

/** A sheet as read-excel-file gives it, with its merged ranges and the workbook's sheets. */
export interface SheetGrid {
  readonly sheet: string
  /** Every sheet of the workbook, in order. */
  readonly sheets: ReadonlyArray<string>
  /** The rows from row 1, each from column A; values as read (see NumberText). */
  readonly rows: unknown[][]
  readonly ranges: ReadonlyArray<Range>
}

/**
 * Opens the workbook at `path` and reads its sheet. Problems are passed to `report`; duplicate
 * header labels are left to the header's check against the manifest (`checkHeader`).
 */
export const readXlsx = async (
  path: string,
  file: string,
  options: XlsxOptions,
  report: (p: Problem) => void,
): Promise<XlsxSource | undefined> => {
  const grid = await openSheet(path, file, options.sheet, report)
  return grid === undefined ? undefined : sheetSource(grid, options, file, report)
}

/** The sheet named (the first without a name) of the workbook at `path`, or undefined with a problem. */
export const openSheet = async (
  path: string,
  file: string,
  name: string | undefined,
  report: (p: Problem) => void,
): Promise<SheetGrid | undefined> => {
  const stop = (p: Problem) => {
    report(p)
    return undefined
  }
  const bytes = await readWhole(path, file, MAX_FILE_BYTES, SAVE_AS_CSV)
  if (!(bytes instanceof Uint8Array)) return stop(bytes)
  const opened = openParts(bytes, file, name)
  if (!opened.ok) return stop(opened.problem)
  const { sheet } = opened
  let rows: unknown[][]
  try {
    rows = await readSheet<unknown>(opened.workbook, sheet, { parseNumber: (s) => new NumberText(s), trim: false })
  } catch (e) {
    return stop(
      notReadable(
        file,
        `the sheet ${JSON.stringify(sheet)} could not be read (${e instanceof Error ? e.message : String(e)})`,
      ),
    )
  }
  return { sheet, sheets: opened.sheets, rows, ranges: opened.merged }
}

/** Each cell's text, trimmed and composed (NFC), as `sheetSource` reads it with a decimal point; "" when empty. */
export const gridText = (grid: SheetGrid): string[][] =>
  grid.rows.map((row) => Array.from(row, (v) => cleanText(cellText(v, "."))))

/**
 * The sheet's grid as a header and records: merged cells filled, empty columns and rows left
 * out, and nothing below the last row declared (a notes block) read at all.
 */
export const sheetSource = (
  grid: SheetGrid,
  options: XlsxOptions,
  file: string,
  report: (p: Problem) => void,
): XlsxSource | undefined => {
  const { sheet, ranges } = grid
  const rows = options.lastRow === undefined ? grid.rows : grid.rows.slice(0, options.lastRow)
  const headerRow = options.headerRow ?? 1
  const separator = options.decimalSeparator ?? "."
  const width = rows.reduce((n, r) => Math.max(n, r.length), 0)
  const at = (row: number, column: number): unknown => rows[row - 1]?.[column - 1] ?? null
  const text = (row: number, column: number): string => cellText(at(row, column), separator)
  if (rows.length < headerRow) {
    report(
      problem({
        code: rows.length === 0 ? "file/empty" : "file/no-rows",
        file,
        sheet,
        message:
          rows.length === 0
            ? "the sheet is empty: expected a header row and at least one record"
            : `the sheet's last row with values is ${rows.length}, above the header row ${headerRow}`,
      }),
    )
    return undefined
  }
  // A merged range below the header shows its first cell's value in every cell it covers.
  for (const r of ranges.filter((x) => x.top > headerRow)) {
    const first = at(r.top, r.left)
    for (let row = r.top; row <= Math.min(r.bottom, rows.length); row++)
      for (let column = r.left; column <= Math.min(r.right, width); column++) rows[row - 1]![column - 1] = first
  }
  const headerRanges = ranges.filter((r) => r.top <= headerRow && headerRow <= r.bottom)
  const firstValueRow = (column: number): number | undefined => {
    for (let row = headerRow + 1; row <= rows.length; row++) if (cleanText(text(row, column)) !== "") return row
    return undefined
  }
  const labels = Array.from({ length: width }, (_, i) => {
    const column = i + 1
    const over = headerRanges.find((r) => r.left < column && column <= r.right)
    const own = headerRanges.find((r) => r.left === column)
    return { column, over, name: over === undefined ? cleanText(text(own?.top ?? headerRow, column)) : "" }
  })
  if (labels.every((l) => l.name === "")) {
    report(
      problem({
        code: "header/missing-label",
        file,
        sheet,
        line: headerRow,
        message: `the header row (row ${headerRow}) is empty: is the header row declared right?`,
      }),
    )
    return undefined
  }
  const header: Array<{ name: string; column: number }> = []
  for (const { column, over, name } of labels) {
    if (name !== "") {
      header.push({ name, column })
      continue
    }
    const row = firstValueRow(column)
    if (row === undefined) continue
    const letter = columnLetters(column)
    report(
      problem({
        code: "header/missing-label",
        file,
        sheet,
        line: headerRow,
        column,
        value: text(row, column),
        message:
          over === undefined
            ? `column ${letter} has values (the first in row ${row}) but no label in the header row`
            : `the header cell ${over.ref} is merged over column ${letter}, which has values (the first in row ${row}); unmerge it and give each column a label of its own`,
      }),
    )
  }
  const records: SourceRecord[] = []
  for (let row = headerRow + 1; row <= rows.length; row++) {
    const cells: SourceCell[] = header.map((h) => ({
      name: h.name,
      column: h.column,
      line: row,
      value: text(row, h.column),
    }))
    if (cells.some((c) => cleanText(c.value ?? "") !== "")) records.push({ line: row, cells })
  }
  if (records.length === 0)
    report(
      problem({
        code: "file/no-rows",
        file,
        sheet,
        line: headerRow,
        message: "the sheet has a header row but no records",
      }),
    )
  return { sheet, header, records, sheets: grid.sheets }
}
