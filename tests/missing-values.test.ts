/**
 * A missing value through every reader: a CSV read by DuckDB and by the tokenizer, JSON, and a
 * workbook written by openpyxl, each declaring why a value is missing in each way the manifest
 * allows: a marker for empty cells (`""`), another marker (`..`), and a column of labels. Every
 * such value is published as null with its label, both CSV readers publish the same release,
 * and one table with an empty cell declared missing is published alike by every reader.
 */
import { cp, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sha256File } from "../pipeline/shared/files.ts"
import { build, tempDir } from "./support/run-build.ts"
import { treeHashes } from "./support/tree.ts"
import { hasOpenpyxl, writeWorkbook } from "./support/xlsx.ts"
import { tracedRows } from "./support/traced-rows.ts"

const GOOD_SMALL = join(import.meta.dirname, "cases", "good-small", "raw")

interface Delivery {
  readonly file: string
  readonly bytes?: Buffer
  readonly entry: Record<string, unknown>
  /** `municipality/year` → the label its value is published with, null. */
  readonly missing: Readonly<Record<string, string>>
  readonly reader: "duckdb" | "json" | "xlsx"
}

const EMPTY = [{ value: "", label: "not reported" }]
const DOTS = [{ value: "..", label: "not known" }]
const codes = { Kommunkod: "municipality_code", År: "year", Värde: "value" }
const names = { Kommun: { field: "municipality_code", parse: "municipality-name" }, År: "year", Värde: "value" }

const csv = (
  file: string,
  text: string,
  dialect: Record<string, unknown>,
  columns: Record<string, unknown>,
  missing: Record<string, string>,
): Delivery => ({
  file,
  bytes: Buffer.from(text, dialect["encoding"] === "windows-1252" ? "latin1" : "utf8"),
  entry: { format: "csv", dialect, columns },
  missing,
  reader: "duckdb",
})

const CSV: ReadonlyArray<Delivery> = [
  // The empty cell last on its line, and in the middle; LF and CRLF; UTF-8 and Windows-1252; codes and names.
  csv(
    "tom-kod.csv",
    "Kommunkod,År,Värde\n2403,2010,\n2460,2010,8400\n",
    { delimiter: ",", missingValues: EMPTY },
    codes,
    { "2403/2010": "not reported" },
  ),
  csv(
    "tom-namn.csv",
    "Kommun;Värde;År\r\nVännäs;;2011\r\nBjurholm;2 450;2011\r\n",
    { encoding: "windows-1252", delimiter: ";", thousandsSeparator: " ", missingValues: EMPTY },
    names,
    { "2460/2011": "not reported" },
  ),
  // White space alone is an empty cell.
  csv(
    "blank.csv",
    "Kommunkod;År;Värde\r\n0114;2011; \r\n",
    { delimiter: ";", missingValues: [{ value: " ", label: "confidential" }] },
    codes,
    { "0114/2011": "confidential" },
  ),
  // The same table as same-empty.json and same-empty.xlsx, a year apart: an empty cell declared missing.
  csv("same-empty.csv", "Kommunkod,År,Värde\n2403,2030,\n2460,2030,8400\n", { missingValues: EMPTY }, codes, {
    "2403/2030": "not reported",
  }),
  csv("prickar.csv", "Kommunkod,År,Värde\n2403,2012,..\n", { missingValues: DOTS }, codes, {
    "2403/2012": "not known",
  }),
  csv(
    "status.csv",
    "Kommunkod,År,Värde,Status\n2403,2013,,not available\n",
    {},
    { ...codes, Status: "value_status" },
    { "2403/2013": "not available" },
  ),
]

const json = (
  file: string,
  records: unknown[],
  dialect: Record<string, unknown>,
  more: Record<string, string> = {},
) => ({
  file,
  bytes: Buffer.from(JSON.stringify(records, null, 1)),
  entry: { format: "json", dialect, columns: { kod: "municipality_code", ar: "year", varde: "value", ...more } },
  reader: "json" as const,
})

const JSON_DELIVERIES: ReadonlyArray<Delivery> = [
  {
    // An empty string, null, and no key at all.
    ...json(
      "tom.json",
      [
        { kod: "2403", ar: 2014, varde: "" },
        { kod: "2460", ar: 2014, varde: null },
        { kod: "0114", ar: 2014 },
      ],
      { missingValues: EMPTY },
    ),
    missing: { "2403/2014": "not reported", "2460/2014": "not reported", "0114/2014": "not reported" },
  },
  {
    ...json(
      "same-empty.json",
      [
        { kod: "2403", ar: 2031, varde: "" },
        { kod: "2460", ar: 2031, varde: "8400" },
      ],
      { missingValues: EMPTY },
    ),
    missing: { "2403/2031": "not reported" },
  },
  {
    ...json("prickar.json", [{ kod: "2403", ar: 2015, varde: ".." }], { missingValues: DOTS }),
    missing: { "2403/2015": "not known" },
  },
  {
    ...json(
      "status.json",
      [{ kod: "2403", ar: 2016, varde: null, status: "confidential" }],
      {},
      {
        status: "value_status",
      },
    ),
    missing: { "2403/2016": "confidential" },
  },
]

/** A workbook's header and rows; a cell left out of a row is a cell never written. */
const workbook = (file: string, rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>) => {
  const cells: Record<string, string | number> = {}
  for (const [r, row] of rows.entries())
    for (const [c, value] of row.entries()) if (value !== undefined) cells[`${"ABCD"[c]}${r + 1}`] = value
  return { file, cells }
}

const XLSX: ReadonlyArray<{
  readonly file: string
  readonly cells: Record<string, string | number>
  readonly dialect: Record<string, unknown>
  readonly columns: Record<string, unknown>
  readonly missing: Readonly<Record<string, string>>
}> = [
  {
    ...workbook("tom.xlsx", [
      ["Kommunkod", "År", "Värde"],
      ["2403", 2017],
      ["2460", 2017, " "],
      ["0114", 2017, 41000],
    ]),
    dialect: { missingValues: EMPTY },
    columns: codes,
    missing: { "2403/2017": "not reported", "2460/2017": "not reported" },
  },
  {
    ...workbook("same-empty.xlsx", [
      ["Kommunkod", "År", "Värde"],
      ["2403", 2032, undefined],
      ["2460", 2032, 8400],
    ]),
    dialect: { missingValues: EMPTY },
    columns: codes,
    missing: { "2403/2032": "not reported" },
  },
  {
    ...workbook("prickar.xlsx", [
      ["Kommunkod", "År", "Värde"],
      ["2403", 2018, ".."],
    ]),
    dialect: { missingValues: DOTS },
    columns: codes,
    missing: { "2403/2018": "not known" },
  },
  {
    ...workbook("status.xlsx", [
      ["Kommunkod", "År", "Värde", "Status"],
      ["2403", 2019, undefined, "not applicable"],
    ]),
    dialect: {},
    columns: { ...codes, Status: "value_status" },
    missing: { "2403/2019": "not applicable" },
  },
]

describe("a value declared missing, through every reader", () => {
  let work: string
  let raw: string
  let deliveries: Delivery[]
  const built: Record<string, { tree: Record<string, string>; readers: Map<string, string>; rows: unknown[] }> = {}

  const buildWith = async (name: string, tokenizerOnly: boolean) => {
    const readers = new Map<string, string>()
    const out = join(work, name)
    const result = await build(raw, out, "build", tokenizerOnly, {
      progress: (line) => {
        const m = /^read (\S+) → .*, (\w+)\)$/u.exec(line)
        if (m !== null) readers.set(m[1]!, m[2]!)
      },
    })
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([])
    expect(result.ok).toBe(true)
    const rows = tracedRows(out, "indicator_values")
    built[name] = { tree: await treeHashes(out), readers, rows }
  }

  beforeAll(async () => {
    work = await tempDir("missing-values")
    raw = join(work, "raw")
    await cp(GOOD_SMALL, raw, { recursive: true })
    const xlsx: Delivery[] = hasOpenpyxl()
      ? XLSX.map((w) => {
          writeWorkbook(join(raw, w.file), { sheets: [{ name: "Blad1", cells: w.cells }] })
          return {
            file: w.file,
            entry: { format: "xlsx", dialect: w.dialect, columns: w.columns },
            missing: w.missing,
            reader: "xlsx",
          }
        })
      : []
    if (xlsx.length === 0)
      process.stderr.write("missing-values: no openpyxl for /usr/bin/python3, workbooks left out\n")
    deliveries = [...CSV, ...JSON_DELIVERIES, ...xlsx]
    const manifest = JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as { deliveries: unknown[] }
    for (const d of deliveries) {
      if (d.bytes !== undefined) await writeFile(join(raw, d.file), d.bytes)
      manifest.deliveries.push({
        file: d.file,
        dataset: "indicator_values",
        kind: "delivered",
        publisher: "Vindelns kommun",
        licence: "CC0-1.0",
        received: "2026-11-20",
        sha256: await sha256File(join(raw, d.file)),
        ...d.entry,
        constants: { indicator_id: "population" },
      })
    }
    await writeFile(join(raw, "manifest.json"), JSON.stringify(manifest, null, 2))
    await buildWith("bulk", false)
    await buildWith("tokenizer", true)
  }, 120_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("reads each file with the reader meant: DuckDB, then the tokenizer, for CSV", () => {
    for (const d of deliveries) {
      expect(built["bulk"]!.readers.get(d.file), d.file).toBe(d.reader)
      expect(built["tokenizer"]!.readers.get(d.file), d.file).toBe(d.reader === "duckdb" ? "tokenizer" : d.reader)
    }
  })

  it("publishes every value declared missing as null with its label, and every other value as given", () => {
    for (const name of ["bulk", "tokenizer"]) {
      const rows = built[name]!.rows as Array<Record<string, unknown>>
      for (const d of deliveries) {
        const published = rows.filter((r) => r["file"] === d.file)
        const missing = Object.fromEntries(
          published
            .filter((r) => r["value"] === null)
            .map((r) => [`${r["municipality_code"]}/${r["year"]}`, r["value_status"]]),
        )
        expect(missing, `${name}: ${d.file}`).toEqual(d.missing)
        for (const r of published.filter((r) => r["value"] !== null)) expect(r["value_status"]).toBeNull()
      }
    }
  })

  it("publishes the same table with an empty cell declared missing through every reader", () => {
    // same-empty.* hold one table, a year apart: without its year and its place it is published alike.
    const table = (build: string, file: string) =>
      (built[build]!.rows as Array<Record<string, unknown>>)
        .filter((r) => r["file"] === file)
        .map(({ year: _, file: __, line: ___, ...r }) => r)
    const viaDuckdb = table("bulk", "same-empty.csv")
    const cells = viaDuckdb.map((r) => [r["municipality_code"], r["value"], r["value_status"]])
    expect(JSON.stringify(cells)).toBe('[["2403",null,"not reported"],["2460",8400,null]]')
    for (const other of ["tokenizer:same-empty.csv", "bulk:same-empty.json", "bulk:same-empty.xlsx"]) {
      const [build, file] = other.split(":") as [string, string]
      if (hasOpenpyxl() || !file.endsWith(".xlsx")) expect(table(build, file), other).toEqual(viaDuckdb)
    }
  })

  it("publishes the same release through either CSV reader", () => {
    expect(built["tokenizer"]!.tree).toEqual(built["bulk"]!.tree)
  })
})
