/**
 * Where a publisher's delivery and a register describe the same project (the same
 * Tillväxtverket case number), compares the two and keeps the delivery's: the register's rows
 * for that project leave every dataset, and the comparison goes into the quality report.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { compareProjects, type Finding, type ProjectSide } from "./compare-projects.ts"

export interface QualityReport {
  readonly reconciliation: {
    readonly description: string
    readonly projects: number
    readonly agreements: number
    readonly disagreements: number
    readonly findings: ReadonlyArray<Finding>
  }
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
    `SELECT DISTINCT municipality_code AS code FROM project_municipalities
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
    municipalities: codes.map((c) => String(c["code"])),
  }
}

/**
 * `registerFiles`: the files read from registers, each with the name the report gives its
 * source; `sourceOf` names the source of any other file (its publisher).
 */
export const reconcileWithRegisters = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  registerFiles: ReadonlyArray<string>,
  sourceOf: (file: string) => string,
): Promise<QualityReport> => {
  const findings: Finding[] = []
  let projects = 0
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
      findings.push(...compareProjects(String(pair["case_id"]), delivered, register))
    }
    projects = pairs.length
    const superseded = pairs.map((p) => sqlString(String(p["register"])))
    if (superseded.length > 0) {
      // The register's corrections of those rows go with them: each names the line of its record.
      await db.run(
        `DELETE FROM corrections WHERE file IN (${files}) AND line IN (SELECT _line FROM projects WHERE project_id IN (${superseded.join(", ")}) AND _file IN (${files}))`,
      )
      for (const d of datasets.filter((x) => columnsOf(x).some((c) => c.name === "project_id"))) {
        await db.run(
          `DELETE FROM ${quoteIdent(d.name)} WHERE project_id IN (${superseded.join(", ")}) AND _file IN (${files})`,
        )
      }
    }
  }
  const agreements = findings.filter((f) => f.agrees).length
  return {
    reconciliation: {
      description:
        "Projects that a publisher delivered and a register also lists (the same Tillväxtverket case number), compared aspect by aspect with both values and both sources. The release publishes the publisher's rows; the register's rows for these projects are left out.",
      projects,
      agreements,
      disagreements: findings.length - agreements,
      findings,
    },
  }
}
