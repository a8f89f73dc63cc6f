/**
 * readXlsx with a declared last row, given a workbook written by openpyxl: the notes block
 * under a table (a comment, a footnote in a column of its own, the source) is not read.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import type { Problem } from "../../pipeline/problems/problem.ts"
import { readXlsx, type XlsxOptions } from "../../pipeline/read/read-xlsx.ts"
import { hasOpenpyxl, type SheetSpec, writeWorkbook } from "../support/xlsx.ts"

const dir = mkdtempSync(join(tmpdir(), "read-xlsx-last-row-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const SHEET: SheetSpec = {
  name: "Blad1",
  cells: {
    ...{ A1: "Kommun", B1: "2010", A2: "2403 Bjurholm", B2: 2460, A3: "2460 Vännäs", B3: 8414 },
    ...{ A5: "Kommentar:", C6: "Uppgifterna avser den 31 december.", A7: "Källa: SCB" },
  },
}

const read = async (options: XlsxOptions) => {
  const path = join(dir, "notes.xlsx")
  writeWorkbook(path, { sheets: [SHEET] })
  const problems: Problem[] = []
  const source = await readXlsx(path, "notes.xlsx", options, (p) => problems.push(p))
  return { problems, rows: source?.records.map((r) => [r.line, ...r.cells.map((c) => c.value)]) }
}

describe.skipIf(!hasOpenpyxl())("readXlsx with a last row (needs openpyxl for /usr/bin/python3)", () => {
  it("reads the notes as records, and a footnote's column as a column without a label, without one", async () => {
    const all = await read({})
    expect(all.problems.map((p) => [p.code, p.line, p.column])).toEqual([["header/missing-label", 1, 3]])
    expect(all.rows?.map((r) => r[1])).toEqual(["2403 Bjurholm", "2460 Vännäs", "Kommentar:", "Källa: SCB"])
  })

  it("reads nothing below the last row declared: the notes are neither records nor columns", async () => {
    const table = await read({ lastRow: 3 })
    expect(table.problems).toEqual([])
    expect(table.rows).toEqual([
      [2, "2403 Bjurholm", "2460"],
      [3, "2460 Vännäs", "8414"],
    ])
  })
})
