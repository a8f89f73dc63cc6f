/**
 * The loading snippets of each codebook run, on the committed release, in the tools they are
 * written for: pandas and R (Debian's python3-pandas, r-cran-readr and r-cran-jsonlite; CI
 * installs them) and DuckDB through the project's own binding. Each yields the types it states
 * and the same rows as the JSON file; the analysis-ready pivot of indicator_values too.
 */
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { DuckDBInstance } from "@duckdb/node-api"
import { describe, expect, it } from "vitest"
import { loadSnippets, pivotSnippets } from "../pipeline/catalog/load-snippets.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { columnsOf } from "../schemas/derive/columns.ts"
import { hasPandas, hasR, PANDAS_TYPES, R_TYPES, runPython, runR } from "./support/snippet-tools.ts"

const DATA = resolve("dist", "data")
const file = (name: string) => (ext: string) => `${name}.${ext}`
const jsonRows = (name: string) =>
  JSON.parse(readFileSync(join(DATA, `${name}.json`), "utf8")) as Array<Record<string, unknown>>
const codebook = (name: string) => readFileSync(join(DATA, `${name}.md`), "utf8")

const cases = DATASETS.map((d) => [d.name, d] as const)

describe.each(cases)("the loading snippets of %s", (name, d) => {
  const snippets = loadSnippets(d, file(name))
  const typesBy = (types: Record<string, string>) =>
    Object.fromEntries(columnsOf(d).map((c) => [c.name, types[c.type]]))

  it("are in its codebook as they run here", () => {
    for (const s of snippets) expect(codebook(name)).toContain(s.code)
  })

  it.skipIf(!hasPandas())("pandas reads the CSV and the JSON with their types and the JSON's values", () => {
    for (const s of snippets.filter((x) => x.tool === "pandas" && x.format !== "parquet")) {
      const loaded = runPython(s.code, DATA)
      expect(loaded.types, `${s.format}`).toEqual(typesBy(PANDAS_TYPES))
      expect(loaded.rows, `${s.format}`).toEqual(jsonRows(name))
    }
  })

  it.skipIf(!hasR())("readr and base R read the CSV, jsonlite the JSON, with their types and the JSON's values", () => {
    for (const s of snippets.filter((x) => x.language === "r" && x.format !== "parquet")) {
      const loaded = runR(s.code, DATA)
      expect(loaded.types, s.tool).toEqual(typesBy(R_TYPES))
      expect(loaded.rows, s.tool).toEqual(jsonRows(name))
    }
  })

  it("DuckDB reads each file with the definition's types and the JSON's values", async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect()
    await db.run(`SET file_search_path = '${DATA}'`)
    const expected = jsonRows(name)
    for (const s of snippets.filter((x) => x.tool === "DuckDB")) {
      const result = await db.runAndReadAll(s.code)
      expect(result.columnTypes().map(String), s.format).toEqual(columnsOf(d).map((c) => c.type))
      // DuckDB's JSON rows give a BIGINT as text; the JSON file as a number.
      const bigints = columnsOf(d)
        .filter((c) => c.type === "BIGINT")
        .map((c) => c.name)
      const rows = result
        .getRowObjectsJson()
        .map((r) => ({ ...r, ...Object.fromEntries(bigints.map((c) => [c, r[c] === null ? null : Number(r[c])])) }))
      expect(rows, s.format).toEqual(expected)
    }
    db.closeSync()
  })
})

describe("indicator_values, one row per municipality and year", () => {
  const [sql, pandas] = pivotSnippets((n, e) => `${n}.${e}`)
  const population = jsonRows("indicator_values").find(
    (r) => r["indicator_id"] === "population" && r["municipality_code"] === "2460" && r["year"] === 2009,
  )!

  it("is in the codebook", () => {
    expect(codebook("indicator_values")).toContain(sql!.code)
    expect(codebook("indicator_values")).toContain(pandas!.code)
  })

  it("DuckDB's pivot gives the municipality's name, county, and each indicator's value beside its status", async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect()
    await db.run(`SET file_search_path = '${DATA}'`)
    const result = await db.runAndReadAll(sql!.code)
    const columns = result.columnNames()
    expect(columns.slice(0, 4)).toEqual(["municipality_name", "county_name", "municipality_code", "year"])
    expect(columns.indexOf("population_status")).toBe(columns.indexOf("population_value") + 1)
    const row = result.getRowObjectsJson().find((r) => r["municipality_code"] === "2460" && r["year"] === 2009)!
    expect(row).toMatchObject({
      municipality_name: "Vännäs",
      county_name: "Västerbottens län",
      population_status: null,
    })
    expect(Number(row["population_value"])).toBe(population["value"])
    db.closeSync()
  })

  it.skipIf(!hasPandas())("pandas' pivot gives the same", () => {
    const loaded = runPython(`${pandas!.code}\ndf = wide`, DATA)
    const columns = Object.keys(loaded.types)
    expect(columns.indexOf("population_status")).toBe(columns.indexOf("population_value") + 1)
    const row = loaded.rows.find((r) => r["municipality_code"] === "2460" && r["year"] === 2009)!
    expect(row).toMatchObject({
      municipality_name: "Vännäs",
      county_name: "Västerbottens län",
      population_status: null,
    })
    expect(row["population_value"]).toBe(population["value"])
  })
})
