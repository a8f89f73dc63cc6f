/**
 * A changed dataset's JSON and CSV files spliced from the published ones are byte for byte the
 * files written whole, whether all rows are compared with the published release or only those
 * of the delivery files whose fingerprints changed; the read-back accounts for the records
 * taken out and put in; and a published file that is not what SHA256SUMS says, or not laid out
 * one record per line, is refused.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { datasetChanges } from "../pipeline/catalog/changes.ts"
import { checkDatasets } from "../pipeline/check/check-release.ts"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { sha256File } from "../pipeline/shared/files.ts"
import { fingerprints } from "../pipeline/write/carry-over.ts"
import { copyFormats, writeParquet } from "../pipeline/write/copy-formats.ts"
import { spliceDataset, type SplicedDataset } from "../pipeline/write/splice-dataset.ts"
import { indicatorValues } from "../schemas/datasets/indicator-values.ts"
import { tempDir } from "./support/run-build.ts"

const COLUMNS = "indicator_id, municipality_code, year, value, value_status, source_file, source_line"
const query = (table: string) => `SELECT ${COLUMNS} FROM ${table} ORDER BY indicator_id, municipality_code, year`

describe("spliceDataset", () => {
  let work: string
  let db: Database
  const committed = resolve("dist", "data", "indicator_values.parquet")

  /** Publishes `table` into `dir` as a build does, and returns its SHA256SUMS entries. */
  const publish = async (table: string, dir: string) => {
    await mkdir(join(dir, "data"), { recursive: true })
    await copyFormats(db, query(table), join(dir, "data", "indicator_values"), 2, ["value"])
    const sums = new Map<string, string>()
    for (const ext of ["json", "csv", "parquet"]) {
      const file = `data/indicator_values.${ext}`
      sums.set(file, await sha256File(join(dir, file)))
    }
    return sums
  }

  /**
   * Writes `table`'s rows, as the dataset's table, into `dir` as a build does: the Parquet file,
   * and the JSON and CSV files spliced from the release in `from` beside it.
   */
  const splice = async (
    table: string,
    dir: string,
    from: string,
    sums: ReadonlyMap<string, string>,
    /** The published table, when the build knows its fingerprints per delivery file. */
    publishedTable?: string,
  ) => {
    await mkdir(join(dir, "data"), { recursive: true })
    const printsOf = async (rows: string) => {
      await db.run(`CREATE OR REPLACE TABLE indicator_values AS SELECT * FROM ${rows}`)
      return fingerprints(db, [indicatorValues])
    }
    const prints = publishedTable && { published: await printsOf(publishedTable), now: await printsOf(table) }
    await db.run(`CREATE OR REPLACE TABLE indicator_values AS SELECT * FROM ${table}`)
    const base = join(dir, "data", "indicator_values")
    const outcome = await spliceDataset(
      db,
      indicatorValues,
      base,
      ["value"],
      { dir: from, sums, workDir: join(work, "tmp"), sha1: true, fromRows: 1, ...(prints && { prints }) },
      () => writeParquet(db, query("indicator_values"), base),
    )
    // The Parquet file is written whether or not the others are spliced.
    expect(outcome.rows).toBe(Number((await db.rows(`SELECT count(*) AS n FROM ${table}`))[0]!["n"]))
    return outcome.spliced
  }

  /**
   * The next release of `from`: the first and last rows gone, a few of the rest, some values
   * changed, some rows delivered again (another line), rows added throughout, before the first
   * and after the last.
   */
  const nextOf = (from: string, table: string) =>
    `CREATE TABLE ${table} AS
      SELECT * EXCLUDE (rn, total) REPLACE (CASE WHEN hash(source_line) % 89 = 1 THEN value + 0.5 ELSE value END AS value,
        CASE WHEN hash(source_line) % 83 = 3 THEN source_line + 1000000 ELSE source_line END AS source_line)
        FROM (SELECT *, row_number() OVER (ORDER BY indicator_id, municipality_code, year) AS rn, count(*) OVER () AS total FROM ${from})
        WHERE hash(source_line) % 97 <> 0 AND rn > 1 AND rn < total
      UNION ALL SELECT * REPLACE (year + 40 AS year, 'varden-2050.csv' AS source_file) FROM ${from} WHERE hash(source_line) % 101 = 2
      UNION ALL (SELECT * REPLACE ('a' AS indicator_id) FROM ${from} ORDER BY indicator_id, municipality_code, year LIMIT 3)
      UNION ALL (SELECT * REPLACE ('zz' AS indicator_id) FROM ${from} ORDER BY indicator_id, municipality_code, year LIMIT 3)`

  beforeAll(async () => {
    work = await tempDir("splice")
    await mkdir(join(work, "tmp"))
    db = await openDatabase(join(work, "tmp"))
    // The committed release's values, with texts CSV must quote.
    await db.run(`CREATE TABLE published AS SELECT * REPLACE (CASE WHEN source_line % 9 = 0
        THEN 'leverans "' || source_line || '", rättad.csv' ELSE source_file END AS source_file)
      FROM read_parquet('${committed}')`)
    await db.run(nextOf("published", "next"))
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  it("gives the bytes of the files written whole, with their digests", async () => {
    const sums = await publish("published", join(work, "published"))
    await mkdir(join(work, "whole", "data"), { recursive: true })
    await copyFormats(db, query("next"), join(work, "whole", "data", "indicator_values"), 2, ["value"])
    const made = await splice("next", join(work, "spliced"), join(work, "published"), sums)
    if (typeof made !== "object") throw new Error(`not spliced: ${made}`)
    for (const ext of ["json", "csv", "parquet"]) {
      const file = `data/indicator_values.${ext}`
      const spliced = await readFile(join(work, "spliced", file))
      expect(spliced.equals(await readFile(join(work, "whole", file))), file).toBe(true)
      if (ext !== "parquet") expect(made.hashes.get(file)?.sha256).toBe(await sha256File(join(work, "spliced", file)))
    }
    expect(made.deleted).toBeGreaterThan(10)
    expect(made.inserted).toBeGreaterThan(10)
    expect(made.hashes.get("data/indicator_values.json")?.sha1).toMatch(/^[0-9a-f]{40}$/)
    // The rows taken out and put in are every row that differs: compared alone, they give the
    // change record that comparing the whole files gives.
    const whole = await datasetChanges(
      db,
      indicatorValues,
      join(work, "published", "data", "indicator_values.parquet"),
      join(work, "spliced", "data", "indicator_values.parquet"),
    )
    const alone = await datasetChanges(db, indicatorValues, made.rows.deleted, made.rows.inserted)
    expect({ ...alone, rows_before: made.rows.before, rows_after: made.rows.after }).toEqual(whole)
    expect(whole.added * whole.removed * whole.changed * whole.redelivered).toBeGreaterThan(0)
  })

  /** Splices `table` from the published release both ways and expects the files written whole. */
  const splicedAsWhole = async (table: string, name: string) => {
    const sums = await publish("published", join(work, `published-${name}`))
    await mkdir(join(work, `whole-${name}`, "data"), { recursive: true })
    await copyFormats(db, query(table), join(work, `whole-${name}`, "data", "indicator_values"), 2, ["value"])
    const made = await splice(table, join(work, `spliced-${name}`), join(work, `published-${name}`), sums, "published")
    if (typeof made !== "object") throw new Error(`not spliced: ${made}`)
    for (const ext of ["json", "csv", "parquet"]) {
      const file = `data/indicator_values.${ext}`
      const spliced = await readFile(join(work, `spliced-${name}`, file))
      expect(spliced.equals(await readFile(join(work, `whole-${name}`, file))), file).toBe(true)
    }
    const whole = await datasetChanges(
      db,
      indicatorValues,
      join(work, `published-${name}`, "data", "indicator_values.parquet"),
      join(work, `spliced-${name}`, "data", "indicator_values.parquet"),
    )
    const alone = await datasetChanges(db, indicatorValues, made.rows.deleted, made.rows.inserted)
    expect({ ...alone, rows_before: made.rows.before, rows_after: made.rows.after }).toEqual(whole)
    return made
  }

  it("compares only the rows of the delivery files whose fingerprints changed, when it knows them", async () => {
    // A new file, and one of the three published files with values changed and rows gone.
    await db.run(`CREATE TABLE one_file AS
      SELECT * REPLACE (CASE WHEN source_file LIKE '4k/%' AND source_line % 3 = 0 THEN value + 1 ELSE value END AS value)
        FROM published WHERE NOT (source_file LIKE '4k/%' AND source_line % 7 = 0)
      UNION ALL SELECT * REPLACE (year + 40 AS year, 'varden-2050.csv' AS source_file) FROM published WHERE hash(source_line) % 101 = 2`)
    const made = await splicedAsWhole("one_file", "one-file")
    expect(made.files).toBe(2)
    expect(made.deleted).toBeGreaterThan(0)
    expect(made.inserted).toBeGreaterThan(made.deleted)
  })

  it("takes out the records of a delivery no longer published, comparing its rows alone", async () => {
    await db.run(`CREATE TABLE withdrawn AS SELECT * FROM published WHERE source_file NOT LIKE '4k/%'`)
    const made = await splicedAsWhole("withdrawn", "withdrawn")
    const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM published WHERE source_file LIKE '4k/%'`)) as [
      { n: unknown },
    ]
    expect(Number(n)).toBeGreaterThan(0)
    expect(made).toMatchObject({ files: 1, deleted: Number(n), inserted: 0 })
  })

  it("matches rows by buckets within the changed files when they hold too many rows to match them all", async () => {
    // Every published file changed (the published table names a file of its own for every ninth
    // line), and one was added: their rows are more than twice the edits allowed.
    const made = await splicedAsWhole("next", "all-files")
    expect(made.files).toBeGreaterThan(3)
    expect(made.deleted).toBeGreaterThan(10)
  })

  it("keeps the published first and last records where new ones come before and after them", async () => {
    await db.run(`CREATE TABLE around AS SELECT * FROM published
      UNION ALL (SELECT * REPLACE ('a' AS indicator_id) FROM published ORDER BY indicator_id, municipality_code, year LIMIT 2)
      UNION ALL (SELECT * REPLACE ('zz' AS indicator_id) FROM published ORDER BY indicator_id, municipality_code, year LIMIT 2)`)
    const sums = await publish("published", join(work, "published-around"))
    await mkdir(join(work, "whole-around", "data"), { recursive: true })
    await copyFormats(db, query("around"), join(work, "whole-around", "data", "indicator_values"), 2, ["value"])
    const made = await splice("around", join(work, "spliced-around"), join(work, "published-around"), sums)
    expect(made).toMatchObject({ deleted: 0, inserted: 4 })
    for (const ext of ["json", "csv"]) {
      const file = `data/indicator_values.${ext}`
      const spliced = await readFile(join(work, "spliced-around", file))
      expect(spliced.equals(await readFile(join(work, "whole-around", file))), file).toBe(true)
    }
  })

  it("is read back from the records taken out and put in, and a record lost among them is found", async () => {
    const sums = await publish("published", join(work, "published-2"))
    const made = (await splice("next", join(work, "spliced-2"), join(work, "published-2"), sums)) as SplicedDataset
    const check = () =>
      checkDatasets(
        db,
        [indicatorValues],
        join(work, "spliced-2"),
        (f) => f,
        new Set(),
        new Map([["indicator_values", made]]),
      )
    expect(await check()).toEqual([])
    // The records put in, one fewer than the file holds: the JSON file no longer adds up.
    const inserted = await readFile(made.json.inserted, "utf8")
    await writeFile(made.json.inserted, inserted.replace(/\n\t\{[^\n]*\},\n/, "\n"))
    const problems = await check()
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/holds other rows than the JSON file/))
  })

  it("refuses a published file that is not what SHA256SUMS says, and leaves no file behind", async () => {
    const sums = await publish("published", join(work, "edited"))
    const json = join(work, "edited", "data", "indicator_values.json")
    await writeFile(json, (await readFile(json, "utf8")).replace('"year":20', '"year":19'))
    const made = await splice("next", join(work, "spliced-3"), join(work, "edited"), sums)
    expect(made).toBe("the published file is not what SHA256SUMS says")
    await expect(readFile(join(work, "spliced-3", "data", "indicator_values.json"))).rejects.toThrow(/ENOENT/)
    await expect(readFile(join(work, "spliced-3", "data", "indicator_values.csv"))).rejects.toThrow(/ENOENT/)
  })

  it("refuses a published file that is gone, and leaves no file behind", async () => {
    const sums = await publish("published", join(work, "gone"))
    await rm(join(work, "gone", "data", "indicator_values.csv"))
    const made = await splice("next", join(work, "spliced-gone"), join(work, "gone"), sums)
    expect(made).toBe("the published file cannot be read")
    await expect(readFile(join(work, "spliced-gone", "data", "indicator_values.json"))).rejects.toThrow(/ENOENT/)
    await expect(readFile(join(work, "spliced-gone", "data", "indicator_values.csv"))).rejects.toThrow(/ENOENT/)
  })

  it("refuses a CSV file whose values span lines, where a line is not a record", async () => {
    await db.run(`CREATE TABLE multiline AS SELECT * REPLACE (CASE WHEN source_line % 5 = 0
        THEN 'två' || chr(10) || 'rader.csv' ELSE source_file END AS source_file) FROM published`)
    const sums = await publish("multiline", join(work, "multiline"))
    await db.run(nextOf("multiline", "multiline_next"))
    const made = await splice("multiline_next", join(work, "spliced-4"), join(work, "multiline"), sums)
    expect(made).toMatch(
      /^the published file does not end after its last record$|^\d+ records were rendered, \d+ lines found$/,
    )
  })
})
