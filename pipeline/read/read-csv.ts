/**
 * Reads a CSV delivery in its declared dialect into located string records. Structural faults
 * (quotes, ragged rows, mixed line endings, an empty file) become problems; the records that
 * are whole go on.
 */
import type { ResolvedDialect } from "../contract/manifest-schema.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { CsvTokenizer, type CsvFault, type CsvRow } from "./csv-tokenizer.ts"
import { MAX_CELL_LENGTH } from "../shared/limits.ts"
import { cleanText } from "../shared/text.ts"
import { decodeText } from "./decode-text.ts"
import type { SourceRecord } from "../contract/source-record.ts"

export interface CsvSource {
  readonly header: ReadonlyArray<{ readonly name: string; readonly column: number }>
  readonly records: AsyncIterable<SourceRecord>
}

/** Column names of a header row, cleaned as the manifest's names are, so the two compare. */
export const headerLabels = (row: CsvRow): string[] => row.fields.map((f) => cleanText(f.value))

const ENDING_NAMES: Record<string, string> = { "\r\n": "CRLF", "\n": "LF", "\r": "CR" }

const faultProblem = (f: CsvFault, file: string, header: ReadonlyArray<string>): Problem =>
  f.kind === "too-long"
    ? problem({
        code: "cell/too-long",
        file,
        line: f.line,
        column: f.field,
        columnName: header[f.field - 1],
        value: f.value,
        message: `the field holds more than the ${MAX_CELL_LENGTH} characters a cell may hold, and is read no further; a quote left open swallows the lines after it`,
      })
    : quoteProblem(f, file, header)

const quoteProblem = (f: Exclude<CsvFault, { kind: "too-long" }>, file: string, header: ReadonlyArray<string>) =>
  problem({
    code: "source/quote",
    file,
    line: f.line,
    column: f.field,
    columnName: header[f.field - 1],
    ...(f.kind === "unclosed-quote" ? {} : { value: f.value }),
    message:
      f.kind === "unclosed-quote"
        ? `a quote opens at character ${f.column} and is never closed; the rest of the file is swallowed by it`
        : f.kind === "stray-quote"
          ? `a quote character inside an unquoted field (character ${f.column}); quote the whole field and double the quote`
          : `text follows a closing quote (character ${f.column}); a quoted field must end at the quote`,
  })

/**
 * Opens a CSV delivery: reads the header row, then yields records lazily. Problems are passed
 * to `report` as they are met.
 */
export async function openCsv(
  path: string,
  file: string,
  dialect: ResolvedDialect,
  report: (p: Problem) => void,
): Promise<CsvSource | undefined> {
  const tokenizer = new CsvTokenizer(dialect.delimiter, dialect.quote)
  const chunks = decodeText(path, dialect.encoding, file, dialect)[Symbol.asyncIterator]()
  // The rows of the last chunk, read from `next` on.
  let pending: CsvRow[] = []
  let next = 0
  let done = false
  let faults = 0
  let headerNames: string[] = []
  const pull = async (): Promise<CsvRow | undefined> => {
    while (next === pending.length && !done) {
      const chunk = await chunks.next()
      done = chunk.done === true
      pending = chunk.done ? tokenizer.end() : tokenizer.push(chunk.value)
      next = 0
      // Reported and let go, so a file with a fault on every line holds none of them.
      for (const f of tokenizer.faults.splice(0)) {
        faults++
        report(faultProblem(f, file, headerNames))
      }
    }
    return next < pending.length ? pending[next++] : undefined
  }

  const first = await pull()
  if (first === undefined) {
    if (faults === 0)
      report(
        problem({
          code: "file/empty",
          file,
          line: 1,
          column: 1,
          message: "the file is empty: expected a header row and at least one record",
        }),
      )
    return undefined
  }
  headerNames = headerLabels(first)
  const header = headerNames.map((name, i) => ({ name, column: i + 1 }))
  const style = first.ending
  const headerLine = first.line
  const width = first.width

  async function* records(): AsyncGenerator<SourceRecord> {
    let count = 0
    let endingReported = false
    for (let row = await pull(); row !== undefined; row = await pull()) {
      count++
      if (!endingReported && row.ending !== "" && style !== "" && row.ending !== style) {
        endingReported = true
        report(
          problem({
            code: "file/line-ending",
            file,
            line: row.line,
            message: `this line ends with ${ENDING_NAMES[row.ending]} but the file's first line ends with ${ENDING_NAMES[style]}; save the file with one kind of line ending`,
          }),
        )
      }
      if (row.width !== width) {
        const extra = row.width > width
        // Point at the first cell beyond the header (if kept), or at the first field the row lacks.
        const beyond = extra ? row.fields[width] : undefined
        report(
          problem({
            code: extra ? "row/extra-cell" : "row/missing-cell",
            file,
            line: (beyond ?? row.fields[row.fields.length - 1]!).line,
            column: extra ? width + 1 : row.width + 1,
            columnName: extra ? undefined : headerNames[row.width],
            value: beyond?.value,
            message: `the record has ${row.width} fields but the header has ${width}`,
          }),
        )
        continue
      }
      yield {
        line: row.line,
        cells: row.fields.map((f, i) => ({ name: headerNames[i]!, column: i + 1, line: f.line, value: f.value })),
      }
    }
    if (count === 0 && faults === 0) {
      report(
        problem({ code: "file/no-rows", file, line: headerLine, message: "the file has a header row but no records" }),
      )
    }
  }
  return { header, records: records() }
}
