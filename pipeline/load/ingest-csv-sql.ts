/**
 * A CSV delivery read by DuckDB: a byte scan proves the file plain and maps records to lines;
 * DuckDB parses it as text, the normalization runs as SQL derived from the plan and the
 * schema, and each row it flags is explained by normalizeRecord with its line and column.
 * Returns undefined when the file is not plain: the tokenizer then reads it and locates every
 * fault.
 */
import { createReadStream } from "node:fs"
import { join } from "node:path"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import { rowChecksSql } from "../../schemas/derive/sql-checks.ts"
import type { ResolvedDialect } from "../contract/manifest-schema.ts"
import type { Problem } from "../problems/problem.ts"
import { EncodingGuard } from "../read/decode-text.ts"
import { CsvScanner, type ScanResult } from "../read/csv-scan.ts"
import { edgeBytes } from "../read/edge-bytes.ts"
import { CsvTokenizer } from "../read/csv-tokenizer.ts"
import { headerLabels } from "../read/read-csv.ts"
import { decodeWindows1252, textDecoder } from "../read/windows-1252.ts"
import type { SourceRecord } from "../contract/source-record.ts"
import { checkHeader, headerStops } from "../normalize/delivery-plan.ts"
import { TRIMMED } from "../shared/text.ts"
import { normalizeRecord, type NormalizeContext } from "../normalize/normalize-row.ts"
import { thousandsSeparators } from "../normalize/sql-cells.ts"
import { normalizationSql } from "../normalize/sql-normalize.ts"
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
  ctx: NormalizeContext,
  cap: number,
  report: (p: Problem) => void,
  countUnlisted: (n: number) => void,
): Promise<SqlIngestResult | undefined> => {
  const { plan } = ctx
  const { delivery, dataset, dialect } = plan
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

  const sourceColumns = new Map(kept)
  const sql = normalizationSql(
    plan,
    {
      sourceColumns,
      translateC1: dialect.encoding === "windows-1252" && scan.hasC1Bytes,
      nfc: scan.hasCombiningMarks,
      untrimmed: new Set(kept.filter(([name]) => !scan.edgeFields[names.indexOf(name)]).map(([, c]) => c)),
      ungrouped: new Set(kept.filter(([name]) => !scan.innerFields[names.indexOf(name)]).map(([, c]) => c)),
      firstLine: scan.lineMap.length === 1 ? scan.lineMap[0]![1] : undefined,
    },
    rowChecksSql(dataset),
  )
  for (const lookup of sql.lookups) await db.run(lookup.sql)
  // Every row goes into the dataset's table at once; the ones that fail carry _bad and their cells.
  const table = q(dataset.name)
  const columns = columnsOf(dataset)
    .map((c) => q(c.name))
    .join(", ")
  await db.run(`INSERT INTO ${table} (${columns}, _file, _line, _cols, _bad, _raw)
    SELECT ${columns}, ${sqlString(delivery.file)}, _line, NULL, _bad, _raw FROM (${sql.select})`)
  const thisFile = `_file = ${sqlString(delivery.file)}`

  const [{ bad }] = (await db.rows(`SELECT count(*) AS bad FROM ${table} WHERE _bad AND ${thisFile}`)) as [
    { bad: unknown },
  ]
  const rowsRejected = Number(bad)
  if (rowsRejected > 0) {
    const rows = await db.rows(
      `SELECT _line, _raw FROM ${table} WHERE _bad AND ${thisFile} ORDER BY _line LIMIT ${cap}`,
    )
    for (const row of rows) {
      const line = Number(row["_line"])
      const values = (row["_raw"] as Array<string | null>).map((v) => v ?? "")
      // A cell starts as many lines below the record's first as the line breaks before it.
      let below = 0
      const cells = kept.map(([name], i) => {
        const cell = { name, column: names.indexOf(name) + 1, line: line + below, value: values[i]! }
        below += values[i]!.split("\n").length - 1
        return cell
      })
      const record: SourceRecord = { line, cells }
      const explained = normalizeRecord(record, ctx).problems
      if (explained.length === 0) {
        throw new Error(
          `${ctx.file}:${line}: the bulk check refused this row but the row check finds nothing wrong with it`,
        )
      }
      explained.forEach(report)
    }
    // Rows past the cap are counted, not explained.
    countUnlisted(rowsRejected - rows.length)
  }
  if (sql.corrections !== undefined) {
    const at = new Map(header.map((h) => [h.name, h.column]))
    await db.run(
      `INSERT INTO corrections SELECT ${sqlString(dataset.name)}, ${sqlString(delivery.file)}, c.cell_line,
        CASE c.column_name ${[...at].map(([name, col]) => `WHEN ${sqlString(name)} THEN ${col}`).join(" ")} END, c.column_name, c.field, c.source_value, c.new_value, c.reason
       FROM (${sql.corrections}) c
       WHERE c._line NOT IN (SELECT _line FROM ${table} WHERE _bad AND ${thisFile})`,
    )
  }
  if (rowsRejected > 0) await db.run(`DELETE FROM ${table} WHERE _bad AND ${thisFile}`)
  await db.run(
    `DROP TABLE src; DROP TABLE IF EXISTS line_map; ${sql.lookups.map((l) => `DROP TABLE ${l.table};`).join(" ")}`,
  )
  return { rowsRead: scan.records, rowsRejected, header }
}
