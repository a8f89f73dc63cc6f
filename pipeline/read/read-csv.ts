/**
 * Reads a CSV delivery in its declared dialect into located string records. Structural faults
 * (quotes, ragged rows, mixed line endings, an empty file) become problems; the records that
 * are whole go on.
 */
import type { ResolvedDialect } from "../contract/manifest-schema.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { CsvTokenizer, type CsvFault, type CsvRow } from "./csv-tokenizer.ts"
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
  const pending: CsvRow[] = []
  let done = false
  let faultsSeen = 0
  let headerNames: string[] = []
  const pull = async (): Promise<CsvRow | undefined> => {
    while (pending.length === 0 && !done) {
      const next = await chunks.next()
      if (next.done) {
        done = true
        pending.push(...tokenizer.end())
      } else pending.push(...tokenizer.push(next.value))
      for (; faultsSeen < tokenizer.faults.length; faultsSeen++)
        report(faultProblem(tokenizer.faults[faultsSeen]!, file, headerNames))
    }
    return pending.shift()
  }

  const first = await pull()
  if (first === undefined) {
    if (tokenizer.faults.length === 0)
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
      if (row.fields.length !== header.length) {
        const extra = row.fields.length > header.length
        // Point at the first cell beyond the header, or at the first field the row lacks.
        const at = extra ? row.fields[header.length]! : row.fields[row.fields.length - 1]!
        report(
          problem({
            code: extra ? "row/extra-cell" : "row/missing-cell",
            file,
            line: at.line,
            column: extra ? header.length + 1 : row.fields.length + 1,
            columnName: extra ? undefined : headerNames[row.fields.length],
            value: extra ? at.value : undefined,
            message: `the record has ${row.fields.length} fields but the header has ${header.length}`,
          }),
        )
        continue
      }
      yield {
        line: row.line,
        cells: row.fields.map((f, i) => ({ name: headerNames[i]!, column: i + 1, line: f.line, value: f.value })),
      }
    }
    if (count === 0 && tokenizer.faults.length === 0) {
      report(
        problem({ code: "file/no-rows", file, line: headerLine, message: "the file has a header row but no records" }),
      )
    }
  }
  return { header, records: records() }
}
