/**
 * A CSV delivery read by DuckDB: a byte scan proves the file plain and maps records to lines;
 * DuckDB parses it as text into the staged table `src`, and the one normalization runs over
 * it (apply-normalization.ts), each refused cell located by its line and column.
 * Returns undefined when the file is not plain: the tokenizer then reads it and locates every
 * fault.
 */
import { createReadStream } from "node:fs"
import { join } from "node:path"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import type { ResolvedDialect } from "../contract/manifest-schema.ts"
import type { Problem } from "../problems/problem.ts"
import { EncodingGuard } from "../read/decode-text.ts"
import { CsvScanner, type ScanResult } from "../read/csv-scan.ts"
import { edgeBytes } from "../read/edge-bytes.ts"
import { CsvTokenizer } from "../read/csv-tokenizer.ts"
import { headerLabels } from "../read/read-csv.ts"
import { decodeWindows1252, textDecoder } from "../read/windows-1252.ts"
import { checkHeader, headerStops } from "../normalize/delivery-plan.ts"
import { TRIMMED } from "../shared/text.ts"
import { thousandsSeparators } from "../normalize/sql-cells.ts"
import { applyNormalization, type DeliveryContext } from "./apply-normalization.ts"
import type { Database } from "../db/duckdb.ts"

export interface SqlIngestResult {
  readonly rowsRead: number
  readonly rowsRejected: number
  readonly header: ReadonlyArray<{ name: string; column: number }>
}

const DECODE_BYTE = {
  "utf-8": undefined,
  "windows-1252": (b: number) => decodeWindows1252(Uint8Array.of(b)),
}

/** The bytes that may begin or end a character cleanText trims, per encoding. */
const TRIM_EDGES = {
  "utf-8": edgeBytes(TRIMMED),
  "windows-1252": edgeBytes(TRIMMED, DECODE_BYTE["windows-1252"]),
}

/**
 * One streaming pass: structure, line map, whether the bytes fit the declared encoding, which
 * columns have values to trim, and which hold a byte that may end one of `separators`.
 */
const scanFile = async (
  path: string,
  dialect: ResolvedDialect,
  separators: ReadonlyArray<string>,
): Promise<ScanResult & { encodingOk: boolean }> => {
  const inner = edgeBytes(separators.join(""), DECODE_BYTE[dialect.encoding]).last
  const scanner = new CsvScanner(dialect.delimiter.charCodeAt(0), dialect.quote.charCodeAt(0), {
    edges: TRIM_EDGES[dialect.encoding],
    inner,
  })
  const guard = new EncodingGuard(dialect.encoding)
  for await (const read of createReadStream(path, { highWaterMark: 1 << 20 })) {
    scanner.push(read as Buffer)
    guard.push(read as Buffer)
  }
  return { ...scanner.end(), encodingOk: guard.end() }
}

/** The header row, read by the tokenizer from the start of the file. */
const readHeader = async (path: string, dialect: ResolvedDialect): Promise<string[]> => {
  const tokenizer = new CsvTokenizer(dialect.delimiter, dialect.quote)
  const decoder = textDecoder(dialect.encoding)
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    const [row] = tokenizer.push(decoder.decode(chunk as Buffer, { stream: true }))
    if (row !== undefined) return headerLabels(row)
  }
  const [row] = tokenizer.end()
  return row === undefined ? [] : headerLabels(row)
}

export const ingestCsvWithSql = async (
  db: Database,
  rawDir: string,
  ctx: DeliveryContext,
  cap: number,
  report: (p: Problem) => void,
  countUnlisted: (n: number) => void,
): Promise<SqlIngestResult | undefined> => {
  const { plan } = ctx
  const { delivery, dialect } = plan
  const path = join(rawDir, delivery.file)
  const names = await readHeader(path, dialect)
  const srcColumns = names.map((_, i) => `c${i + 1}`)
  await db.run(`DROP TABLE IF EXISTS src; DROP TABLE IF EXISTS line_map`)
  // Columns declared personal or ignored are parsed past, never stored: nothing later sees them.
  const kept = names.map((name, i) => [name, srcColumns[i]!] as const).filter(([name]) => !plan.dropped.has(name))
  // The byte scan (JavaScript) and DuckDB's parse (its own threads) run at the same time.
  const parsed = db
    .run(
      `CREATE TEMP TABLE src AS SELECT ${kept.length === 0 ? "NULL AS c0" : kept.map(([, c]) => c).join(", ")} FROM read_csv(${sqlString(path)}, header = true, auto_detect = false, strict_mode = true,
        delim = ${sqlString(dialect.delimiter)}, quote = ${sqlString(dialect.quote)}, escape = ${sqlString(dialect.quote)},
        encoding = ${sqlString(dialect.encoding === "utf-8" ? "utf-8" : "latin-1")},
        columns = {${srcColumns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(", ")}})`,
    )
    .then(
      () => true,
      () => false,
    )
  const [scan, parsedOk] = await Promise.all([scanFile(path, dialect, thousandsSeparators(plan)), parsed])
  // A line break in a column that is dropped unread would shift the lines of the cells after
  // it, which the bulk path counts from the cells it keeps: the tokenizer locates those.
  const droppedSpansLines = names.some((name, i) => plan.dropped.has(name) && scan.multilineFields[i] === true)
  if (!scan.plain || !scan.encodingOk || !parsedOk || names.length === 0 || droppedSpansLines) {
    await db.run(`DROP TABLE IF EXISTS src`)
    return undefined
  }
  const header = names.map((name, i) => ({ name, column: i + 1 }))
  const headerProblems = checkHeader(plan, header, ctx.file, 1)
  headerProblems.forEach(report)
  if (headerStops(headerProblems)) {
    await db.run(`DROP TABLE src`)
    return { rowsRead: 0, rowsRejected: 0, header }
  }
  const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM src`)) as [{ n: unknown }]
  if (Number(n) !== scan.records) {
    // DuckDB split the file otherwise than the scan: let the tokenizer read it.
    await db.run(`DROP TABLE src`)
    return undefined
  }
  await db.run(`CREATE TEMP TABLE line_map (ord BIGINT, line BIGINT)`)
  await db.run(`INSERT INTO line_map VALUES ${scan.lineMap.map(([o, l]) => `(${o}, ${l})`).join(", ")}`)
  const firstLine = scan.lineMap.length === 1 ? scan.lineMap[0]![1] : undefined
  // A cell stands as many lines below its record's first as there are line breaks in the cells
  // before it (a dropped column that spans lines sends the file to the tokenizer instead).
  const cellAt = (name: string | undefined) => {
    const at = kept.findIndex(([n]) => n === name)
    const before = kept.slice(0, Math.max(at, 0)).map(([, c]) => q(c))
    return {
      line: ["_line", ...before.map((c) => `coalesce(length(${c}) - length(replace(${c}, chr(10), '')), 0)`)].join(
        " + ",
      ),
      column: at < 0 ? "NULL" : String(names.indexOf(name!) + 1),
      name: at < 0 ? "NULL" : sqlString(name!),
    }
  }
  const rowsRejected = await applyNormalization({
    db,
    ctx,
    cap,
    sql: {
      sourceColumns: new Map(kept),
      translateC1: dialect.encoding === "windows-1252" && scan.hasC1Bytes,
      nfc: scan.hasCombiningMarks,
      untrimmed: new Set(kept.filter(([name]) => !scan.edgeFields[names.indexOf(name)]).map(([, c]) => c)),
      ungrouped: new Set(kept.filter(([name]) => !scan.innerFields[names.indexOf(name)]).map(([, c]) => c)),
      rows:
        firstLine !== undefined
          ? `(SELECT src.*, src.rowid AS _ord, src.rowid + ${firstLine} AS _line, NULL::VARCHAR AS _cols FROM src)`
          : `(SELECT src.*, src.rowid AS _ord, m.line + (src.rowid - m.ord) AS _line, NULL::VARCHAR AS _cols FROM src ASOF JOIN line_map m ON src.rowid >= m.ord)`,
      cellAt,
    },
    recordOf: (refusal, line) => {
      const values = refusal.raw.map((v) => v ?? "")
      // A cell starts as many lines below the record's first as the line breaks before it.
      let below = 0
      const cells = kept.map(([name], i) => {
        const cell = { name, column: names.indexOf(name) + 1, line: line + below, value: values[i]! }
        below += values[i]!.split("\n").length - 1
        return cell
      })
      return { line, cells }
    },
    report: (problems) => problems.forEach(report),
    countUnlisted,
  })
  await db.run(`DROP TABLE src; DROP TABLE IF EXISTS line_map`)
  return { rowsRead: scan.records, rowsRejected, header }
}
