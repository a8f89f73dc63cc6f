/**
 * An Excel delivery from raw/ to the release: a workbook written by another program (openpyxl)
 * with a title above its header, built into indicator_values; a bad cell in it reported as
 * file, sheet and cell, and the release left as it was.
 */
import { cp, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { renderProblem } from "../pipeline/problems/render.ts"
import { sha256File } from "../pipeline/shared/files.ts"
import { build, tempDir } from "./support/run-build.ts"
import { hasOpenpyxl, type SheetSpec, writeWorkbook } from "./support/xlsx.ts"
import { tracedRows } from "./support/traced-rows.ts"

const GOOD_SMALL = join(import.meta.dirname, "cases", "good-small", "raw")

/** Vindeln's figures as a municipal officer's workbook: a merged title, the header on row 3. */
const sheet = (c7: string | number): SheetSpec => ({
  name: "Blad1",
  cells: {
    A1: "Folkmängd enligt kommunens egen räkning",
    A3: "Kommun",
    B3: "År",
    C3: "Antal",
    A4: "Bjurholm",
    B4: 2010,
    C4: 2490,
    // A number stored as text, as a pasted cell often is.
    A5: "Vännäs",
    B5: "2010",
    C5: "8 402",
    A6: "Upplands Väsby",
    B6: 2010,
    C6: 41_000,
    A7: "Bjurholm",
    B7: 2011,
    C7: c7,
  },
  merged: ["A1:C1"],
})

const entry = (sha256: string) => ({
  file: "vindeln.xlsx",
  dataset: "indicator_values",
  kind: "delivered",
  publisher: "Vindelns kommun",
  licence: "CC0-1.0",
  received: "2026-11-20",
  sha256,
  format: "xlsx",
  dialect: { sheet: "Blad1", headerRow: 3, decimalSeparator: ",", thousandsSeparator: " " },
  columns: { Kommun: { field: "municipality_code", parse: "municipality-name" }, År: "year", Antal: "value" },
  constants: { indicator_id: "population" },
})

const rawWithWorkbook = async (dir: string, c7: string | number) => {
  const raw = join(dir, "raw")
  await cp(GOOD_SMALL, raw, { recursive: true })
  writeWorkbook(join(raw, "vindeln.xlsx"), { sheets: [sheet(c7)] })
  const manifest = JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as { deliveries: unknown[] }
  manifest.deliveries.push(entry(await sha256File(join(raw, "vindeln.xlsx"))))
  await writeFile(join(raw, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  return raw
}

describe.skipIf(!hasOpenpyxl())("an Excel delivery (needs openpyxl for /usr/bin/python3)", () => {
  let dir: string
  beforeAll(async () => {
    dir = await tempDir("xlsx-delivery")
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it("builds: each row read from its sheet, numbers and numbers stored as text alike", async () => {
    const raw = await rawWithWorkbook(join(dir, "good"), 2475)
    const out = join(dir, "good", "dist")
    const result = await build(raw, out)
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([])
    expect(result.ok).toBe(true)
    const rows = tracedRows(out, "indicator_values")
    const fromWorkbook = rows.filter((r) => r["file"] === "vindeln.xlsx")
    expect(
      fromWorkbook.map((r) => [r["municipality_code"], r["year"], r["value"], r["value_status"], r["line"]]),
    ).toEqual([
      ["0114", 2010, 41000, null, 6],
      ["2403", 2010, 2490, null, 4],
      ["2403", 2011, 2475, null, 7],
      ["2460", 2010, 8402, null, 5],
    ])
  })

  it("a bad cell is reported as file, sheet and cell, and nothing is published", async () => {
    const raw = await rawWithWorkbook(join(dir, "bad"), "tolv")
    const out = join(dir, "bad", "dist")
    const result = await build(raw, out)
    expect(result.ok).toBe(false)
    const errors = result.problems.filter((p) => p.severity === "error")
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: "cell/type", sheet: "Blad1", line: 7, column: 3, value: "tolv" })
    expect(renderProblem(errors[0]!)).toMatch(/vindeln\.xlsx:Blad1!C7: cell\/type: value: expected a number/)
    await expect(readFile(join(out, "data", "indicator_values.json"))).rejects.toThrow()
  })
})
