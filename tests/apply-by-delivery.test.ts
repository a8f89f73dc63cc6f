/**
 * The primary key taken delivery by delivery (pipeline/validate/apply-by-delivery.ts) finds
 * what the rule over the whole table finds; a delivery kept in the cache keeps its findings
 * beside it, and they are loaded while the delivery has the rows it was kept with; where two
 * deliveries share a key, nothing is gathered and the whole table is left to the rule.
 */
import { existsSync } from "node:fs"
import { rm, writeFile } from "node:fs/promises"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { keptFindingsPath } from "../pipeline/incremental/delivery-cache.ts"
import { findingsByDelivery, type KeptDeliveries } from "../pipeline/validate/apply-by-delivery.ts"
import { findingsSql, primaryKeyRule } from "../pipeline/validate/table-rules.ts"
import { indicatorValues } from "../schemas/datasets/indicator-values.ts"
import { createTableSql, sqlString } from "../schemas/derive/duckdb.ts"
import { tempDir } from "./support/run-build.ts"

const rule = primaryKeyRule(indicatorValues)
const KEY_A = "a".repeat(64)
const KEY_B = "b".repeat(64)

describe("the primary key, delivery by delivery", () => {
  let work: string
  let db: Database

  /** Rows of a delivery, one per line from line 2, each `[indicator, municipality, year]`. */
  const deliver = async (file: string, keys: ReadonlyArray<readonly [string, string, number]>) => {
    for (const [i, [indicator, municipality, year]] of keys.entries())
      await db.run(`INSERT INTO indicator_values (indicator_id, municipality_code, year, value, _file, _line)
        VALUES (${sqlString(indicator)}, ${sqlString(municipality)}, ${year}, ${i}, ${sqlString(file)}, ${i + 2})`)
  }

  /** The findings table's rows, sorted. */
  const found = async () =>
    (await db.rows(`SELECT _file, _line, value, message FROM findings ORDER BY _file, _line, message`)).map((r) => ({
      file: String(r["_file"]),
      line: Number(r["_line"]),
      value: r["value"],
      message: String(r["message"]),
    }))

  /** What the rule over the whole table finds. */
  const whole = async () => {
    await db.run(findingsSql(rule))
    return found()
  }

  const kept = (rows: { a: number; b: number }): KeptDeliveries => ({
    dir: work,
    entries: new Map([
      [
        "indicator_values",
        new Map([
          ["a.csv", { key: KEY_A, rows: rows.a }],
          ["b.csv", { key: KEY_B, rows: rows.b }],
        ]),
      ],
    ]),
  })

  beforeAll(async () => {
    work = await tempDir("by-delivery")
    db = await openDatabase(work)
    await db.run(
      createTableSql(indicatorValues, "indicator_values", false).replace(
        /\n\);\n$/u,
        `,\n  "_file" VARCHAR NOT NULL,\n  "_line" INTEGER NOT NULL,\n  "_cols" VARCHAR\n);\n`,
      ),
    )
    // a.csv repeats a key of its own twice, b.csv once; c.csv (not kept) has none.
    await deliver("a.csv", [
      ["pop", "2403", 2008],
      ["pop", "2403", 2009],
      ["pop", "2403", 2008],
      ["jobs", "2460", 2010],
      ["pop", "2403", 2008],
    ])
    await deliver("b.csv", [
      ["pop", "2460", 2008],
      ["pop", "2460", 2008],
    ])
    await deliver("c.csv", [["jobs", "2403", 2011]])
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  it("finds what the rule over the whole table finds, and keeps each kept delivery's findings", async () => {
    const expected = await whole()
    expect(expected.map((f) => `${f.file}:${f.line}`)).toEqual(["a.csv:4", "a.csv:6", "b.csv:3"])
    expect(await findingsByDelivery(db, rule, kept({ a: 5, b: 2 }))).toBe(true)
    expect(await found()).toEqual(expected)
    expect(existsSync(keptFindingsPath(work, KEY_A, rule.code))).toBe(true)
    expect(existsSync(keptFindingsPath(work, KEY_B, rule.code))).toBe(true)
  })

  it("loads a kept delivery's findings while it has the rows it was kept with, and only then", async () => {
    // Findings kept for a.csv that the rule would not find: loaded, so not found again.
    const at = keptFindingsPath(work, KEY_A, rule.code)
    await db.run(`COPY (SELECT 'a.csv' AS _file, 99 AS _line, NULL::VARCHAR AS _cols, 'x' AS value, 'kept' AS message)
      TO ${sqlString(at)} (FORMAT parquet)`)
    expect(await findingsByDelivery(db, rule, kept({ a: 5, b: 2 }))).toBe(true)
    expect((await found()).filter((f) => f.file === "a.csv").map((f) => f.message)).toEqual(["kept"])
    // With other rows than it was kept with (rows taken out since), a.csv is looked at again,
    // and what is kept for it is left as it was.
    expect(await findingsByDelivery(db, rule, kept({ a: 6, b: 2 }))).toBe(true)
    expect(await found()).toEqual(await whole())
    // A kept file that cannot be read is found again.
    await writeFile(at, "not parquet")
    expect(await findingsByDelivery(db, rule, kept({ a: 5, b: 2 }))).toBe(true)
    expect(await found()).toEqual(await whole())
  })

  it("leaves the whole table to the rule where two deliveries share a key", async () => {
    await deliver("d.csv", [["pop", "2460", 2008]])
    expect(await findingsByDelivery(db, rule, kept({ a: 5, b: 2 }))).toBe(false)
    const messages = (await whole()).filter((f) => f.file === "d.csv").map((f) => f.message)
    expect(messages).toEqual([expect.stringContaining("two current deliveries give this row")])
    await db.run(`DELETE FROM indicator_values WHERE _file = 'd.csv'`)
    // Two of the smaller deliveries sharing a key, neither of them the largest.
    await deliver("e.csv", [["jobs", "2403", 2011]])
    expect(await findingsByDelivery(db, rule, kept({ a: 5, b: 2 }))).toBe(false)
  })
})
