/**
 * `pipeline add` given an Excel workbook written by another program (openpyxl): its sheet and
 * header row found or asked for, the entry written with `"format": "xlsx"`, and the delivery
 * validated and built like a CSV's.
 */
import { cp, readFile, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { build, tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
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
    const rows = JSON.parse(await readFile(join(out, "data", "indicator_values.json"), "utf8")) as Array<
      Record<string, unknown>
    >
    expect(
      rows.filter((r) => r["source_file"] === entry["file"]).map((r) => [r["municipality_code"], r["value"]]),
    ).toEqual([
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
