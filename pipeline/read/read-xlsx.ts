/**
 * Reads one sheet of an Excel workbook (.xlsx) into located string records: the row is the
 * line and the column number the field. Merged cells read as a user sees them. A file that is
 * not a workbook, or a sheet it does not have, is a problem, never a throw.
 */
import { readFile } from "node:fs/promises"
import { strFromU8, unzipSync } from "fflate"
import { readSheet } from "read-excel-file/node"
import type { SourceCell, SourceRecord } from "../contract/source-record.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { columnLetters } from "../problems/render.ts"
import { cleanText } from "../shared/text.ts"
import { workbookMagic } from "./workbook-magic.ts"
import { cellText, NumberText } from "./xlsx-cell-text.ts"

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

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }
const unescapeXml = (s: string): string =>
  s.replace(/&(?:#(x?)([0-9a-f]+)|([a-z]+));/giu, (whole, hex: string, code?: string, name?: string) =>
    code === undefined ? (XML_ENTITIES[name!] ?? whole) : String.fromCodePoint(Number.parseInt(code, hex ? 16 : 10)),
  )

/** The attributes of every element named `name` (any namespace prefix) in the XML. */
const elements = (xml: string, name: string): Array<Map<string, string>> =>
  [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*)>`, "gu"))].map(
    (m) =>
      new Map(
        [...m[1]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu)].map((a) => [
          a[1]!,
          unescapeXml(a[2] ?? a[3] ?? ""),
        ]),
      ),
  )

/** The workbook's sheets in order, each with the zip path of its XML part. */
const sheetParts = (parts: Record<string, Uint8Array>): Array<{ name: string; path: string | undefined }> => {
  const workbook = parts["xl/workbook.xml"]
  const rels = parts["xl/_rels/workbook.xml.rels"]
  const targets = new Map(
    elements(rels === undefined ? "" : strFromU8(rels), "Relationship").map((a) => {
      const target = a.get("Target") ?? ""
      return [a.get("Id"), target.startsWith("/") ? target.slice(1) : `xl/${target}`] as const
    }),
  )
  return elements(workbook === undefined ? "" : strFromU8(workbook), "sheet").map((a) => {
    const id = [...a].find(([k]) => k.endsWith(":id"))?.[1]
    return { name: a.get("name") ?? "", path: targets.get(id) }
  })
}

interface Range {
  readonly ref: string
  readonly top: number
  readonly left: number
  readonly bottom: number
  readonly right: number
}

/** The merged ranges of a sheet's XML: `<mergeCell ref="B3:D3"/>`. */
const mergedRanges = (xml: string): Range[] =>
  elements(xml, "mergeCell").flatMap((a) => {
    const ref = a.get("ref") ?? ""
    const ends = ref.split(":").map((end) => /^\$?([A-Z]{1,3})\$?([0-9]+)$/iu.exec(end))
    const from = ends[0]
    const to = ends[1] ?? from
    if (from == null || to == null) return []
    const column = (letters: string) => [...letters.toUpperCase()].reduce((n, l) => n * 26 + l.charCodeAt(0) - 64, 0)
    return [{ ref, top: Number(from[2]), left: column(from[1]!), bottom: Number(to[2]), right: column(to[1]!) }]
  })

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
  const bytes = await readFile(path)
  const refuse = (reason: string) => {
    report(
      problem({ code: "file/xlsx", file, message: `the file is not a readable Excel workbook (.xlsx): ${reason}` }),
    )
    return undefined
  }
  if (workbookMagic(bytes) === "xls")
    return refuse("it is an old Excel workbook (.xls) or one with a password; save it as .xlsx without a password")
  const wanted = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels"])
  let parts: Record<string, Uint8Array>
  try {
    parts = unzipSync(bytes, { filter: (f) => wanted.has(f.name) })
  } catch {
    return refuse("it is not a zip archive, as an .xlsx file is (is it a CSV file renamed?)")
  }
  if (parts["xl/workbook.xml"] === undefined) return refuse("the zip archive has no xl/workbook.xml")
  const sheets = sheetParts(parts)
  if (sheets.length === 0) return refuse("the workbook has no sheets")
  const chosen = name === undefined ? sheets[0] : sheets.find((s) => s.name === name)
  if (chosen === undefined) {
    report(
      problem({
        code: "file/sheet",
        file,
        value: name,
        message: `the workbook has no sheet ${JSON.stringify(name)}; its sheets are ${sheets.map((s) => JSON.stringify(s.name)).join(", ")}`,
      }),
    )
    return undefined
  }
  const sheet = chosen.name
  let rows: unknown[][]
  let ranges: Range[]
  try {
    rows = await readSheet<unknown>(bytes, sheet, { parseNumber: (s) => new NumberText(s), trim: false })
    const part = chosen.path === undefined ? undefined : unzipSync(bytes, { filter: (f) => f.name === chosen.path })
    const xml = part?.[chosen.path!]
    ranges = xml === undefined ? [] : mergedRanges(strFromU8(xml))
  } catch (e) {
    return refuse(
      `the sheet ${JSON.stringify(sheet)} could not be read (${e instanceof Error ? e.message : String(e)})`,
    )
  }
  return { sheet, sheets: sheets.map((s) => s.name), rows, ranges }
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
