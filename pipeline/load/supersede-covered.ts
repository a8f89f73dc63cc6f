/**
 * Takes out of a dataset's table the rows of older deliveries that newer ones cover
 * (manifest/coverage.ts), once every delivery of the dataset is loaded and before its table
 * rules run, with the corrections of the lines they came from; and says what is left of each
 * older delivery. What a newer delivery covers by the values of its rows is read from its rows
 * before any row is taken out, so a chain of deliveries is covered as each one was delivered.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent as q, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import type { Coverage, CoveredShare, ShareLeft } from "../manifest/coverage.ts"

const asText = (field: string) => `CAST(${q(field)} AS VARCHAR)`

/** The condition a row meets when `c` covers it: each field's value among those covered. */
const coveredSql = (c: Coverage): string => {
  const parts = Object.entries(c.fields).flatMap(([field, values]) =>
    values === "all"
      ? []
      : values === "rows"
        ? [
            `${asText(field)} IN (SELECT value FROM covered_values WHERE file = ${sqlString(c.file)} AND field = ${sqlString(field)})`,
          ]
        : [`${asText(field)} IN (${values.map(sqlString).join(", ")})`],
  )
  return parts.length === 0 ? "true" : `(${parts.join(" AND ")})`
}

export const supersedeCovered = async (
  db: Database,
  dataset: DatasetDefinition,
  shares: ReadonlyArray<CoveredShare>,
): Promise<ShareLeft[]> => {
  if (shares.length === 0) return []
  const table = q(dataset.name)
  const fromRows = [
    ...new Set(
      shares.flatMap((s) =>
        s.coveredBy.flatMap((c) =>
          Object.entries(c.fields).flatMap(([field, v]) => (v === "rows" ? [JSON.stringify([c.file, field])] : [])),
        ),
      ),
    ),
  ].map((pair) => JSON.parse(pair) as [string, string])
  await db.run(
    `CREATE OR REPLACE TEMP TABLE covered_values AS ${
      fromRows.length === 0
        ? "SELECT NULL::VARCHAR AS file, NULL::VARCHAR AS field, NULL::VARCHAR AS value WHERE false"
        : fromRows
            .map(
              ([file, field]) =>
                `SELECT DISTINCT ${sqlString(file)} AS file, ${sqlString(field)} AS field, ${asText(field)} AS value FROM ${table} WHERE _file = ${sqlString(file)}`,
            )
            .join(" UNION ALL ")
    }`,
  )
  for (const s of shares.filter((x) => x.coveredBy.length > 0)) {
    const file = sqlString(s.file)
    await db.run(`DELETE FROM ${table} WHERE _file = ${file} AND (${s.coveredBy.map(coveredSql).join(" OR ")})`)
    // A correction goes with its row: the line it names has no row of this dataset left.
    await db.run(
      `DELETE FROM corrections WHERE dataset = ${sqlString(dataset.name)} AND file = ${file}
       AND line NOT IN (SELECT _line FROM ${table} WHERE _file = ${file})`,
    )
  }
  await db.run("DROP TABLE covered_values")
  const fields = dataset.coverage ?? []
  const left: ShareLeft[] = []
  for (const s of shares) {
    const [row] = await db.rows(
      `SELECT count(*) AS n${fields.map((f, i) => `, list_sort(list_distinct(list(${q(f)}))) AS v${i}`).join("")}
       FROM ${table} WHERE _file = ${sqlString(s.file)}`,
    )
    const rows = Number(row!["n"])
    left.push({
      file: s.file,
      dataset: s.dataset,
      rows,
      values: rows === 0 ? [] : fields.map((field, i) => ({ field, values: (row![`v${i}`] as unknown[]).map(String) })),
    })
  }
  return left
}
