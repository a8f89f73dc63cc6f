/**
 * An Excel file given to `pipeline add`: its sheet (the only one, or the one named with
 * --sheet) and its header row (given with --header-row, or the first of the first rows that
 * labels every column holding values below it), read as a table for the description.
 */
import type { Workbook } from "../describe/describe-delivery.ts"
import { guess, question, type Question } from "../describe/evidence.ts"
import type { Problem } from "../problems/problem.ts"
import { type XlsxSource, readXlsx } from "../read/read-xlsx.ts"

/** Whether the bytes are a zip archive, as an .xlsx file is. */
export const isWorkbook = (bytes: Uint8Array): boolean => [...bytes.subarray(0, 4)].join() === "80,75,3,4"

/** How far down a header row is looked for. */
const HEADER_ROWS = 20

const tableOf = (source: XlsxSource, headerRow: number, evidence: ReturnType<typeof guess>[]): Workbook => ({
  sheet: source.sheet,
  headerRow,
  guesses: evidence,
  header: source.header.map((h) => h.name),
  records: source.records.map((r) => source.header.map((h) => r.cells.find((c) => c.column === h.column)?.value ?? "")),
  lines: source.records.map((r) => r.line),
})

export const readWorkbook = async (
  path: string,
  options: { readonly sheet: string | undefined; readonly headerRow: number | undefined },
): Promise<{
  readonly workbook?: Workbook
  readonly questions: ReadonlyArray<Question>
  readonly problems: ReadonlyArray<Problem>
}> => {
  const problems: Problem[] = []
  const first = await readXlsx(
    path,
    path,
    { ...(options.sheet === undefined ? {} : { sheet: options.sheet }), headerRow: options.headerRow ?? 1 },
    (p) => problems.push(p),
  )
  const sheets = first?.sheets ?? []
  if (first === undefined && problems.some((p) => p.code === "file/xlsx" || p.code === "file/sheet"))
    return { questions: [], problems }
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
    JSON.stringify(first?.sheet ?? options.sheet ?? ""),
    options.sheet === undefined ? "the workbook's only sheet" : "given with --sheet",
  )
  if (options.headerRow !== undefined) {
    if (first === undefined || problems.length > 0) return { questions: [], problems }
    return {
      workbook: tableOf(first, options.headerRow, [
        sheetGuess,
        guess("header row", String(options.headerRow), "given with --header-row"),
      ]),
      questions: [],
      problems: [],
    }
  }
  for (let row = 1; row <= HEADER_ROWS; row++) {
    const found: Problem[] = []
    const source =
      row === 1 && problems.length === 0
        ? first
        : await readXlsx(path, path, { sheet: first?.sheet ?? sheets[0] ?? "", headerRow: row }, (p) => found.push(p))
    if (source === undefined || found.length > 0 || (row === 1 && problems.length > 0)) continue
    if (source.header.length < 2 || source.records.length === 0) continue
    const evidence =
      row === 1
        ? "the first row labels every column"
        : `the first row that labels every column holding values below it; rows 1–${row - 1} above it are skipped`
    return {
      workbook: tableOf(source, row, [sheetGuess, guess("header row", String(row), evidence)]),
      questions: [],
      problems: [],
    }
  }
  return {
    questions: [
      question(
        "--header-row",
        `no row among the first ${HEADER_ROWS} labels every column that holds values below it: which row names the columns?`,
        "--header-row 3",
      ),
    ],
    problems: [],
  }
}
