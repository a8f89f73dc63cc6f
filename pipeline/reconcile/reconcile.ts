/**
 * Where a delivery (a publisher's, or the maintainers' transcription) and a register describe
 * the same project (the same Tillväxtverket case number), compares the two and keeps the
 * delivery's: the register's rows for that project leave every dataset, and the comparison goes
 * into the quality report, each aspect marked as an agreement of independent sources or as a
 * value the delivery took from the register itself.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { compareProjects, type Finding, type ProjectSide, type TakenFrom } from "./compare-projects.ts"

export interface QualityReport {
  readonly reconciliation: {
    readonly description: string
    readonly projects: number
    /** Aspects on which two independent sources agree. */
    readonly agreements: number
    /** Aspects whose delivered value was taken from the register it is compared with. */
    readonly copied: number
    /** Aspects on which the two differ (copied or not). */
    readonly disagreements: number
    readonly findings: ReadonlyArray<Finding>
  }
}

/** A register's file: the source it is a snapshot of, by name, and the title the report gives it. */
export interface RegisterFile {
  readonly file: string
  readonly source: string
}

const SIDE_COLUMNS = [
  "project_id",
  "acronym",
  "title_sv",
  "start_date",
  "end_date",
  "lead_organisation",
  "eu_funds_granted_sek",
  "eu_funds_granted_eur",
  "national_public_funding_sek",
  "national_public_funding_eur",
]

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v))

const side = async (db: Database, projectId: string, sourceOf: (file: string) => string): Promise<ProjectSide> => {
  const [row] = await db.rows(
    `SELECT ${SIDE_COLUMNS.map(quoteIdent).join(", ")}, _file FROM projects WHERE project_id = ${sqlString(projectId)}`,
  )
  const codes = await db.rows(
    `SELECT DISTINCT municipality_code AS code, _file AS file FROM project_municipalities
     WHERE project_id = ${sqlString(projectId)} AND role IN ('participant', 'project_area') ORDER BY code`,
  )
  const r = row!
  return {
    source: sourceOf(String(r["_file"])),
    file: String(r["_file"]),
    project_id: String(r["project_id"]),
    acronym: textOrNull(r["acronym"]),
    title_sv: textOrNull(r["title_sv"]),
    start_date: textOrNull(r["start_date"]),
    end_date: textOrNull(r["end_date"]),
    lead_organisation: textOrNull(r["lead_organisation"]),
    eu_funds_granted_sek: numberOrNull(r["eu_funds_granted_sek"]),
    eu_funds_granted_eur: numberOrNull(r["eu_funds_granted_eur"]),
    national_public_funding_sek: numberOrNull(r["national_public_funding_sek"]),
    national_public_funding_eur: numberOrNull(r["national_public_funding_eur"]),
    municipalities: [...new Set(codes.map((c) => String(c["code"])))],
    municipalitiesFiles: [...new Set(codes.map((c) => String(c["file"])))].sort(),
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
  const findings: Finding[] = []
  let projects = 0
  const registerFiles = registers.map((r) => r.file)
  if (registerFiles.length > 0) {
    const files = registerFiles.map(sqlString).join(", ")
    const pairs = await db.rows(
      `SELECT d.project_id AS delivered, r.project_id AS register, d.tillvaxtverket_case_id AS case_id
       FROM projects d JOIN projects r ON d.tillvaxtverket_case_id = r.tillvaxtverket_case_id
       WHERE d._file NOT IN (${files}) AND r._file IN (${files}) ORDER BY case_id, delivered, register`,
    )
    for (const pair of pairs) {
      const delivered = await side(db, String(pair["delivered"]), sourceOf)
      const register = await side(db, String(pair["register"]), sourceOf)
      const sourceName = registers.find((r) => r.file === register.file)!.source
      findings.push(...compareProjects(String(pair["case_id"]), delivered, { ...register, sourceName }, takenFrom))
    }
    projects = pairs.length
    const superseded = pairs.map((p) => sqlString(String(p["register"])))
    if (superseded.length > 0) {
      // The register's corrections of those rows go with them: each names the line of its record.
      await db.run(
        `DELETE FROM corrections WHERE file IN (${files}) AND line IN (SELECT _line FROM projects WHERE project_id IN (${superseded.join(", ")}) AND _file IN (${files}))`,
      )
      // A provenance dataset is a view of its dataset's table, and follows it.
      const tables = datasets.filter((x) => x.provenanceOf === undefined)
      for (const d of tables.filter((x) => columnsOf(x).some((c) => c.name === "project_id"))) {
        await db.run(
          `DELETE FROM ${quoteIdent(d.name)} WHERE project_id IN (${superseded.join(", ")}) AND _file IN (${files})`,
        )
      }
    }
  }
  const count = (...verdicts: ReadonlyArray<Finding["verdict"]>) =>
    findings.filter((f) => verdicts.includes(f.verdict)).length
  return {
    reconciliation: {
      description:
        "Projects that a delivery describes (delivered by its publisher, or transcribed by the maintainers from documents) and a register also lists (the same Tillväxtverket case number), compared aspect by aspect with both values and both sources. Each aspect says which two sources it compares and whether they are independent: where the delivery took a value from that register itself, the aspect is 'copied', a copy compared with its original, and counts as no agreement. The release publishes the delivery's rows; the register's rows for these projects are left out.",
      projects,
      agreements: count("agree"),
      copied: count("copied", "copied-but-differs"),
      disagreements: count("differ", "copied-but-differs"),
      findings,
    },
  }
}
