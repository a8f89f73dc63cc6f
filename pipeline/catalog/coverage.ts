/** What the DCAT catalogue says of a dataset's rows, read from its staged Parquet file. */
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"

/**
 * What the DCAT catalogue says of a dataset's rows: the period they cover (their own dates or
 * years, or, for rows about projects, the projects' periods) and the NUTS 3 regions of the
 * municipalities they are about.
 */
export const coverage = async (
  db: Database,
  stagingDir: string,
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
) => {
  const file = (name: string) => `read_parquet(${sqlString(join(stagingDir, "data", `${name}.parquet`))})`
  const has = (name: string) => datasets.some((x) => x.name === name)
  const columns = columnsOf(d)
  const dates = columns.filter((c) => c.type === "DATE").map((c) => quoteIdent(c.name))
  const year = columns.find((c) => c.name === "year" && c.type === "INTEGER")
  const bounds = [
    ...dates.flatMap((c) => [`min(${c})`, `max(${c})`]),
    ...(year === undefined ? [] : ["make_date(min(year), 1, 1)", "make_date(max(year), 12, 31)"]),
  ]
  const period = async (sql: string) => {
    const [row] = await db.rows(sql)
    return row?.["s"] === null || row?.["s"] === undefined
      ? undefined
      : { start: String(row["s"]), end: String(row["e"]) }
  }
  const temporal =
    bounds.length > 0
      ? await period(
          `SELECT CAST(least(${bounds.join(", ")}) AS VARCHAR) AS s, CAST(greatest(${bounds.join(", ")}) AS VARCHAR) AS e FROM ${file(d.name)}`,
        )
      : d.primaryKey.includes("project_id") && d.name !== "projects" && has("projects")
        ? await period(
            `SELECT CAST(min(p.start_date) AS VARCHAR) AS s, CAST(max(p.end_date) AS VARCHAR) AS e FROM ${file(d.name)} x JOIN ${file("projects")} p USING (project_id)`,
          )
        : undefined
  // The list of all municipalities covers Sweden, not each of its regions.
  const coded =
    d.name !== "municipalities" &&
    columns.some((c) => c.name === "municipality_code") &&
    has("municipalities") &&
    has("counties")
  const regions = !coded
    ? []
    : (
        await db.rows(
          `SELECT DISTINCT c.nuts3_code AS region FROM ${file(d.name)} x JOIN ${file("municipalities")} m USING (municipality_code) JOIN ${file("counties")} c ON c.county_code = m.county_code ORDER BY region`,
        )
      ).map((r) => String(r["region"]))
  return { temporal, regions }
}
