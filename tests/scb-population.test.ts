/**
 * SCB's real PxWeb population export (semicolons, CRLF, no final newline, "code name"
 * regions), declared by a manifest entry alone, yields the figures SCB published.
 */
import { existsSync } from "node:fs"
import { copyFile, cp, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { sha256File } from "../pipeline/build/inventory.ts"
import { build, tempDir } from "./support/run-build.ts"

const SHARED = resolve("..", "shared", "data", "scb_folkmangd_kommun_2008-2018_bef_k_tot.csv")
const present = existsSync(SHARED)
if (!present) console.warn(`skipping the SCB export test: ${SHARED} is absent`)

// The table in ../shared/data/README.md (31 December, SCB).
const EXPECTED: Record<string, number[]> = {
  "2401": [7276, 7205, 7098, 7048],
  "2403": [2516, 2500, 2460, 2431],
  "2404": [5613, 5519, 5507, 5434],
  "2409": [6900, 6880, 6831, 6762],
  "2460": [8357, 8357, 8414, 8465],
  "2480": [112728, 114075, 115473, 116465],
}

describe.skipIf(!present)("SCB population export from ../shared/data", () => {
  let work: string
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("loads all 290 municipalities × 11 years through a manifest entry", async () => {
    work = await tempDir("scb")
    const raw = join(work, "raw")
    await mkdir(join(raw, "scb"), { recursive: true })
    await cp(resolve("raw", "reference"), join(raw, "reference"), { recursive: true })
    await copyFile(resolve("raw", "scb", "indikatorer.json"), join(raw, "scb", "indikatorer.json"))
    await copyFile(SHARED, join(raw, "scb", "folkmangd_2008-2018.csv"))
    const ours = JSON.parse(await readFile(resolve("raw", "manifest.json"), "utf8")) as { deliveries: Array<Record<string, unknown>> }
    const keep = ours.deliveries.filter((d) => String(d["file"]).startsWith("reference/") || d["file"] === "scb/indikatorer.json")
    const deliveries = [
      ...keep,
      {
        file: "scb/folkmangd_2008-2018.csv",
        dataset: "indicator_values",
        publisher: "Statistiska centralbyrån (SCB)",
        licence: "CC0-1.0",
        received: "2019-02-21",
        sha256: await sha256File(join(raw, "scb", "folkmangd_2008-2018.csv")),
        format: "csv",
        dialect: { encoding: "utf-8", delimiter: ";" },
        columns: {
          region: { field: "municipality_code", parse: "code-name" },
          "ålder": { ignore: "always 'totalt ålder': all ages" },
          "år": "year",
          "Folkmängd": "value",
        },
        constants: { indicator_id: "population" },
      },
    ]
    await writeFile(join(raw, "manifest.json"), JSON.stringify({ deliveries }, null, 2))
    const out = join(work, "dist")
    const result = await build(raw, out)
    expect(result.problems).toEqual([])
    expect(result.report.deliveries.find((d) => d.file === "scb/folkmangd_2008-2018.csv")).toMatchObject({ rows_read: 3190, rows_rejected: 0 })

    const rows = JSON.parse(await readFile(join(out, "data", "indicator_values.json"), "utf8")) as Array<{ municipality_code: string; year: number; value: number }>
    expect(rows).toHaveLength(3190)
    expect(new Set(rows.map((r) => r.municipality_code)).size).toBe(290)
    for (const [code, values] of Object.entries(EXPECTED)) {
      const got = [2008, 2009, 2010, 2011].map((year) => rows.find((r) => r.municipality_code === code && r.year === year)?.value)
      expect(got, code).toEqual(values)
    }
    // Leading zeros survive: Upplands Väsby is 0114.
    expect(rows.some((r) => r.municipality_code === "0114")).toBe(true)
  })
})
