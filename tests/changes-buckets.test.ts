/** A large dataset is compared with the previous release only in the buckets of keys that differ: the same changes as joined whole. */
import { rm } from "node:fs/promises"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { datasetChanges } from "../pipeline/catalog/changes.ts"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { indicatorValues } from "../schemas/datasets/indicator-values.ts"
import { tempDir } from "./support/run-build.ts"

describe("datasetChanges bucket by bucket", () => {
  let work: string
  let db: Database
  const committed = {
    data: resolve("dist", "data", "indicator_values.parquet"),
    provenance: resolve("dist", "data", "indicator_values_provenance.parquet"),
  }
  const next = () => ({ data: join(work, "next.parquet"), provenance: join(work, "next-provenance.parquet") })

  beforeAll(async () => {
    work = await tempDir("changes-parts")
    db = await openDatabase(work)
    // The next release: a tenth of the rows gone, a tenth changed, some redelivered (their line
    // moved), some added; each row with its provenance, then the two apart.
    await db.run(
      `CREATE TABLE next AS
        SELECT * REPLACE (CASE WHEN hash(line) % 10 = 1 THEN value + 1 ELSE value END AS value,
                          CASE WHEN hash(line) % 10 = 2 THEN line + 100000 ELSE line END AS line)
        FROM traced WHERE hash(line) % 10 <> 0
        UNION ALL SELECT * REPLACE (year + 100 AS year) FROM traced WHERE hash(line) % 50 = 3`.replaceAll(
        "traced",
        `(SELECT * FROM read_parquet('${committed.data}') v JOIN read_parquet('${committed.provenance}') t USING (indicator_id, municipality_code, year))`,
      ),
    )
    await db.run(`COPY (SELECT * EXCLUDE (file, line) FROM next) TO '${next().data}' (FORMAT parquet)`)
    await db.run(
      `COPY (SELECT indicator_id, municipality_code, year, file, line FROM next) TO '${next().provenance}' (FORMAT parquet)`,
    )
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  it("finds the same rows added, removed, changed and redelivered", async () => {
    const whole = await datasetChanges(db, indicatorValues, committed, next())
    const buckets = await datasetChanges(db, indicatorValues, committed, next(), 1000)
    expect(buckets).toEqual(whole)
    expect(whole.added).toBeGreaterThan(0)
    expect(whole.removed).toBeGreaterThan(0)
    expect(whole.changed).toBeGreaterThan(0)
    expect(whole.redelivered).toBeGreaterThan(0)
    expect(whole.rows_before - whole.removed + whole.added).toBe(whole.rows_after)
  })

  it("finds the same changes when a column's type changed between the releases", async () => {
    const wider = join(work, "previous-wider.parquet")
    // The previous release with its years as BIGINT and its values as text: every row hashes otherwise.
    await db.run(
      `COPY (SELECT * REPLACE (CAST(year AS BIGINT) AS year, CAST(value AS VARCHAR) AS value) FROM read_parquet('${committed.data}')) TO '${wider}' (FORMAT parquet)`,
    )
    const previous = { ...committed, data: wider }
    const whole = await datasetChanges(db, indicatorValues, previous, next())
    expect(await datasetChanges(db, indicatorValues, previous, next(), 1000)).toEqual(whole)
    expect(whole.added).toBeGreaterThan(0)
    expect(whole.removed).toBeGreaterThan(0)
  })
})
