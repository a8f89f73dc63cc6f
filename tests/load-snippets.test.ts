/**
 * The loading snippets of each codebook run, on the committed release, in the tools they are
 * written for: pandas and R (Debian's python3-pandas and python3-openpyxl, r-cran-readr,
 * r-cran-jsonlite and r-cran-dplyr; CI installs them) and DuckDB through the project's own
 * binding. Each yields the types it states and the same rows as the JSON file; the
 * analysis-ready pivot of indicator_values too. The joins with the datasets a dataset's keys
 * refer to, and with its provenance and the deliveries, keep every row and find its match.
 * pandas' Parquet reader needs pyarrow, which Debian does not package: that snippet runs where
 * pyarrow is, and is otherwise held to the reader's own signature.
 */
import { readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { DuckDBInstance } from "@duckdb/node-api"
import { describe, expect, it } from "vitest"
import { foreignKeyJoins, joinSnippets, type JoinStep } from "../pipeline/catalog/join-snippets.ts"
import { loadSnippets } from "../pipeline/catalog/load-snippets.ts"
import { wideSnippets } from "../pipeline/catalog/wide-snippets.ts"
import { fromXlsxText } from "../pipeline/write/xlsx-text.ts"
import type { DatasetDefinition } from "../schemas/dataset.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { columnsOf } from "../schemas/derive/columns.ts"
import { hasOpenpyxl } from "./support/xlsx.ts"
import {
  hasPandas,
  hasPyarrow,
  hasR,
  PANDAS_TYPES,
  R_TYPES,
  runPython,
  runR,
  pandasAccepts,
} from "./support/snippet-tools.ts"

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
    for (const s of snippets.filter((x) => x.tool === "pandas" && (x.format === "csv" || x.format === "json"))) {
      const loaded = runPython(s.code, DATA)
      expect(loaded.types, `${s.format}`).toEqual(typesBy(PANDAS_TYPES))
      expect(loaded.rows, `${s.format}`).toEqual(jsonRows(name))
    }
  })

  it.skipIf(!hasPandas() || !hasOpenpyxl())("pandas reads the workbook with its types, codes as text", () => {
    const excel = snippets.filter((x) => x.format === "xlsx")
    expect(excel).toHaveLength(d.provenanceOf === undefined ? 1 : 0)
    for (const s of excel) {
      const loaded = runPython(s.code, DATA)
      expect(loaded.types).toEqual(typesBy(PANDAS_TYPES))
      // A character XML cannot hold stays written as Excel writes it (_x001C_), which Excel reads as the character.
      const unescaped = loaded.rows.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" ? fromXlsxText(v) : v])),
      )
      expect(unescaped).toEqual(jsonRows(name))
    }
  })

  it.skipIf(!hasPandas())("pandas reads the Parquet file with nullable types, in pandas 2 and in pandas 1.5", () => {
    const [parquet] = snippets.filter((x) => x.tool === "pandas" && x.format === "parquet")
    // The keyword for the pandas installed is one its reader takes (pandas 1.5: use_nullable_dtypes).
    const keyword = pandasAccepts("read_parquet", ["dtype_backend", "use_nullable_dtypes"])
    expect(parquet!.code).toContain(`${keyword}=`)
    if (!hasPyarrow()) {
      console.warn(`load-snippets: no pyarrow for /usr/bin/python3, ${name}.parquet not read by pandas`)
      return
    }
    const loaded = runPython(parquet!.code, DATA)
    expect(loaded.types).toEqual(typesBy(PANDAS_TYPES))
    expect(loaded.rows).toEqual(jsonRows(name))
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
  const values = DATASETS.find((d) => d.name === "indicator_values")!
  const [sql, pandas] = wideSnippets(values, DATASETS, (n, e) => `${n}.${e}`)
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

/** The fields of `d` beside its key, of which a row has one at least (a value, or why it is missing). */
const fieldsBeside = (d: DatasetDefinition) =>
  columnsOf(d)
    .map((c) => c.name)
    .filter((c) => !d.primaryKey.includes(c))

/**
 * A join's snippets, each run: every row of `from` kept, and each row whose key is given has the
 * fields of the row it refers to.
 */
const expectJoins = async (from: DatasetDefinition, steps: ReadonlyArray<JoinStep>) => {
  const snippets = joinSnippets(from, steps, (n, e) => `${n}.${e}`)
  const rows = jsonRows(from.name)
  const expectFound = (joined: Array<Record<string, unknown>>, tool: string) => {
    expect(joined, tool).toHaveLength(rows.length)
    for (const step of steps)
      for (const r of joined)
        if (step.on.every((k) => r[k] !== null))
          expect(
            fieldsBeside(step.dataset).some((f) => r[f] !== null),
            `${tool}: ${step.dataset.name} for ${JSON.stringify(r)}`,
          ).toBe(true)
  }
  for (const s of snippets) {
    expect(codebook(from.name)).toContain(s.code)
    if (s.tool === "pandas" && hasPandas()) expectFound(runPython(s.code, DATA).rows, "pandas")
    if (s.tool === "dplyr" && hasR()) expectFound(runR(s.code, DATA).rows, "dplyr")
    if (s.tool === "DuckDB") {
      const db = await (await DuckDBInstance.create(":memory:")).connect()
      await db.run(`SET file_search_path = '${DATA}'`)
      expectFound((await db.runAndReadAll(s.code)).getRowObjectsJson() as Array<Record<string, unknown>>, "DuckDB")
      db.closeSync()
    }
  }
}

describe.each(cases)("the joins in the codebook of %s", (_, d) => {
  const joins = foreignKeyJoins(d, DATASETS)
  it.skipIf(joins.length === 0)("keep every row and find the row each key refers to", async () => {
    for (const j of joins) await expectJoins(d, [j])
  })

  const provenance = DATASETS.find((x) => x.provenanceOf === d.name)
  it.skipIf(provenance === undefined)("follow every row to its delivery", async () => {
    const deliveries = DATASETS.find((x) => x.name === "deliveries")!
    await expectJoins(d, [
      { dataset: provenance!, on: d.primaryKey },
      { dataset: deliveries, on: ["file"] },
    ])
  })
})
