/** What the DCAT catalogue says of a dataset's rows, read from its staged Parquet file. */
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"

/**
 * What the DCAT catalogue says of a dataset's rows: the period they cover (their own period as
 * the definition declares it, or, for rows whose key refers to a dataset with one, such as a
 * project's, that dataset's) and the NUTS 3 regions of the municipalities they are about.
 */
export const coverage = async (
  db: Database,
  stagingDir: string,
  d: DatasetDefinition,
  datasets: ReadonlyArray<DatasetDefinition>,
) => {
  const file = (name: string) => `read_parquet(${sqlString(join(stagingDir, "data", `${name}.parquet`))})`
  const has = (name: string) => datasets.some((x) => x.name === name)
  const period = async (sql: string) => {
    const [row] = await db.rows(sql)
    return row?.["s"] === null || row?.["s"] === undefined
      ? undefined
      : { start: String(row["s"]), end: String(row["e"]) }
  }
  // The dataset's own period, or that of the dataset its key refers to (a project's rows).
  const bounds = (p: NonNullable<DatasetDefinition["period"]>, x: string) =>
    "year" in p
      ? [`make_date(min(${x}.${quoteIdent(p.year)}), 1, 1)`, `make_date(max(${x}.${quoteIdent(p.year)}), 12, 31)`]
      : [`min(${x}.${quoteIdent(p.start)})`, `max(${x}.${quoteIdent(p.end)})`]
  const about = d.foreignKeys
    .filter((fk) => fk.fields.every((f) => d.primaryKey.includes(f)))
    .map((fk) => ({ fk, target: datasets.find((x) => x.name === fk.reference.dataset) }))
    .find(({ target }) => target?.period !== undefined)
  const temporal =
    d.period !== undefined
      ? await period(
          `SELECT CAST(${bounds(d.period, "x")[0]} AS VARCHAR) AS s, CAST(${bounds(d.period, "x")[1]} AS VARCHAR) AS e FROM ${file(d.name)} x`,
        )
      : about !== undefined
        ? await period(
            `SELECT CAST(${bounds(about.target!.period!, "p")[0]} AS VARCHAR) AS s, CAST(${bounds(about.target!.period!, "p")[1]} AS VARCHAR) AS e
             FROM ${file(d.name)} x JOIN ${file(about.target!.name)} p ON ${about.fk.fields.map((f, i) => `p.${quoteIdent(about.fk.reference.fields[i]!)} = x.${quoteIdent(f)}`).join(" AND ")}`,
          )
        : undefined
  const columns = columnsOf(d)
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
