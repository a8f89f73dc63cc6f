/**
 * A delivery of a source with an adapter (a register export whose rows feed several datasets).
 * The file is read whole, by the tokenizer or the JSON parser (such exports are small); the values of its personal
 * columns are gathered to be redacted wherever they recur in free text, and the columns dropped;
 * then each record goes through the adapter, and the records the adapter gives are staged and
 * normalized as any delivery's are, the rows of one source record standing or falling together.
 */
import { join } from "node:path"
import { cleanText } from "../shared/text.ts"
import type { Correction } from "../normalize/correction.ts"
import { checkHeader, headerStops, checkJsonKeys, planDelivery, type DeliveryPlan } from "../normalize/delivery-plan.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { type DeliveryContext, normalizeStaged } from "./apply-normalization.ts"
import { columnsRead, StagedCells } from "./stage-cells.ts"
import { insertCorrections } from "./staged-tables.ts"
import type { Problem } from "../problems/problem.ts"
import { openCsv } from "../read/read-csv.ts"
import { readJson } from "../read/read-json.ts"
import type { SourceRecord } from "../contract/source-record.ts"
import { makeRedactor } from "../privacy/redact.ts"
import type { PlannedDelivery, SourceAdapter } from "../contract/source-declaration.ts"

export interface AdaptedIngest {
  readonly db: Database
  readonly rawDir: string
  /** Where the adapted records' cells are staged. */
  readonly stagingFile: string
  readonly cap: number
  readonly ctx: DeliveryContext
  readonly delivery: PlannedDelivery
  readonly adapter: SourceAdapter
  readonly report: (p: Problem) => void
  /** File-level problems (header, structure), never excluded as a row's. */
  readonly reportFile: (p: Problem) => void
  readonly countUnlisted: (n: number) => void
}

/** The file's records, once its header (CSV) or its keys (JSON) are as declared; else undefined. */
const readRecords = async (
  path: string,
  file: string,
  delivery: PlannedDelivery,
  filePlan: DeliveryPlan,
  reportFile: (p: Problem) => void,
): Promise<AsyncIterable<SourceRecord> | Iterable<SourceRecord> | undefined> => {
  if (delivery.format === "json") {
    let problems = 0
    const records = await readJson(path, file, filePlan.dialect, (p) => {
      problems++
      reportFile(p)
    })
    const keys = checkJsonKeys(records, filePlan, file)
    keys.forEach(reportFile)
    return problems > 0 || keys.length > 0 ? undefined : records
  }
  const source = await openCsv(path, file, filePlan.dialect, reportFile)
  if (source === undefined) return undefined
  const headerProblems = checkHeader(filePlan, source.header, file, 1)
  headerProblems.forEach(reportFile)
  return headerStops(headerProblems) ? undefined : source.records
}

export const ingestAdapted = async (o: AdaptedIngest) => {
  const { db, rawDir, ctx, delivery, adapter, report, reportFile } = o
  const { plan, file } = ctx
  // The file's own columns, checked against its header and dropped as declared.
  const filePlan = planDelivery({ ...delivery, columns: delivery.fileColumns ?? delivery.columns }, plan.dataset)
  const read = await readRecords(join(rawDir, delivery.file), file, delivery, filePlan, reportFile)
  if (read === undefined) return { rowsRead: 0, rowsRejected: 0 }

  const personal = new Set(
    Object.entries(delivery.fileColumns ?? {}).flatMap(([name, m]) =>
      typeof m === "object" && "personal" in m ? [name] : [],
    ),
  )
  const records: SourceRecord[] = []
  const personalValues: string[] = []
  for await (const record of read) {
    for (const c of record.cells) {
      if (!personal.has(c.name) || c.value === null) continue
      // A personal value is redacted wherever it recurs; an empty cell or a marker is none.
      const value = cleanText(c.value)
      if (value !== "" && !plan.missing.has(value)) personalValues.push(value)
    }
    records.push({ line: record.line, cells: record.cells.filter((c) => !filePlan.dropped.has(c.name)) })
  }
  const redact = makeRedactor(personalValues)
  personalValues.length = 0

  // The rows one source record gives stand or fall together: staged under its line.
  const staged = new StagedCells(o.stagingFile, columnsRead(plan))
  const reject = new Set<number>()
  const corrections: Array<{ readonly from: number; readonly correction: Correction }> = []
  for (const adapted of adapter(plan.dataset.name, records, { file, redact })) {
    adapted.problems.forEach(report)
    if (adapted.problems.some((p) => p.severity === "error")) reject.add(adapted.from.line)
    for (const r of adapted.records) await staged.add({ line: adapted.from.line, cells: r.cells }, null)
    for (const c of adapted.corrections) {
      corrections.push({
        from: adapted.from.line,
        correction: {
          dataset: plan.dataset.name,
          file: delivery.file,
          line: c.line,
          column: c.column,
          column_name: c.columnName,
          field: c.field,
          source_value: c.from,
          new_value: c.to,
          reason: c.reason,
        },
      })
    }
  }
  const rowsRejected = await normalizeStaged(
    db,
    ctx,
    staged,
    o.cap,
    (problems) => problems.forEach(report),
    o.countUnlisted,
    { reject },
  )
  // The adapter's own changes, for the source records that stand.
  const kept = new Set(
    (
      await db.rows(
        `SELECT DISTINCT _line FROM ${quoteIdent(plan.dataset.name)} WHERE _file = ${sqlString(delivery.file)}`,
      )
    ).map((r) => Number(r["_line"])),
  )
  await insertCorrections(
    db,
    corrections.filter((c) => kept.has(c.from)).map((c) => c.correction),
    `${o.stagingFile}.corrections`,
  )
  return { rowsRead: records.length, rowsRejected }
}
