/**
 * A delivery of a source with an adapter (a register export whose rows feed several datasets).
 * The file is read whole, by the tokenizer or the JSON parser (such exports are small); the values of its personal
 * columns are gathered to be redacted wherever they recur in free text, and the columns dropped;
 * then each record goes through the adapter and each record the adapter gives through
 * normalizeRecord, as any delivery's would.
 */
import { join } from "node:path"
import { cleanText } from "../shared/text.ts"
import { missingValue } from "../normalize/cells.ts"
import type { Correction } from "../normalize/correction.ts"
import { checkHeader, headerStops, checkJsonKeys, planDelivery, type DeliveryPlan } from "../normalize/delivery-plan.ts"
import { normalizeRecord, type CanonicalRow, type NormalizeContext } from "../normalize/normalize-row.ts"
import type { Problem } from "../problems/problem.ts"
import { openCsv } from "../read/read-csv.ts"
import { readJson } from "../read/read-json.ts"
import type { SourceRecord } from "../contract/source-record.ts"
import { makeRedactor } from "../privacy/redact.ts"
import type { PlannedDelivery, SourceAdapter } from "../contract/source-declaration.ts"

export interface AdaptedIngest {
  readonly rawDir: string
  readonly ctx: NormalizeContext
  readonly delivery: PlannedDelivery
  readonly adapter: SourceAdapter
  readonly report: (p: Problem) => void
  /** File-level problems (header, structure), never excluded as a row's. */
  readonly reportFile: (p: Problem) => void
  readonly stage: (row: CanonicalRow, line: number, corrections: ReadonlyArray<Correction>) => Promise<void>
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

export const ingestAdapted = async ({ rawDir, ctx, delivery, adapter, report, reportFile, stage }: AdaptedIngest) => {
  const { plan, file } = ctx
  // The file's own columns, checked against its header and dropped as declared.
  const filePlan = planDelivery({ ...delivery, columns: delivery.fileColumns ?? delivery.columns }, plan.dataset)
  let rowsRead = 0
  let rowsRejected = 0
  const read = await readRecords(join(rawDir, delivery.file), file, delivery, filePlan, reportFile)
  if (read === undefined) return { rowsRead, rowsRejected }

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
      const value = cleanText(c.value)
      if (missingValue(value, plan.missing) === undefined) personalValues.push(value)
    }
    records.push({ line: record.line, cells: record.cells.filter((c) => !filePlan.dropped.has(c.name)) })
  }
  const redact = makeRedactor(personalValues)
  personalValues.length = 0

  rowsRead = records.length
  for (const adapted of adapter(plan.dataset.name, records, { file, redact })) {
    adapted.problems.forEach(report)
    const rows: CanonicalRow[] = []
    const corrections: Correction[] = []
    let rejected = adapted.problems.some((p) => p.severity === "error")
    for (const r of adapted.records) {
      const result = normalizeRecord(r, ctx)
      result.problems.forEach(report)
      if (result.row === undefined) rejected = true
      else {
        rows.push(result.row)
        corrections.push(...result.corrections)
      }
    }
    if (rejected) {
      rowsRejected++
      continue
    }
    for (const c of adapted.corrections) {
      corrections.push({
        dataset: plan.dataset.name,
        file: delivery.file,
        line: c.line,
        column: c.column,
        column_name: c.columnName,
        field: c.field,
        source_value: c.from,
        new_value: c.to,
        reason: c.reason,
      })
    }
    for (const [i, row] of rows.entries()) await stage(row, adapted.from.line, i === 0 ? corrections : [])
  }
  return { rowsRead, rowsRejected }
}
