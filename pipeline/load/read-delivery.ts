/**
 * Reads one delivery into its dataset's table: a plain CSV file by DuckDB (ingest-csv-sql.ts),
 * a source's file through its adapter, and JSON, workbooks and any CSV the byte scan does not
 * pass by the tokenizer and normalizeRecord one record at a time, streamed through a staging
 * file.
 */
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { PlannedDelivery as Delivery } from "../contract/source-declaration.ts"
import type { Problem } from "../problems/problem.ts"
import { asExcluded, isRowProblem } from "../problems/problem.ts"
import { onceEach } from "../problems/repeats.ts"
import { EncodingProblem } from "../read/decode-text.ts"
import { openCsv } from "../read/read-csv.ts"
import { readJson } from "../read/read-json.ts"
import { readXlsx } from "../read/read-xlsx.ts"
import type { SourceRecord } from "../contract/source-record.ts"
import {
  checkHeader,
  headerStops,
  checkJsonKeys,
  needsRecordReader,
  planDelivery,
  widen,
  type DeliveryPlan,
} from "../normalize/delivery-plan.ts"
import { StagedRows } from "./staged-tables.ts"
import { normalizeRecord, type NormalizeContext } from "../normalize/normalize-row.ts"
import { SOURCES } from "../sources/index.ts"
import { ingestAdapted } from "./ingest-adapted.ts"
import { ingestCsvWithSql } from "./ingest-csv-sql.ts"
import type { DeliveryStats, IngestOptions } from "./ingest.ts"

export type ReadResult = Pick<DeliveryStats, "rowsRead" | "rowsRejected" | "reader">

export const readDelivery = async (
  options: IngestOptions,
  /** The delivery's place in the manifest, naming its staging files. */
  n: number,
  dataset: DatasetDefinition,
  delivery: Delivery,
  context: Pick<NormalizeContext, "names" | "validate">,
  fieldColumns: Map<string, Map<string, { column: number; name: string }>>,
  sheets: Map<string, string>,
): Promise<ReadResult> => {
  const { db, workDir } = options
  const { names, validate } = context
  const plan = planDelivery(delivery, dataset)
  const file = options.label(delivery.file)
  const ctx: NormalizeContext = { plan, file, deliveryFile: delivery.file, names, validate }
  const exclude = delivery.invalidRows === "exclude"
  const report = (p: Problem) => options.report(exclude && isRowProblem(p) ? asExcluded(p) : p)
  const countUnlisted = (count: number) => options.countUnlisted(exclude ? "warning" : "error", count)
  let result: ReadResult
  const adapter = delivery.source === undefined ? undefined : SOURCES.get(delivery.source)?.adapter
  try {
    const viaSql =
      delivery.format === "csv" && adapter === undefined && !needsRecordReader(plan) && options.tokenizerOnly !== true
        ? await ingestCsvWithSql(db, options.rawDir, ctx, options.cap, report, countUnlisted)
        : undefined
    if (viaSql !== undefined) {
      fieldColumns.set(delivery.file, sourceColumns(plan, viaSql.header))
      result = { rowsRead: viaSql.rowsRead, rowsRejected: viaSql.rowsRejected, reader: "duckdb" }
    } else if (adapter !== undefined) {
      const staged = new StagedRows(join(workDir, `${n}-${dataset.name}.ndjson`), dataset)
      const read = await ingestAdapted({
        rawDir: options.rawDir,
        ctx,
        delivery,
        adapter,
        report,
        reportFile: options.report,
        stage: (row, line, corrections) =>
          staged.add({ ...row, _file: delivery.file, _line: line, _cols: null }, corrections),
      })
      await staged.load(db)
      result = { ...read, reader: "adapter" }
    } else {
      const staged = new StagedRows(join(workDir, `${n}.ndjson`), dataset)
      result = await ingestRecordByRecord(options, ctx, delivery, staged, report, fieldColumns, sheets)
      await staged.load(db)
    }
  } catch (e) {
    if (!(e instanceof EncodingProblem)) throw e
    options.report(e.problem)
    result = { rowsRead: 0, rowsRejected: 0, reader: delivery.format === "csv" ? "tokenizer" : delivery.format }
  }
  return result
}

/** The tokenizer (CSV) or the JSON parser, then normalizeRecord, one record at a time. */
const ingestRecordByRecord = async (
  options: IngestOptions,
  ctx: NormalizeContext,
  delivery: Delivery,
  staged: StagedRows,
  report: (p: Problem) => void,
  fieldColumns: Map<string, Map<string, { column: number; name: string }>>,
  sheets: Map<string, string>,
) => {
  const { plan, file } = ctx
  let rowsRead = 0
  let rowsRejected = 0
  const consume = async (record: SourceRecord, reportRow: (p: Problem) => void = report) => {
    rowsRead++
    const result = normalizeRecord(record, ctx)
    for (const p of result.problems) reportRow(p)
    if (result.row === undefined) {
      rowsRejected++
      return
    }
    await staged.add(
      {
        ...result.row,
        _file: delivery.file,
        _line: record.line,
        _cols: delivery.format === "json" || plan.wide !== undefined ? fieldPositions(record, plan) : null,
      },
      result.corrections,
    )
  }
  /** A source record's records (one per column of a wide layout), its problems said once each. */
  const consumeAll = async (records: ReadonlyArray<SourceRecord>, reportRow: (p: Problem) => void = report) => {
    if (records.length === 1) return consume(records[0]!, reportRow)
    const problems: Problem[] = []
    for (const r of records) await consume(r, (p) => problems.push(p))
    for (const p of onceEach(problems, "value column of the row")) reportRow(p)
  }
  if (delivery.format === "csv") {
    const source = await openCsv(join(options.rawDir, delivery.file), file, plan.dialect, report)
    if (source !== undefined) {
      fieldColumns.set(delivery.file, sourceColumns(plan, source.header))
      const headerProblems = checkHeader(plan, source.header, file, 1)
      headerProblems.forEach(options.report)
      if (!headerStops(headerProblems)) {
        for await (const record of source.records) await consumeAll(widen(dropColumns(record, plan), plan))
      }
    }
  } else if (delivery.format === "xlsx") {
    const { dialect } = plan
    const source = await readXlsx(
      join(options.rawDir, delivery.file),
      file,
      {
        headerRow: dialect.headerRow,
        ...(dialect.lastRow === undefined ? {} : { lastRow: dialect.lastRow }),
        decimalSeparator: dialect.decimalSeparator,
        ...(dialect.sheet === undefined ? {} : { sheet: dialect.sheet }),
      },
      options.report,
    )
    if (source !== undefined) {
      sheets.set(file, source.sheet)
      const inSheet = (p: Problem): Problem =>
        p.file === file && p.line !== undefined ? { ...p, sheet: source.sheet } : p
      fieldColumns.set(delivery.file, sourceColumns(plan, source.header))
      const headerProblems = checkHeader(plan, source.header, file, dialect.headerRow).map(inSheet)
      headerProblems.forEach(options.report)
      if (!headerStops(headerProblems)) {
        const located = (p: Problem) => report(inSheet(p))
        for (const record of source.records) await consumeAll(widen(dropColumns(record, plan), plan), located)
      }
    }
  } else {
    const records = await readJson(join(options.rawDir, delivery.file), file, plan.dialect, report)
    checkJsonKeys(records, plan, file).forEach(options.report)
    for (const record of records) await consumeAll(widen(dropColumns(record, plan), plan))
  }
  return { rowsRead, rowsRejected, reader: delivery.format === "csv" ? ("tokenizer" as const) : delivery.format }
}

/** Personal and ignored columns leave the record before anything else sees them. */
const dropColumns = (record: SourceRecord, plan: DeliveryPlan): SourceRecord =>
  plan.dropped.size === 0 ? record : { line: record.line, cells: record.cells.filter((c) => !plan.dropped.has(c.name)) }

const sourceColumns = (plan: DeliveryPlan, header: ReadonlyArray<{ name: string; column: number }>) => {
  const map = new Map<string, { column: number; name: string }>()
  for (const f of plan.fields) {
    if (f.source.kind !== "column") continue
    const name = f.source.name
    const h = header.find((x) => x.name === name)
    if (h !== undefined) map.set(f.column.name, { column: h.column, name })
  }
  return map
}

/**
 * Where each field of a record stands, where the header does not say it: a JSON record's keys
 * move from record to record, and a wide record's value stands in its own column.
 */
const fieldPositions = (record: SourceRecord, plan: DeliveryPlan): string => {
  const positions: Record<string, [number, number, string]> = {}
  for (const f of plan.fields) {
    if (f.source.kind !== "column") continue
    const name = f.source.name
    const cell = record.cells.find((c) => c.name === name)
    if (cell !== undefined) positions[f.column.name] = [cell.line, cell.column, cell.label ?? cell.name]
  }
  return JSON.stringify(positions)
}
