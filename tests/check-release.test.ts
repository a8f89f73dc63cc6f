/** The release check catches a staged release that is not what it should be. */
import { appendFile, cp, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { listFiles } from "../pipeline/shared/files.ts"
import { startReleaseCheck } from "../pipeline/check/check-release.ts"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { counties } from "../schemas/datasets/counties.ts"
import { writeDatasetXlsx } from "../pipeline/write/write-xlsx.ts"
import { tempDir } from "./support/run-build.ts"

const GOOD = join("tests", "cases", "good-small", "expected")

describe("checkRelease", () => {
  let work: string
  let staged: string
  let db: Database
  // The pages of the projects the golden release has.
  // As the build runs it, with the pages of the projects the golden release has.
  const check = async () => {
    const rowPages = (await listFiles(GOOD)).filter((f) => f.startsWith("projects/"))
    return startReleaseCheck(db, DATASETS, staged, (f) => f).finish({ catalogue: false, rowPages })
  }

  beforeAll(async () => {
    work = await tempDir("check")
    db = await openDatabase(work)
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })
  beforeEach(async () => {
    staged = join(work, `staged-${Math.random().toString(36).slice(2)}`)
    await cp(GOOD, staged, { recursive: true })
  })

  const edit = async (file: string, from: string, to: string) => {
    const path = join(staged, file)
    const text = await readFile(path, "utf8")
    expect(text).toContain(from)
    await writeFile(path, text.replace(from, to))
  }

  it("passes the golden release", async () => {
    expect(await check()).toEqual([])
  })

  // Both readers see it: csv-parse row by row, and DuckDB's fingerprint of the whole file.
  it("finds a CSV that differs from the JSON", async () => {
    await edit("data/indicator_values.csv", ",2516,", ",2517,")
    const problems = await check()
    expect(problems).toMatchObject([
      { code: "release/check", file: "data/indicator_values.csv" },
      { code: "release/check", file: "data/indicator_values.csv" },
    ])
    expect(problems[0]!.message).toContain("row 2")
  })

  it("finds a missing row", async () => {
    await edit("data/municipalities.csv", "2460,Vännäs,24\n", "")
    expect(await check()).toMatchObject([
      { code: "release/check", file: "data/municipalities.csv" },
      { code: "release/check", file: "data/municipalities.csv" },
    ])
  })

  it("finds a record that breaks the published schema in all three files, with ajv and in SQL", async () => {
    await edit("data/municipalities.json", '"municipality_code":"2403"', '"municipality_code":"243"')
    await edit("data/municipalities.csv", "2403,Bjurholm", "243,Bjurholm")
    const parquet = join(staged, "data", "municipalities.parquet")
    await db.run(
      `CREATE OR REPLACE TABLE broken AS SELECT * REPLACE (CASE WHEN municipality_code = '2403' THEN '243' ELSE municipality_code END AS municipality_code) FROM read_parquet('${parquet}')`,
    )
    await db.run(`COPY (SELECT * FROM broken ORDER BY municipality_code) TO '${parquet}' (FORMAT parquet)`)
    const problems = await check()
    // ajv reads the JSON file; the SQL form of the schema reads the Parquet file, which holds the same rows.
    expect(problems.filter((p) => p.file === "data/municipalities.json").map((p) => p.code)).toEqual(["release/check"])
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "data/municipalities.parquet", columnName: "municipality_code", value: "243" }),
    )
    expect(problems.filter((p) => /other rows/.test(p.message))).toEqual([])
  })

  it("finds a JSON record that breaks the schema and differs from the other files", async () => {
    await edit("data/municipalities.json", '"municipality_code":"2403"', '"municipality_code":"243"')
    const problems = await check()
    expect(problems.filter((p) => p.file === "data/municipalities.json").map((p) => p.code)).toEqual(["release/check"])
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: "data/municipalities.csv",
        message: expect.stringMatching(/differs from the JSON file/),
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: "data/municipalities.parquet",
        message: expect.stringMatching(/other rows than the JSON file/),
      }),
    )
  })

  // A workbook once left out what XML cannot hold: the check reads it back, as a reader of its own.
  it("finds a workbook whose text differs from the JSON file's: a character left out", async () => {
    const parquet = join(work, "counties-less.parquet")
    await db.run(
      `COPY (SELECT * REPLACE (replace(county_name, 'ä', '') AS county_name) FROM read_parquet('${join(staged, "data", "counties.parquet")}')) TO '${parquet}' (FORMAT parquet)`,
    )
    await writeDatasetXlsx(db, counties, parquet, join(staged, "data", "counties.xlsx"), "2012-03-21")
    expect(await check()).toMatchObject([
      {
        code: "release/check",
        file: "data/counties.xlsx",
        message: expect.stringMatching(
          /^differs from the JSON file: row 1, county_name: "Stockholms ln" in the workbook, "Stockholms län" in the JSON$/u,
        ),
      },
    ])
  })

  it("finds personal data in any text file", async () => {
    await appendFile(
      join(staged, "corrections.csv"),
      'municipalities,x.csv,9,1,kod,municipality_name,"a","kontakt anna.svensson@example.se",x\n',
    )
    expect(await check()).toMatchObject([
      { code: "release/personal-data", file: "corrections.csv", line: 3, value: "anna.svensson@example.se" },
    ])
  })

  it("finds personal data in a dataset", async () => {
    await db.run(
      `CREATE OR REPLACE TABLE pd AS SELECT * REPLACE ('ring 070-174 06 14' AS municipality_name) FROM read_parquet('${join(staged, "data", "municipalities.parquet")}')`,
    )
    await db.run(`COPY pd TO '${join(staged, "data", "municipalities.parquet")}' (FORMAT parquet)`)
    const problems = await check()
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: "release/personal-data",
        file: "data/municipalities.parquet",
        columnName: "municipality_name",
        value: "070-174 06 14",
      }),
    )
  })

  it("finds a person's name in a dataset's free text, and in any text file", async () => {
    await db.run(
      `CREATE OR REPLACE TABLE pd AS SELECT * REPLACE ('Vi är nöjda, säger Fiktiva Ekbacka' AS municipality_name) FROM read_parquet('${join(staged, "data", "municipalities.parquet")}')`,
    )
    await db.run(`COPY pd TO '${join(staged, "data", "municipalities.parquet")}' (FORMAT parquet)`)
    await writeFile(join(staged, "data", "counties.md"), "# Län\n\nSammanställd av professor Påhittad Lund.\n")
    const problems = await check()
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: "release/personal-data",
        file: "data/municipalities.parquet",
        columnName: "municipality_name",
        value: "Fiktiva Ekbacka",
        message: expect.stringContaining("a person's name"),
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: "release/personal-data",
        file: "data/counties.md",
        line: 3,
        value: "Påhittad Lund",
      }),
    )
  })

  it("finds a file that cannot be read back, without failing itself", async () => {
    await writeFile(join(staged, "data", "counties.json"), '[\n\t{"county_code":"01",\n')
    const problems = await check()
    expect(problems.some((p) => p.code === "release/check" && p.file === "data/counties.json")).toBe(true)
  })

  it("finds a file nothing should have written", async () => {
    await writeFile(join(staged, "data", "notes.txt"), "hello\n")
    expect(await check()).toMatchObject([{ code: "release/check", file: "data/notes.txt" }])
  })
})
