/** A large JSON file written in two halves at once is byte for byte the file one writer makes. */
import { readdir, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appendJsonArray, copyFormats } from "../pipeline/write/copy-formats.ts"
import { parquetMetadata } from "../pipeline/write/write-release.ts"
import { indicatorValues } from "../schemas/datasets/indicator-values.ts"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { tempDir } from "./support/run-build.ts"

describe("copyFormats", () => {
  let work: string
  let db: Database

  beforeAll(async () => {
    work = await tempDir("formats")
    db = await openDatabase(work)
    // Text that JSON must escape, nulls, numbers and dates, in an order the query sorts.
    await db.run(`CREATE TABLE t AS SELECT i AS id,
        CASE WHEN i % 7 = 0 THEN NULL ELSE 'rad "' || i || '"\\ åäö' || chr(10) || '€' END AS label,
        CASE WHEN i % 5 = 0 THEN NULL ELSE i / 8.0 END AS value, DATE '2008-01-01' + CAST(i % 900 AS INTEGER) AS day
      FROM range(30011) r(i) ORDER BY hash(i)`)
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  const write = async (name: string, halvesFrom: number, where = "true") => {
    const base = join(work, name)
    await copyFormats(db, `SELECT * FROM t WHERE ${where} ORDER BY id`, base, halvesFrom)
    return {
      json: await readFile(`${base}.json`),
      csv: await readFile(`${base}.csv`),
      parquet: await readFile(`${base}.parquet`),
    }
  }

  it("writes decimal numbers as people write them: whole ones without .0, others shortest and exact", async () => {
    await db.run(`CREATE TABLE n AS SELECT * FROM (VALUES (1, 7390.0::DOUBLE), (2, 12.5::DOUBLE),
      (3, 0.1::DOUBLE + 0.2::DOUBLE), (4, -0.0::DOUBLE), (5, NULL::DOUBLE), (6, 1e20::DOUBLE), (7, -3::DOUBLE)) x(id, v)`)
    const base = join(work, "numbers")
    await copyFormats(db, "SELECT * FROM n ORDER BY id", base, Infinity, ["v"])
    const csv = (await readFile(`${base}.csv`, "utf8")).split("\n").slice(1, -1)
    expect(csv).toEqual(["1,7390", "2,12.5", "3,0.30000000000000004", "4,0", "5,", "6,1e+20", "7,-3"])
    const json = await readFile(`${base}.json`, "utf8")
    expect(json).toContain('{"id":1,"v":7390}')
    expect(json).toContain('{"id":5,"v":null}')
    // The text reads back as the very double Parquet holds.
    const values = (JSON.parse(json) as Array<{ v: number | null }>).map((r) => r.v)
    const parquet = await db.rows(`SELECT v FROM read_parquet('${base}.parquet') ORDER BY id`)
    expect(values).toEqual(parquet.map((r) => (r["v"] === null ? null : Object.is(r["v"], -0) ? 0 : r["v"])))
  })

  it("writes the dataset's and each field's description into the Parquet file's metadata", async () => {
    const base = join(work, "described")
    const metadata = parquetMetadata(indicatorValues)
    await copyFormats(db, "SELECT * FROM n ORDER BY id", base, Infinity, ["v"], metadata)
    const kv = await db.rows(
      `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${base}.parquet') ORDER BY k`,
    )
    const read = Object.fromEntries(kv.map((r) => [r["k"], r["v"]]))
    expect(read).toMatchObject({
      title: indicatorValues.title.en,
      json_schema: "../schemas/indicator_values.schema.json",
      primary_key: "indicator_id,municipality_code,year",
      "field:municipality_code": expect.stringContaining("; required"),
      "field:value": "The value, in the indicator's unit",
    })
  })

  it("writes the same three files whether the JSON is written whole or in halves", async () => {
    const whole = await write("whole", Infinity)
    const halves = await write("halves", 2)
    expect(halves.json.equals(whole.json)).toBe(true)
    expect(halves.csv.equals(whole.csv)).toBe(true)
    expect(halves.parquet.equals(whole.parquet)).toBe(true)
    const records = JSON.parse(halves.json.toString("utf8")) as Array<{ id: number; label: string | null }>
    expect(records).toHaveLength(30011)
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: 30011 }, (_, i) => i))
    expect(records[1]!.label).toBe('rad "1"\\ åäö\n€')
    // The second half is joined in and gone.
    expect((await readdir(work)).filter((f) => f.includes("second-half"))).toEqual([])
  })

  it("splits two rows into one each, and leaves an empty or one-row table whole", async () => {
    for (const [name, where] of [
      ["two", "id < 2"],
      ["one", "id = 5"],
      ["none", "false"],
    ] as const) {
      const whole = await write(`${name}-whole`, Infinity, where)
      const halves = await write(`${name}-halves`, 2, where)
      expect(halves.json.equals(whole.json), name).toBe(true)
    }
  })

  it("runs DuckDB with two threads at least, even on one core", async () => {
    const [{ threads }] = (await db.rows(`SELECT current_setting('threads') AS threads`)) as [{ threads: unknown }]
    expect(Number(threads)).toBeGreaterThanOrEqual(2)
  })

  it("refuses to join files that are not JSON arrays as DuckDB writes them", async () => {
    const a = join(work, "a.json")
    const b = join(work, "b.json")
    await writeFile(a, '[\n\t{"x":1}\n]')
    await writeFile(b, '[\n\t{"x":2}\n]\n')
    await expect(appendJsonArray(a, b)).rejects.toThrow(/does not end as a JSON array/)
    await writeFile(a, '[\n\t{"x":1}\n]\n')
    await writeFile(b, '{"x":2}\n')
    await expect(appendJsonArray(a, b)).rejects.toThrow(/does not start as a JSON array/)
    await writeFile(b, '[\n\t{"x":2}\n]\n')
    await appendJsonArray(a, b)
    expect(await readFile(a, "utf8")).toBe('[\n\t{"x":1},\n\t{"x":2}\n]\n')
  })
})
