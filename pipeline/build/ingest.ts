/**
 * Reads every delivery, normalizes its records and streams the canonical rows of each dataset
 * to a newline-delimited JSON file in the work folder. Memory holds one record at a time (and
 * the municipality list, for names).
 */
import { createWriteStream, type WriteStream } from "node:fs"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { Manifest } from "../manifest/manifest-schema.ts"
import type { Problem } from "../problems/problem.ts"
import { asExcluded, isRowProblem, problem } from "../problems/problem.ts"
import { EncodingProblem } from "../read/decode-text.ts"
import { openCsv } from "../read/read-csv.ts"
import { readJson } from "../read/read-json.ts"
import type { SourceRecord } from "../read/source-record.ts"
import type { Correction } from "../normalize/correction.ts"
import { checkHeader, planDelivery, type DeliveryPlan } from "../normalize/delivery-plan.ts"
import { MunicipalityIndex } from "../normalize/municipality-names.ts"
import { normalizeRecord, rowValidator, type CanonicalRow } from "../normalize/normalize-row.ts"

export interface DeliveryStats {
  readonly file: string
  readonly dataset: string
  readonly rowsRead: number
  readonly rowsRejected: number
  readonly seconds: number
}

export interface IngestResult {
  readonly stats: ReadonlyArray<DeliveryStats>
  readonly corrections: ReadonlyArray<Correction>
  /** Where each field of a CSV delivery comes from, for locating table-rule problems. */
  readonly fieldColumns: ReadonlyMap<string, ReadonlyMap<string, { column: number; name: string }>>
}

export interface IngestOptions {
  readonly rawDir: string
  readonly workDir: string
  readonly manifest: Manifest
  readonly datasets: ReadonlyArray<DatasetDefinition>
  readonly label: (file: string) => string
  readonly report: (p: Problem) => void
  readonly progress: (line: string) => void
}

/** Newline-delimited JSON file of a dataset's staged rows. */
export const stagedRowsPath = (workDir: string, dataset: string) => join(workDir, `${dataset}.ndjson`)

const write = (out: WriteStream, text: string): Promise<void> | undefined =>
  out.write(text) ? undefined : new Promise((resolve) => out.once("drain", () => resolve()))

export const ingest = async (options: IngestOptions): Promise<IngestResult> => {
  const { manifest, datasets, workDir } = options
  const stats: DeliveryStats[] = []
  const corrections: Correction[] = []
  const fieldColumns = new Map<string, Map<string, { column: number; name: string }>>()
  let municipalities: MunicipalityIndex | undefined

  for (const dataset of datasets) {
    const out = createWriteStream(stagedRowsPath(workDir, dataset.name))
    const validate = rowValidator(dataset.schema)
    const kept: CanonicalRow[] = []
    for (const delivery of manifest.deliveries.filter((d) => d.dataset === dataset.name)) {
      const started = performance.now()
      const plan = planDelivery(delivery, dataset)
      const file = options.label(delivery.file)
      let rowsRead = 0
      let rowsRejected = 0
      const ctx = { plan, file, deliveryFile: delivery.file, municipalities, validate }
      const exclude = delivery.invalidRows === "exclude"
      const report = (p: Problem) => options.report(exclude && isRowProblem(p) ? asExcluded(p) : p)
      const consume = async (record: SourceRecord) => {
        rowsRead++
        const result = normalizeRecord(record, ctx)
        for (const p of result.problems) report(p)
        if (result.row === undefined) {
          rowsRejected++
          return
        }
        corrections.push(...result.corrections)
        if (dataset.name === "municipalities") kept.push(result.row)
        const located = { ...result.row, _file: delivery.file, _line: record.line, _cols: delivery.format === "json" ? jsonFieldPositions(record, plan) : null }
        await write(out, `${JSON.stringify(located)}\n`)
      }
      try {
        if (delivery.format === "csv") {
          const source = await openCsv(join(options.rawDir, delivery.file), file, plan.dialect, report)
          if (source !== undefined) {
            fieldColumns.set(delivery.file, sourceColumns(plan, source.header))
            const headerProblems = checkHeader(plan, source.header, file, 1)
            headerProblems.forEach(options.report)
            if (!headerProblems.some((p) => p.code === "header/missing-label")) {
              for await (const record of source.records) await consume(dropColumns(record, plan))
            }
          }
        } else {
          const { records, problems } = await readJson(join(options.rawDir, delivery.file), file, plan.dialect)
          problems.forEach(report)
          reportUndeclaredKeys(records, plan, file).forEach(options.report)
          for (const record of records) await consume(dropColumns(record, plan))
        }
      } catch (e) {
        if (!(e instanceof EncodingProblem)) throw e
        options.report(e.problem)
      }
      const seconds = (performance.now() - started) / 1000
      stats.push({ file: delivery.file, dataset: dataset.name, rowsRead, rowsRejected, seconds })
      options.progress(`read ${delivery.file} → ${dataset.name}: ${rowsRead} rows, ${rowsRejected} rejected (${seconds.toFixed(2)} s)`)
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
    if (dataset.name === "municipalities") {
      municipalities = new MunicipalityIndex(kept.map((r) => ({ code: String(r["municipality_code"]), name: String(r["municipality_name"]) })))
    }
  }
  return { stats, corrections, fieldColumns }
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

/** Where each field of a JSON record stands, since keys move from record to record. */
const jsonFieldPositions = (record: SourceRecord, plan: DeliveryPlan): string => {
  const positions: Record<string, [number, number, string]> = {}
  for (const f of plan.fields) {
    if (f.source.kind !== "column") continue
    const name = f.source.name
    const cell = record.cells.find((c) => c.name === name)
    if (cell !== undefined) positions[f.column.name] = [cell.line, cell.column, cell.name]
  }
  return JSON.stringify(positions)
}

/** A JSON key the manifest does not declare, reported once per key where it first appears. */
const reportUndeclaredKeys = (records: ReadonlyArray<SourceRecord>, plan: DeliveryPlan, file: string): Problem[] => {
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const record of records) {
    for (const cell of record.cells) {
      if (plan.declared.has(cell.name) || seen.has(cell.name)) continue
      seen.add(cell.name)
      problems.push(problem({
        code: "header/extra-label",
        file,
        line: cell.line,
        column: cell.column,
        columnName: cell.name,
        value: cell.name,
        message: `the manifest does not declare the property ${JSON.stringify(cell.name)}; map it to a field, or declare it personal or ignored`,
      }))
    }
  }
  return problems
}
