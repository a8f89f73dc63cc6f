/**
 * An Excel file given to `pipeline add`: its sheet (the only one, or the one named with
 * --sheet), and its table found on it (pipeline/describe/sheet-table.ts: the header row below
 * the titles, the last row above the notes, or as given with --header-row and --last-row), read
 * as a build reads it for the description.
 */
import type { Workbook } from "../describe/describe-delivery.ts"
import { guess, question, type Question } from "../describe/evidence.ts"
import { findSheetTable, type SheetTable } from "../describe/sheet-table.ts"
import type { Problem } from "../problems/problem.ts"
import { gridText, openSheet, sheetSource, type XlsxSource } from "../read/read-xlsx.ts"
import { workbookMagic } from "../read/workbook-magic.ts"

/** Whether the bytes are a zip archive, as an .xlsx file is. */
export const isWorkbook = (bytes: Uint8Array): boolean => workbookMagic(bytes) === "xlsx"

/** `--header-row` and `--last-row` as row numbers, or what is wrong with them. */
export const rowFlags = (values: {
  readonly "header-row"?: unknown
  readonly "last-row"?: unknown
}): { readonly headerRow: number | undefined; readonly lastRow: number | undefined } | string => {
  const row = (flag: "header-row" | "last-row", least: number) => {
    const n = values[flag] === undefined ? undefined : Number(values[flag])
    return n === undefined || (Number.isInteger(n) && n >= least) ? n : `--${flag} takes a row number, ${least} or more`
  }
  const [headerRow, lastRow] = [row("header-row", 1), row("last-row", 2)]
  if (typeof headerRow === "string") return headerRow
  if (typeof lastRow === "string") return lastRow
  return { headerRow, lastRow }
}

const tableOf = (source: XlsxSource, table: SheetTable, evidence: ReturnType<typeof guess>[]): Workbook => ({
  sheet: source.sheet,
  headerRow: table.headerRow,
  ...(table.lastRow === undefined ? {} : { lastRow: table.lastRow }),
  guesses: evidence,
  header: source.header.map((h) => h.name),
  columns: source.header.map((h) => h.column),
  records: source.records.map((r) => source.header.map((h) => r.cells.find((c) => c.column === h.column)?.value ?? "")),
  lines: source.records.map((r) => r.line),
})

export const readWorkbook = async (
  path: string,
  options: {
    readonly sheet: string | undefined
    readonly headerRow: number | undefined
    readonly lastRow: number | undefined
  },
): Promise<{
  readonly workbook?: Workbook
  readonly questions: ReadonlyArray<Question>
  readonly problems: ReadonlyArray<Problem>
}> => {
  const problems: Problem[] = []
  const grid = await openSheet(path, path, options.sheet, (p) => problems.push(p))
  if (grid === undefined) return { questions: [], problems }
  const { sheets } = grid
  if (options.sheet === undefined && sheets.length > 1)
    return {
      questions: [
        question(
          "--sheet",
          `the workbook has ${sheets.length} sheets (${sheets.map((s) => JSON.stringify(s)).join(", ")}): which holds the delivery?`,
          `--sheet ${JSON.stringify(sheets[0])}`,
        ),
      ],
      problems: [],
    }
  const sheetGuess = guess(
    "sheet",
    JSON.stringify(grid.sheet),
    options.sheet === undefined ? "the workbook's only sheet" : "given with --sheet",
  )
  const found = findSheetTable(gridText(grid), options)
  if (found.table === undefined) return { questions: found.questions, problems: [] }
  const { headerRow, lastRow } = found.table
  const source = sheetSource(grid, { headerRow, ...(lastRow === undefined ? {} : { lastRow }) }, path, (p) =>
    problems.push(p),
  )
  if (source === undefined || problems.length > 0) return { questions: [], problems }
  return { workbook: tableOf(source, found.table, [sheetGuess, ...found.table.guesses]), questions: [], problems: [] }
}
