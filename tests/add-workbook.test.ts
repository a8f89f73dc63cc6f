/**
 * `pipeline add` given an Excel workbook written by another program (openpyxl): its sheet and
 * header row found or asked for, the entry written with `"format": "xlsx"`, and the delivery
 * validated and built like a CSV's.
 */
import { cp, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { build, tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { tracedRows } from "./support/traced-rows.ts"
import { treeHashes } from "./support/tree.ts"
import { hasOpenpyxl, type SheetSpec, writeWorkbook } from "./support/xlsx.ts"

const GOOD_SMALL = join("tests", "cases", "good-small", "raw")
const who = ["--publisher", "Vindelns kommun", "--licence", "CC0-1.0", "--received", "2026-11-20"]

/** A title merged over the columns, an empty row, then the header on row 3. */
const figures: SheetSpec = {
  name: "Blad1",
  cells: {
    A1: "Folkmängd enligt kommunens räkning",
    A3: "Kommun",
    B3: "År",
    C3: "Antal",
    A4: "Bjurholm",
    B4: 2010,
    C4: 2490,
    A5: "Vännäs",
    B5: 2010,
    C5: "8 402",
  },
  merged: ["A1:C1"],
}

describe.skipIf(!hasOpenpyxl())("pipeline add of a workbook (needs openpyxl for /usr/bin/python3)", () => {
  let work: string
  let dist: string
  beforeAll(async () => {
    work = await tempDir("add-workbook")
    dist = join(work, "dist")
    expect((await build(GOOD_SMALL, dist)).ok).toBe(true)
  }, 60_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("finds the header below a title, files the workbook with its entry, and the delivery builds", async () => {
    const raw = join(work, "one", "raw")
    await cp(GOOD_SMALL, raw, { recursive: true })
    const file = join(work, "one", "folkmangd.xlsx")
    writeWorkbook(file, { sheets: [figures] })
    const args = ["add", file, "--dataset", "indicator_values", "--indicator", "population", ...who]
    const added = await pipeline([...args, "--raw", raw, "--out", dist])
    expect(added.status, added.stderr).toBe(0)
    expect(added.stderr).toContain('sheet: "Blad1" (the workbook\'s only sheet)')
    expect(added.stderr).toContain("header row: 3 (the first row that labels every column holding values below it")
    const entry = JSON.parse(added.stdout) as Record<string, unknown>
    expect(entry).toMatchObject({
      file: "vindelns-kommun/2026-11-20/folkmangd.xlsx",
      format: "xlsx",
      dialect: { sheet: "Blad1", headerRow: 3, thousandsSeparator: " " },
      columns: { Kommun: { field: "municipality_code", parse: "municipality-name" }, År: "year", Antal: "value" },
    })
    const out = join(work, "one", "dist")
    expect((await build(raw, out)).ok).toBe(true)
    const rows = tracedRows(out, "indicator_values")
    expect(rows.filter((r) => r["file"] === entry["file"]).map((r) => [r["municipality_code"], r["value"]])).toEqual([
      ["2403", 2490],
      ["2460", 8402],
    ])
  })

  it("asks which sheet when the workbook has several, and writes nothing", async () => {
    const raw = join(work, "two", "raw")
    await cp(GOOD_SMALL, raw, { recursive: true })
    const before = await treeHashes(raw)
    const file = join(work, "two", "folkmangd.xlsx")
    writeWorkbook(file, { sheets: [{ name: "Anteckningar", cells: { A1: "Se Blad1" } }, figures] })
    const args = ["add", file, "--dataset", "indicator_values", "--indicator", "population", ...who]
    const asked = await pipeline([...args, "--raw", raw, "--out", dist])
    expect(asked.status).toBe(2)
    expect(asked.stderr).toContain('the workbook has 2 sheets ("Anteckningar", "Blad1"): which holds the delivery?')
    expect(asked.stderr).toContain("answer with --sheet")
    expect(await treeHashes(raw)).toEqual(before)
    const answered = await pipeline([...args, "--sheet", "Blad1", "--raw", raw, "--out", dist])
    expect(answered.status, answered.stderr).toBe(0)
    expect(JSON.parse(answered.stdout)).toMatchObject({ dialect: { sheet: "Blad1", headerRow: 3 } })
  })
})

/** Population on 31 December (SCB), as docs/../shared/data/README.md confirms it from several files. */
const POPULATION: Record<string, ReadonlyArray<number>> = {
  "2403 Bjurholm": [2549, 2516, 2500, 2460, 2431],
  "2460 Vännäs": [8351, 8357, 8357, 8414, 8465],
}
const YEARS = [2007, 2008, 2009, 2010, 2011]
const columnOf = (i: number) => String.fromCharCode(66 + i)

/**
 * A sheet as Statistikdatabasen saves it: title rows, the header `Kommun, 2007 … 2011` on row 6,
 * a municipality per row (`..` where SCB has no figure), then a blank row and the notes block.
 */
const statistikdatabasen = (rows: ReadonlyArray<readonly [string, ReadonlyArray<number | string>]>): SheetSpec => {
  const cells: Record<string, string | number> = {
    A1: "Folkmängden efter region och år",
    A2: "Antal personer",
    A4: "Uppgifterna avser förhållandena den 31 december",
    A6: "Kommun",
  }
  YEARS.forEach((year, i) => {
    cells[`${columnOf(i)}6`] = year
  })
  rows.forEach(([region, values], r) => {
    cells[`A${7 + r}`] = region
    values.forEach((v, i) => {
      cells[`${columnOf(i)}${7 + r}`] = v
    })
  })
  const notes = 7 + rows.length + 1
  cells[`A${notes}`] = "Kommentar:"
  cells[`A${notes + 1}`] = "Folkmängden avser den 31 december varje år."
  cells[`A${notes + 2}`] = "Källa: SCB, Statistikdatabasen"
  return { name: "Blad1", cells, merged: ["A1:F1"] }
}

const newIndicator = [
  "--dataset",
  "indicator_values",
  "--new-indicator",
  "population_scb",
  "--label-sv",
  "Folkmängd 31 december (SCB)",
  "--label-en",
  "Population on 31 December (SCB)",
  "--unit",
  "persons",
  "--missing",
  "..=not available",
  ...who,
]

describe.skipIf(!hasOpenpyxl())("pipeline add of Statistikdatabasen's workbook (needs openpyxl)", () => {
  let work: string
  let dist: string
  beforeAll(async () => {
    work = await tempDir("add-statistikdatabasen")
    dist = join(work, "dist")
    expect((await build(GOOD_SMALL, dist)).ok).toBe(true)
  }, 60_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("goes in with its flags alone: the table between titles and notes, the years a wide layout; and it builds", async () => {
    const raw = join(work, "scb", "raw")
    await cp(GOOD_SMALL, raw, { recursive: true })
    const file = join(work, "scb", "folkmangd.xlsx")
    const rows = [
      ...Object.entries(POPULATION),
      ["0114 Upplands Väsby", YEARS.map(() => "..")] as const,
    ] as ReadonlyArray<readonly [string, ReadonlyArray<number | string>]>
    writeWorkbook(file, { sheets: [statistikdatabasen(rows)] })
    const added = await pipeline(["add", file, ...newIndicator, "--raw", raw, "--out", dist])
    expect(added.status, added.stderr).toBe(0)
    expect(added.stderr).toContain("header row: 6 (the first row that labels every column holding values below it")
    expect(added.stderr).toContain(
      'last row: 9 (row 10 is blank, and below it are notes from A11 ("Kommentar:"); rows 10–13 are not read',
    )
    expect(added.stderr).toContain("wide layout: 5 columns 2007–2011: the label → year, the cell → value")
    const [, entry] = JSON.parse(added.stdout) as Array<Record<string, unknown>>
    expect(entry).toMatchObject({
      format: "xlsx",
      dialect: { sheet: "Blad1", headerRow: 6, lastRow: 9, missingValues: [{ value: "..", label: "not available" }] },
      layout: { wide: { columns: { years: [2007, 2011] }, labelField: "year", valueField: "value" } },
    })
    // One column declared, not one per year.
    expect(entry!["columns"]).toEqual({ Kommun: { field: "municipality_code", parse: "code-name" } })

    const out = join(work, "scb", "dist")
    expect((await build(raw, out)).ok).toBe(true)
    const published = tracedRows(out, "indicator_values").filter((r) => r["file"] === entry!["file"])
    expect(published).toHaveLength(15)
    for (const [region, values] of Object.entries(POPULATION))
      expect(
        published.filter((r) => r["municipality_code"] === region.slice(0, 4)).map((r) => [r["year"], r["value"]]),
      ).toEqual(YEARS.map((y, i) => [y, values[i]]))
    expect(published.filter((r) => r["municipality_code"] === "0114").map((r) => r["value_status"])).toEqual(
      YEARS.map(() => "not available"),
    )
    // Nothing of the notes block is read.
    expect(Math.max(...published.map((r) => Number(r["line"])))).toBe(9)
  })

  it("names each fault at the file given and its cell, once, with the fix; and files nothing", async () => {
    const raw = join(work, "bad", "raw")
    await cp(GOOD_SMALL, raw, { recursive: true })
    const before = await treeHashes(raw)
    const file = join(work, "bad", "folkmangd-fel.xlsx")
    const bjurholm = POPULATION["2403 Bjurholm"]!
    const rows: ReadonlyArray<readonly [string, ReadonlyArray<number | string>]> = [
      ["2403 Bjurholm", bjurholm],
      ["2460 Vännäs", [8351, 8357, "ca 8400", 8414, 8465]],
      ["2499 Okänd", bjurholm],
      ["2403 Bjurholm", bjurholm],
    ]
    writeWorkbook(file, { sheets: [statistikdatabasen(rows)] })
    const added = await pipeline(["add", file, ...newIndicator, "--raw", raw, "--out", dist])
    expect(added.status, added.stderr).toBe(1)
    const lines = added.stderr.split("\n")
    const at = (cell: string) => lines.filter((l) => l.startsWith(`${file}:Blad1!${cell}: `))
    // The text in a cell of numbers: the form expected in plain words, and the number to write.
    expect(at("D8")).toHaveLength(1)
    expect(at("D8")[0]).toContain("expected a number, like 2403 or 12.5")
    expect(at("D8")[0]).toContain('write the number alone in the cell ("8400")')
    // The unknown municipality: once for its row, not once per year column.
    expect(at("A9")).toHaveLength(1)
    expect(at("A9")[0]).toContain("(the same 5 times: once in each value column of the row)")
    // The row given twice: its first copy named as a cell, and the fix.
    const twice = at("A10")
    expect(twice.length).toBeGreaterThan(0)
    for (const line of twice) {
      expect(line).toContain("row/primary-key")
      expect(line).toContain("is already used at Blad1!A7: the same row twice; delete one of the two")
    }
    // The copy add made in raw/ and has removed again is named nowhere.
    expect(added.stderr).not.toContain("vindelns-kommun/2026-11-20/folkmangd-fel.xlsx")
    expect(await treeHashes(raw)).toEqual(before)
  })
})
