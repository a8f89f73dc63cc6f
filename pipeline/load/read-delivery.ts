/**
 * Reads one delivery into its dataset's table: a plain CSV file by DuckDB (ingest-csv-sql.ts),
 * a source's file through its adapter, and JSON, workbooks and any CSV the byte scan does not
 * pass by the tokenizer; every reader's cells are staged as text with their places and go
 * through the one normalization (apply-normalization.ts).
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
import type { ExplainContext } from "../normalize/explain-refusal.ts"
import { type DeliveryContext, normalizeStaged } from "./apply-normalization.ts"
import { columnsRead, StagedCells } from "./stage-cells.ts"
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
  context: Pick<ExplainContext, "names" | "validate">,
  fieldColumns: Map<string, Map<string, { column: number; name: string }>>,
  sheets: Map<string, string>,
): Promise<ReadResult> => {
  const { db, workDir } = options
  const { names, validate } = context
  const plan = planDelivery(delivery, dataset)
  const file = options.label(delivery.file)
  const ctx: DeliveryContext = { plan, file, deliveryFile: delivery.file, names, validate }
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
      const read = await ingestAdapted({
        db,
        rawDir: options.rawDir,
        stagingFile: join(workDir, `${n}-${dataset.name}.ndjson`),
        cap: options.cap,
        ctx,
        delivery,
        adapter,
        report,
        reportFile: options.report,
        countUnlisted,
      })
      result = { ...read, reader: "adapter" }
    } else {
      const staged = new StagedCells(join(workDir, `${n}.ndjson`), columnsRead(plan))
      result = await ingestRecordByRecord(options, ctx, delivery, staged, report, countUnlisted, fieldColumns, sheets)
    }
  } catch (e) {
    if (!(e instanceof EncodingProblem)) throw e
    options.report(e.problem)
    result = { rowsRead: 0, rowsRejected: 0, reader: delivery.format === "csv" ? "tokenizer" : delivery.format }
  }
  return result
}

/**
 * The tokenizer (CSV), the JSON parser or the workbook reader: each record's cells staged as
 * read, then the one normalization over them all.
 */
const ingestRecordByRecord = async (
  options: IngestOptions,
  ctx: DeliveryContext,
  delivery: Delivery,
  staged: StagedCells,
  report: (p: Problem) => void,
  countUnlisted: (n: number) => void,
  fieldColumns: Map<string, Map<string, { column: number; name: string }>>,
  sheets: Map<string, string>,
) => {
  const { plan, file } = ctx
  let rowsRead = 0
  let reportRow = report
  /** A source record's records (one per column of a wide layout), staged with their cells' places. */
  const stage = async (record: SourceRecord) => {
    for (const r of widen(dropColumns(record, plan), plan)) {
      rowsRead++
      await staged.add(r, delivery.format === "json" || plan.wide !== undefined ? fieldPositions(r, plan) : null)
    }
  }
  if (delivery.format === "csv") {
    const source = await openCsv(join(options.rawDir, delivery.file), file, plan.dialect, report)
    if (source !== undefined) {
      fieldColumns.set(delivery.file, sourceColumns(plan, source.header))
      const headerProblems = checkHeader(plan, source.header, file, 1)
      headerProblems.forEach(options.report)
      if (!headerStops(headerProblems)) for await (const record of source.records) await stage(record)
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
      reportRow = (p) => report(inSheet(p))
      if (!headerStops(headerProblems)) for (const record of source.records) await stage(record)
    }
  } else {
    const records = await readJson(join(options.rawDir, delivery.file), file, plan.dialect, report)
    checkJsonKeys(records, plan, file).forEach(options.report)
    for (const record of records) await stage(record)
  }
  // A wide row's problems, found once per value column, are said once each.
  const grouped = plan.wide === undefined ? undefined : new RowGroups(reportRow)
  const rowsRejected = await normalizeStaged(
    options.db,
    ctx,
    staged,
    options.cap,
    grouped === undefined ? (problems) => problems.forEach(reportRow) : (problems, line) => grouped.add(line, problems),
    countUnlisted,
  )
  grouped?.flush()
  return { rowsRead, rowsRejected, reader: delivery.format === "csv" ? ("tokenizer" as const) : delivery.format }
}

/** The problems of the rows of one line (a wide row's records), said once each when the line is done. */
class RowGroups {
  private line: number | undefined
  private problems: Problem[] = []
  constructor(private readonly report: (p: Problem) => void) {}
  add(line: number, problems: ReadonlyArray<Problem>) {
    if (line !== this.line) this.flush()
    this.line = line
    this.problems.push(...problems)
  }
  flush() {
    onceEach(this.problems, "value column of the row").forEach(this.report)
    this.problems = []
  }
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
