/**
 * A changed dataset's JSON and CSV files spliced from the published ones are byte for byte the
 * files written whole, whether all rows are compared with the published release or only those
 * of the delivery files whose fingerprints changed (a published row's file found in the published
 * provenance dataset); so are its provenance dataset's; the change record from the rows taken out
 * and put in is the one from the whole files; the read-back accounts for them; and a published
 * file that is not what SHA256SUMS says, or not laid out one record per line, is refused.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { datasetChanges } from "../pipeline/catalog/changes.ts"
import { checkDatasets } from "../pipeline/check/check-release.ts"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { sha256File } from "../pipeline/shared/files.ts"
import { fingerprints } from "../pipeline/incremental/fingerprints.ts"
import { copyFormats, writeParquet } from "../pipeline/write/copy-formats.ts"
import { spliceDataset, type SplicedDataset } from "../pipeline/write/splice-dataset.ts"
import type { DatasetDefinition } from "../schemas/dataset.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { indicatorValues } from "../schemas/datasets/indicator-values.ts"
import { tempDir } from "./support/run-build.ts"

const traces = DATASETS.find((d) => d.provenanceOf === "indicator_values")!
const KEY = "indicator_id, municipality_code, year"
/** A dataset's published rows from a staged table (its values, and `_file` and `_line`). */
const queryOf = (d: DatasetDefinition, table: string) =>
  d === traces
    ? `SELECT ${KEY}, _file AS file, _line AS line FROM ${table} ORDER BY ${KEY}`
    : `SELECT ${KEY}, value, value_status FROM ${table} ORDER BY ${KEY}`
const query = (table: string) => queryOf(indicatorValues, table)
const numbersOf = (d: DatasetDefinition) => (d === traces ? [] : ["value"])

describe("spliceDataset", () => {
  let work: string
  let db: Database
  const committed = (name: string) => resolve("dist", "data", `${name}.parquet`)

  /** Writes `table` as `d`'s files into `dir` whole, as a build does. */
  const writeWhole = async (d: DatasetDefinition, table: string, dir: string) => {
    await mkdir(join(dir, "data"), { recursive: true })
    await copyFormats(db, queryOf(d, table), join(dir, "data", d.name), 2, numbersOf(d))
  }

  /** Publishes `table` into `dir` as a build does, and returns its SHA256SUMS entries. */
  const publish = async (table: string, dir: string) => {
    const sums = new Map<string, string>()
    for (const d of [indicatorValues, traces]) {
      await writeWhole(d, table, dir)
      for (const ext of ["json", "csv", "parquet"]) {
        const file = `data/${d.name}.${ext}`
        sums.set(file, await sha256File(join(dir, file)))
      }
    }
    return sums
  }

  /** The staged table of indicator_values, and its provenance dataset's view of it, as a build has them. */
  const stage = async (rows: string) => {
    await db.run(`CREATE OR REPLACE TABLE indicator_values AS SELECT * FROM ${rows}`)
    await db.run(
      `CREATE OR REPLACE VIEW ${traces.name} AS SELECT ${KEY}, _file AS file, _line AS line, _file FROM indicator_values`,
    )
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
    d: DatasetDefinition = indicatorValues,
  ) => {
    await mkdir(join(dir, "data"), { recursive: true })
    const printsOf = async (rows: string) => {
      await stage(rows)
      return fingerprints(db, [indicatorValues, traces])
    }
    const prints = publishedTable && { published: await printsOf(publishedTable), now: await printsOf(table) }
    await stage(table)
    const base = join(dir, "data", d.name)
    const outcome = await spliceDataset(
      db,
      d,
      base,
      numbersOf(d),
      { dir: from, sums, workDir: join(work, "tmp"), sha1: true, ...(prints && { prints }) },
      () => writeParquet(db, queryOf(d, "indicator_values"), base),
    )
    // The Parquet file is written whether or not the others are spliced.
    expect(outcome.rows).toBe(Number((await db.rows(`SELECT count(*) AS n FROM ${table}`))[0]!["n"]))
    return outcome.spliced
  }

  /**
   * The next release of `from`: the first and last rows gone, a few of the rest, some values
   * changed, some rows delivered again (another line), rows added throughout, before the first
   * and after the last (each key once, as a table's key is).
   */
  const nextOf = (from: string, table: string) =>
    `CREATE TABLE ${table} AS
      SELECT * EXCLUDE (rn, total) REPLACE (CASE WHEN hash(_line) % 89 = 1 THEN value + 0.5 ELSE value END AS value,
        CASE WHEN hash(_line) % 83 = 3 THEN _line + 1000000 ELSE _line END AS _line)
        FROM (SELECT *, row_number() OVER (ORDER BY indicator_id, municipality_code, year) AS rn, count(*) OVER () AS total FROM ${from})
        WHERE hash(_line) % 97 <> 0 AND rn > 1 AND rn < total
      UNION ALL SELECT * REPLACE (year + 40 AS year, 'varden-2050.csv' AS _file) FROM ${from} WHERE hash(_line) % 101 = 2
      UNION ALL (SELECT * REPLACE ('a' || indicator_id AS indicator_id) FROM ${from} ORDER BY indicator_id, municipality_code, year LIMIT 3)
      UNION ALL (SELECT * REPLACE ('zz' || indicator_id AS indicator_id) FROM ${from} ORDER BY indicator_id, municipality_code, year LIMIT 3)`

  beforeAll(async () => {
    work = await tempDir("splice")
    await mkdir(join(work, "tmp"))
    db = await openDatabase(join(work, "tmp"))
    // The committed release's values with the file and line of each, some files' names texts CSV must quote.
    await db.run(`CREATE TABLE published AS SELECT * EXCLUDE (file, line), CASE WHEN line % 9 = 0
        THEN 'leverans "' || line || '", rättad.csv' ELSE file END AS _file, line AS _line
      FROM read_parquet('${committed("indicator_values")}') v JOIN read_parquet('${committed(traces.name)}') t USING (${KEY})`)
    await db.run(nextOf("published", "next"))
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  /**
   * The change record of the rows taken out and put in of both datasets, with the published and
   * spliced releases' whole provenance files to look the others up in, is the whole files' one.
   */
  const expectChangesAlone = async (made: SplicedDataset, madeTraces: SplicedDataset, from: string, to: string) => {
    const files = (dir: string) => ({
      data: join(dir, "data", "indicator_values.parquet"),
      provenance: join(dir, "data", `${traces.name}.parquet`),
    })
    const whole = await datasetChanges(db, indicatorValues, files(from), files(to))
    const side = (dir: string, part: "deleted" | "inserted") => ({
      data: made.rows[part],
      provenance: madeTraces.rows[part],
      provenanceOfAll: files(dir).provenance,
    })
    const alone = await datasetChanges(db, indicatorValues, side(from, "deleted"), side(to, "inserted"))
    expect({ ...alone, rows_before: made.rows.before, rows_after: made.rows.after }).toEqual(whole)
    return whole
  }

  it("gives the bytes of the files written whole, with their digests", async () => {
    const sums = await publish("published", join(work, "published"))
    for (const d of [indicatorValues, traces]) await writeWhole(d, "next", join(work, "whole"))
    const made = await splice("next", join(work, "spliced"), join(work, "published"), sums)
    const madeTraces = await splice("next", join(work, "spliced"), join(work, "published"), sums, undefined, traces)
    if (typeof made !== "object" || typeof madeTraces !== "object") throw new Error(`not spliced: ${made}`)
    for (const [d, m] of [
      [indicatorValues, made],
      [traces, madeTraces],
    ] as const)
      for (const ext of ["json", "csv", "parquet"]) {
        const file = `data/${d.name}.${ext}`
        const spliced = await readFile(join(work, "spliced", file))
        expect(spliced.equals(await readFile(join(work, "whole", file))), file).toBe(true)
        if (ext !== "parquet") expect(m.hashes.get(file)?.sha256).toBe(await sha256File(join(work, "spliced", file)))
      }
    expect(made.deleted).toBeGreaterThan(10)
    expect(made.inserted).toBeGreaterThan(10)
    expect(made.hashes.get("data/indicator_values.json")?.sha1).toMatch(/^[0-9a-f]{40}$/)
    // The rows taken out and put in are every row that differs, with the provenance rows that
    // changed: compared alone, they give the change record that comparing the whole files gives.
    const whole = await expectChangesAlone(made, madeTraces, join(work, "published"), join(work, "spliced"))
    expect(whole.added * whole.removed * whole.changed * whole.redelivered).toBeGreaterThan(0)
  })

  /** Splices `table` from the published release both ways and expects the files written whole. */
  const splicedAsWhole = async (table: string, name: string) => {
    const [published, spliced] = [join(work, `published-${name}`), join(work, `spliced-${name}`)]
    const sums = await publish("published", published)
    for (const d of [indicatorValues, traces]) await writeWhole(d, table, join(work, `whole-${name}`))
    const made = await splice(table, spliced, published, sums, "published")
    const madeTraces = await splice(table, spliced, published, sums, "published", traces)
    if (typeof made !== "object" || typeof madeTraces !== "object") throw new Error(`not spliced: ${made}`)
    for (const d of [indicatorValues, traces])
      for (const ext of ["json", "csv", "parquet"]) {
        const file = `data/${d.name}.${ext}`
        expect(
          (await readFile(join(spliced, file))).equals(await readFile(join(work, `whole-${name}`, file))),
          file,
        ).toBe(true)
      }
    await expectChangesAlone(made, madeTraces, published, spliced)
    return made
  }

  it("compares only the rows of the delivery files whose fingerprints changed, when it knows them", async () => {
    // A new file, and one of the three published files with values changed and rows gone.
    await db.run(`CREATE TABLE one_file AS
      SELECT * REPLACE (CASE WHEN _file LIKE '4k/%' AND _line % 3 = 0 THEN value + 1 ELSE value END AS value)
        FROM published WHERE NOT (_file LIKE '4k/%' AND _line % 7 = 0)
      UNION ALL SELECT * REPLACE (year + 40 AS year, 'varden-2050.csv' AS _file) FROM published WHERE hash(_line) % 101 = 2`)
    const made = await splicedAsWhole("one_file", "one-file")
    expect(made.files).toBe(2)
    expect(made.deleted).toBeGreaterThan(0)
    expect(made.inserted).toBeGreaterThan(made.deleted)
  })

  it("takes out the records of a delivery no longer published, comparing its rows alone", async () => {
    await db.run(`CREATE TABLE withdrawn AS SELECT * FROM published WHERE _file NOT LIKE '4k/%'`)
    const made = await splicedAsWhole("withdrawn", "withdrawn")
    const [{ n }] = (await db.rows(`SELECT count(*) AS n FROM published WHERE _file LIKE '4k/%'`)) as [{ n: unknown }]
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
      UNION ALL (SELECT * REPLACE ('a' || indicator_id AS indicator_id) FROM published ORDER BY indicator_id, municipality_code, year LIMIT 2)
      UNION ALL (SELECT * REPLACE ('zz' || indicator_id AS indicator_id) FROM published ORDER BY indicator_id, municipality_code, year LIMIT 2)`)
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
        undefined,
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
    await db.run(`CREATE TABLE multiline AS SELECT * REPLACE (CASE WHEN _line % 5 = 0
        THEN 'två' || chr(10) || 'rader.csv' ELSE _file END AS _file) FROM published`)
    const sums = await publish("multiline", join(work, "multiline"))
    await db.run(nextOf("multiline", "multiline_next"))
    const made = await splice(
      "multiline_next",
      join(work, "spliced-4"),
      join(work, "multiline"),
      sums,
      undefined,
      traces,
    )
    expect(made).toMatch(
      /^the published file does not end after its last record$|^\d+ records were rendered, \d+ lines found$/,
    )
  })
})
