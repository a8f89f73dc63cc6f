/**
 * The table rules' SQL (pipeline/validate/table-rules.ts), given a few hand-made staged rows in
 * an in-memory DuckDB, expected: a duplicate key found at its second line with its first, a
 * reference to nothing found, and a value of a project's indicator outside the project's period
 * found; rows that keep the rules are not found.
 */
import { rm } from "node:fs/promises"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { createTableSql, sqlString } from "../../schemas/derive/duckdb.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { openDatabase, type Database } from "../../pipeline/db/duckdb.ts"
import {
  cappedSql,
  findingsSql,
  foreignKeyRules,
  primaryKeyRule,
  resolveRowReferences,
  tableRules,
  type TableRule,
} from "../../pipeline/validate/table-rules.ts"
import { tempDir } from "../support/run-build.ts"

const dataset = (name: string) => {
  const found = DATASETS.find((d) => d.name === name)
  if (found === undefined) throw new Error(`no dataset ${name}`)
  return found
}

type Row = Record<string, string | number | null>

/** Staged rows: the dataset's values with the file and line they were read from, as the loader stages them. */
const insert = async (
  db: Database,
  name: string,
  file: string,
  rows: ReadonlyArray<readonly [line: number, row: Row]>,
) => {
  const columns = [...columnsOf(dataset(name)).map((c) => c.name), "_file", "_line"]
  const literal = (v: string | number | null | undefined) =>
    v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : sqlString(v)
  for (const [line, row] of rows) {
    const values: Row = { ...row, _file: file, _line: line }
    await db.run(
      `INSERT INTO ${name} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((c) => literal(values[c])).join(", ")})`,
    )
  }
}

/** What a rule finds: each row's file and line, value and message. */
const findings = async (db: Database, rule: TableRule) => {
  await db.run(findingsSql(rule))
  const rows = await db.rows(cappedSql(100, []))
  return rows.map((r) => ({
    file: r["_file"],
    line: Number(r["_line"]),
    value: r["value"],
    // A row the message names, as a text file's line.
    message: resolveRowReferences(String(r["message"]), (file, line) => `${file}:${line}`),
  }))
}

describe("the table rules", () => {
  let work: string
  let db: Database
  const values = dataset("indicator_values")

  beforeAll(async () => {
    work = await tempDir("table-rules")
    db = await openDatabase(work)
    // The staging tables as the loader makes them: the published columns, no NOT NULL, and where each row came from.
    for (const d of DATASETS) {
      await db.run(
        createTableSql(d, d.name, false).replace(
          /\n\);\n$/u,
          `,\n  "_file" VARCHAR NOT NULL,\n  "_line" INTEGER NOT NULL,\n  "_cols" VARCHAR\n);\n`,
        ),
      )
    }
    await insert(db, "deliveries", "raw/manifest.json", [
      [3, { file: "v.csv" }],
      [4, { file: "w.csv" }],
      [5, { file: "codes.csv" }],
    ])
    await insert(db, "counties", "codes.csv", [
      [2, { county_code: "24", county_name: "Västerbottens län", nuts3_code: "SE331" }],
    ])
    await insert(db, "municipalities", "codes.csv", [
      [2, { municipality_code: "2403", municipality_name: "Bjurholm", county_code: "24" }],
      [3, { municipality_code: "2460", municipality_name: "Vännäs", county_code: "24" }],
    ])
    await insert(db, "projects", "codes.csv", [
      [
        2,
        {
          project_id: "4k",
          title_sv: "Konkurrenskraftiga Kranskommuner",
          start_date: "2008-01-01",
          end_date: "2010-12-31",
        },
      ],
    ])
    await insert(db, "indicators", "codes.csv", [
      [
        2,
        {
          indicator_id: "population",
          label_sv: "Folkmängd",
          label_en: "Population",
          unit: "persons",
          project_id: null,
        },
      ],
      [
        3,
        {
          indicator_id: "new_jobs",
          label_sv: "Nya arbetstillfällen",
          label_en: "New jobs",
          unit: "count",
          project_id: "4k",
        },
      ],
    ])
    await insert(db, "indicator_values", "v.csv", [
      [2, { indicator_id: "population", municipality_code: "2403", year: 2008, value: 2516 }],
      [3, { indicator_id: "population", municipality_code: "2460", year: 2008, value: 8404 }],
      // The key of line 2 again.
      [5, { indicator_id: "population", municipality_code: "2403", year: 2008, value: 2517 }],
      // A municipality that does not exist.
      [6, { indicator_id: "population", municipality_code: "9999", year: 2009, value: 1 }],
      // The project ran 2008–2010: 2010 is inside, 2011 and 2007 are not.
      [7, { indicator_id: "new_jobs", municipality_code: "2403", year: 2010, value: 3 }],
      [8, { indicator_id: "new_jobs", municipality_code: "2460", year: 2011, value: 5 }],
      [9, { indicator_id: "new_jobs", municipality_code: "2460", year: 2007, value: 2 }],
    ])
    // The same key from another delivery.
    await insert(db, "indicator_values", "w.csv", [
      [4, { indicator_id: "population", municipality_code: "2460", year: 2008, value: 8404 }],
    ])
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  it("find a duplicate key at its second line, naming its first; across deliveries, naming both files", async () => {
    expect(await findings(db, primaryKeyRule(values))).toEqual([
      {
        file: "v.csv",
        line: 5,
        value: "population, 2403, 2008",
        message:
          "the key (indicator_id, municipality_code, year) = (population, 2403, 2008) is already used at v.csv:2: the same row twice; delete one of the two, or correct the key of the one that is wrong",
      },
      {
        file: "w.csv",
        line: 4,
        value: "population, 2460, 2008",
        message: expect.stringMatching(
          /^the key \(indicator_id, municipality_code, year\) = \(population, 2460, 2008\) is already used at v\.csv:3; two current deliveries give this row, v\.csv and w\.csv: .*"replaces"/u,
        ),
      },
    ])
    // A table without duplicates: nothing found.
    expect(await findings(db, primaryKeyRule(dataset("municipalities")))).toEqual([])
  })

  it("find a reference to a municipality that does not exist, and nothing where every reference holds", async () => {
    const rules = foreignKeyRules(values)
    const municipality = rules.find((r) => r.fields.includes("municipality_code"))!
    expect(await findings(db, municipality)).toEqual([
      { file: "v.csv", line: 6, value: "9999", message: "no municipalities row has (municipality_code) = (9999)" },
    ])
    const indicator = rules.find((r) => r.fields.includes("indicator_id"))!
    expect(await findings(db, indicator)).toEqual([])
  })

  it("find a missing reference of any dataset once its row is staged", async () => {
    await insert(db, "indicator_values", "v.csv", [
      [10, { indicator_id: "new_job", municipality_code: "2403", year: 2009, value: 1 }],
    ])
    try {
      const indicator = foreignKeyRules(values).find((r) => r.fields.includes("indicator_id"))!
      expect(await findings(db, indicator)).toEqual([
        { file: "v.csv", line: 10, value: "new_job", message: "no indicators row has (indicator_id) = (new_job)" },
      ])
    } finally {
      await db.run(`DELETE FROM indicator_values WHERE _file = 'v.csv' AND _line = 10`)
    }
  })

  it("find a value of a project's indicator for a year outside the project's period, and only those", async () => {
    const period = tableRules(DATASETS).find((r) => r.code === "row/period" && r.dataset === "indicator_values")
    expect(period).toBeDefined()
    const found = await findings(db, period!)
    expect(found.map((f) => [f.file, f.line, f.value])).toEqual([
      ["v.csv", 8, "2011"],
      ["v.csv", 9, "2007"],
    ])
    expect(found[0]!.message).toBe(
      "the indicator new_jobs belongs to project 4k, which ran 2008-01-01 to 2010-12-31; 2011 is outside it",
    )
  })

  it("every rule of every dataset runs on the staged tables", async () => {
    for (const rule of tableRules(DATASETS)) {
      await expect(db.run(findingsSql(rule)), `${rule.dataset}: ${rule.code}`).resolves.toBeUndefined()
    }
  })
})
