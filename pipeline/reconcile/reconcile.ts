/**
 * Where a delivery (a publisher's, or the maintainers' transcription) and a register describe
 * the same row of a dataset whose definition says how it is reconciled (the same value of its
 * `match` field, such as Tillväxtverket's case number), compares the two and keeps the
 * delivery's: the register's rows for that key leave every dataset, and the comparison goes
 * into the quality report, each aspect marked as an agreement of independent sources or as a
 * value the delivery took from the register itself.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { ReconciledAspect } from "../../schemas/reconciliation.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { ColumnType } from "../../schemas/field.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { compareSides, type Finding, type Side, type TakenFrom } from "./compare-sides.ts"

export interface QualityReport {
  readonly reconciliation: {
    readonly description: string
    /** Aspects on which two independent sources agree. */
    readonly agreements: number
    /** Aspects whose delivered value was taken from the register it is compared with. */
    readonly copied: number
    /** Aspects on which the two differ (copied or not). */
    readonly disagreements: number
    readonly findings: ReadonlyArray<Finding>
    /** How many rows were compared, under the name of their dataset. */
    readonly [dataset: string]: unknown
  }
}

/** A register's file: the source it is a snapshot of, by name, and the title the report gives it. */
export interface RegisterFile {
  readonly file: string
  readonly source: string
}

const NUMERIC: ReadonlySet<ColumnType> = new Set(["INTEGER", "BIGINT", "DOUBLE"])
const cellValue = (v: unknown, numeric: boolean) =>
  v === null || v === undefined ? null : numeric ? Number(v) : String(v)

/** A row as one source gives it, with the values of its aspects over the rows that refer to it. */
const side = async (
  db: Database,
  d: DatasetDefinition,
  referring: ReadonlyMap<string, { readonly aspect: ReconciledAspect; readonly by: string }>,
  key: string,
  sourceOf: (file: string) => string,
): Promise<Side> => {
  const keyField = quoteIdent(d.primaryKey[0]!)
  const columns = columnsOf(d)
  const [row] = await db.rows(`SELECT * FROM ${quoteIdent(d.name)} WHERE ${keyField} = ${sqlString(key)}`)
  const sets: Record<string, { values: string[]; files: string[] }> = {}
  for (const [name, { aspect, by }] of referring) {
    const where = aspect.from!.where
    const rows = await db.rows(
      `SELECT DISTINCT ${quoteIdent(aspect.fields[0]!)} AS v, _file AS file FROM ${quoteIdent(aspect.from!.dataset)}
       WHERE ${quoteIdent(by)} = ${sqlString(key)}${where === undefined ? "" : ` AND ${quoteIdent(where.field)} IN (${where.values.map(sqlString).join(", ")})`} ORDER BY v`,
    )
    sets[name] = {
      values: [...new Set(rows.map((r) => String(r["v"])))],
      files: [...new Set(rows.map((r) => String(r["file"])))].sort(),
    }
  }
  const file = String(row!["_file"])
  return {
    source: sourceOf(file),
    file,
    key,
    fields: Object.fromEntries(columns.map((c) => [c.name, cellValue(row![c.name], NUMERIC.has(c.type))])),
    sets,
  }
}

/**
 * `registers`: the files read from registers, with their sources; `sourceOf` names the source
 * of any file as the report gives it; `takenFrom` says which fields a delivery took from a
 * declared source's document.
 */
export const reconcileWithRegisters = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  registers: ReadonlyArray<RegisterFile>,
  sourceOf: (file: string) => string,
  takenFrom: TakenFrom,
): Promise<QualityReport> => {
  const d = datasets.find((x) => x.reconcile !== undefined)
  const findings: Finding[] = []
  let compared = 0
  const registerFiles = registers.map((r) => r.file)
  if (d?.reconcile !== undefined && registerFiles.length > 0) {
    const { match, aspects } = d.reconcile
    const keyField = d.primaryKey[0]!
    const units = new Map(columnsOf(d).map((c) => [c.name, c.unit]))
    // Each aspect over another dataset, with the field by which its rows refer to this one.
    const referring = new Map(
      aspects.flatMap((aspect) => {
        const by = datasets
          .find((x) => x.name === aspect.from?.dataset)
          ?.foreignKeys.find((fk) => fk.reference.dataset === d.name)?.fields[0]
        return by === undefined ? [] : [[aspect.name, { aspect, by }] as const]
      }),
    )
    const files = registerFiles.map(sqlString).join(", ")
    const [table, key, on] = [quoteIdent(d.name), quoteIdent(keyField), quoteIdent(match)]
    const pairs = await db.rows(
      `SELECT d.${key} AS delivered, r.${key} AS register, d.${on} AS matched
       FROM ${table} d JOIN ${table} r ON d.${on} = r.${on}
       WHERE d._file NOT IN (${files}) AND r._file IN (${files}) ORDER BY matched, delivered, register`,
    )
    for (const pair of pairs) {
      const delivered = await side(db, d, referring, String(pair["delivered"]), sourceOf)
      const register = await side(db, d, referring, String(pair["register"]), sourceOf)
      const sourceName = registers.find((r) => r.file === register.file)!.source
      findings.push(
        ...compareSides(
          { field: match, value: String(pair["matched"]), keyField },
          aspects,
          (f) => units.get(f),
          delivered,
          { ...register, sourceName },
          takenFrom,
        ),
      )
    }
    compared = pairs.length
    const superseded = pairs.map((p) => sqlString(String(p["register"])))
    if (superseded.length > 0) {
      // The register's corrections of those rows go with them: each names the line of its record.
      await db.run(
        `DELETE FROM corrections WHERE file IN (${files}) AND line IN (SELECT _line FROM ${table} WHERE ${key} IN (${superseded.join(", ")}) AND _file IN (${files}))`,
      )
      // A provenance dataset is a view of its dataset's table, and follows it.
      const tables = datasets.filter((x) => x.provenanceOf === undefined)
      for (const t of tables.filter((x) => columnsOf(x).some((c) => c.name === keyField))) {
        await db.run(
          `DELETE FROM ${quoteIdent(t.name)} WHERE ${key} IN (${superseded.join(", ")}) AND _file IN (${files})`,
        )
      }
    }
  }
  const count = (...verdicts: ReadonlyArray<Finding["verdict"]>) =>
    findings.filter((f) => verdicts.includes(f.verdict)).length
  return {
    reconciliation: {
      description: d?.reconcile?.description ?? "No dataset is reconciled with a register.",
      ...(d === undefined ? {} : { [d.name]: compared }),
      agreements: count("agree"),
      copied: count("copied", "copied-but-differs"),
      disagreements: count("differ", "copied-but-differs"),
      findings,
    },
  }
}
