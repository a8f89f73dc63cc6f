/**
 * readXlsx, given workbooks written by openpyxl (never by the reader's own library), expected:
 * each kind of cell as text, the header row below a title, empty rows and columns left out,
 * merged cells as a user sees them, located problems for columns without a label, a sheet the
 * workbook lacks and a file that is no workbook; and a workbook's problems rendered at their cell.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { checkHeader, planDelivery } from "../../pipeline/normalize/delivery-plan.ts"
import type { Problem } from "../../pipeline/problems/problem.ts"
import { problem } from "../../pipeline/problems/problem.ts"
import { cellAddress, columnLetters, renderGithubAnnotation, renderProblem } from "../../pipeline/problems/render.ts"
import { readXlsx, type XlsxOptions, type XlsxSource } from "../../pipeline/read/read-xlsx.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { hasOpenpyxl, type SheetSpec, writeWorkbook } from "../support/xlsx.ts"

const dir = mkdtempSync(join(tmpdir(), "read-xlsx-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let count = 0

/** Writes `sheets` with openpyxl and reads the workbook, with the problems reported. */
const read = async (sheets: SheetSpec | ReadonlyArray<SheetSpec>, options: XlsxOptions = {}) => {
  const path = join(dir, `${++count}.xlsx`)
  writeWorkbook(path, { sheets: Array.isArray(sheets) ? sheets : [sheets as SheetSpec] })
  const problems: Problem[] = []
  const source = await readXlsx(path, "vindeln.xlsx", options, (p) => problems.push(p))
  return { source, problems }
}

/** Each record as its row number and its cells' text. */
const values = (source: XlsxSource | undefined) => source?.records.map((r) => [r.line, ...r.cells.map((c) => c.value)])
/** The problems as code and place. */
const places = (problems: ReadonlyArray<Problem>) =>
  problems.map((p) => ({ code: p.code, sheet: p.sheet, line: p.line, column: p.column }))

const KINDS: SheetSpec = {
  name: "Blad1",
  cells: {
    ...{ A1: "text", B1: "integer", C1: "decimal", D1: "number as text", E1: "boolean", F1: "date" },
    ...{ G1: "datetime", H1: "empty", I1: "tiny", J1: "comma text" },
    ...{ A2: " Umeå ", B2: 42, C2: 12.5, D2: "007", E2: true, F2: { date: "2010-03-01" } },
    ...{ G2: { date: "2010-03-01T12:30:00" }, I2: 0.000001, J2: "12,5" },
    ...{
      A3: "Vindeln",
      B3: -3,
      C3: "12.5",
      E3: false,
      F3: { value: { date: "2011-12-31" }, numberFormat: "d/m/yyyy" },
    },
  },
}

describe.skipIf(!hasOpenpyxl())("readXlsx (needs openpyxl for /usr/bin/python3)", () => {
  it("reads each kind of cell as its text, located at its row and column", async () => {
    const { source, problems } = await read(KINDS)
    expect(problems).toEqual([])
    expect(source?.sheet).toBe("Blad1")
    expect(source?.header.map((h) => [h.name, h.column])).toEqual([
      ["text", 1],
      ["integer", 2],
      ["decimal", 3],
      ["number as text", 4],
      ["boolean", 5],
      ["date", 6],
      ["datetime", 7],
      ["empty", 8],
      ["tiny", 9],
      ["comma text", 10],
    ])
    expect(values(source)).toEqual([
      [2, " Umeå ", "42", "12.5", "007", "true", "2010-03-01", "2010-03-01T12:30:00", "", "0.000001", "12,5"],
      [3, "Vindeln", "-3", "12.5", "", "false", "2011-12-31", "", "", "", ""],
    ])
    expect(source?.records[1]?.cells[5]).toEqual({ name: "date", column: 6, line: 3, value: "2011-12-31" })
  })

  it("writes numeric cells with a decimal comma when the delivery has one, and leaves text as it is", async () => {
    const { source } = await read(KINDS, { decimalSeparator: "," })
    // Numeric 12.5 and 0.000001 take the comma; the text "12.5" in C3 and "12,5" in J2 stay.
    expect(values(source)?.map((r) => [r[3], r[9], r[10]])).toEqual([
      ["12,5", "0,000001", "12,5"],
      ["12.5", "", ""],
    ])
  })

  it("reads the header at its row below a merged title, skipping the rows above, a label merged down included", async () => {
    const { source, problems } = await read(
      {
        name: "Blad1",
        cells: {
          A1: "Indikatorer för Vindeln 2023, källa SCB",
          // A header of two rows: Kommun merged down over both, as its column's label.
          ...{ A2: "Kommun", B2: "Tid", B3: "År", C3: "Värde" },
          ...{ A4: "2460", B4: 2023, C4: 7.5, A5: "2460", B5: 2022, C5: 7 },
        },
        merged: ["A1:C1", "A2:A3"],
      },
      { headerRow: 3 },
    )
    expect(problems).toEqual([])
    expect(source?.header.map((h) => h.name)).toEqual(["Kommun", "År", "Värde"])
    expect(values(source)).toEqual([
      [4, "2460", "2023", "7.5"],
      [5, "2460", "2022", "7"],
    ])
  })

  it("leaves out trailing empty rows and columns and empty rows between records, with no problem", async () => {
    const { source, problems } = await read({
      name: "Blad1",
      cells: {
        ...{ A1: "Kommun", B1: "År", A2: "2460", B2: 2023, A3: "", B3: " ", A5: "2404", B5: 2023 },
        // Cells that exist in the file but are empty: a blank string, a formatted blank, a space.
        ...{ F1: "", F9: { value: "", numberFormat: "0.00" }, A12: " ", Z20: "" },
      },
    })
    expect(problems).toEqual([])
    expect(source?.header).toEqual([
      { name: "Kommun", column: 1 },
      { name: "År", column: 2 },
    ])
    expect(values(source)).toEqual([
      [2, "2460", "2023"],
      [5, "2404", "2023"],
    ])
  })

  it("drops a column without a label whose cells are empty", async () => {
    const { source, problems } = await read({ name: "Blad1", cells: { A1: "Kommun", C1: "År", A2: "2460", C2: 2023 } })
    expect(problems).toEqual([])
    expect(source?.header).toEqual([
      { name: "Kommun", column: 1 },
      { name: "År", column: 3 },
    ])
    expect(values(source)).toEqual([[2, "2460", "2023"]])
  })

  it("reports a column without a label that has values, at the header row and that column", async () => {
    const cells = { A3: "Kommun", C3: "År", A4: "2460", C4: 2023, A5: "2404", B5: "glömd", C5: 2023 }
    const { source, problems } = await read({ name: "Blad1", cells }, { headerRow: 3 })
    expect(places(problems)).toEqual([{ code: "header/missing-label", sheet: "Blad1", line: 3, column: 2 }])
    expect(problems[0]?.value).toBe("glömd")
    expect(problems[0]?.message).toContain("column B has values (the first in row 5) but no label")
    expect(source?.header.map((h) => h.column)).toEqual([1, 3])
    expect(renderProblem(problems[0]!)).toMatch(/^vindeln\.xlsx:Blad1!B3: header\/missing-label: column B has /u)
  })

  it("gives a merged header cell's label to its first column and reports the columns under it with values", async () => {
    const cells = { A1: "Kommun", B1: "Värde", A2: "2460", B2: 1, C2: 2, D2: 3, A3: "2404", B3: 4, D3: 5 }
    const { source, problems } = await read({ name: "Blad1", cells, merged: ["B1:D1"] })
    expect(places(problems)).toEqual([
      { code: "header/missing-label", sheet: "Blad1", line: 1, column: 3 },
      { code: "header/missing-label", sheet: "Blad1", line: 1, column: 4 },
    ])
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/header cell B1:D1 is merged over column C, .*a label of its own/u),
      expect.stringMatching(/header cell B1:D1 is merged over column D, .*a label of its own/u),
    ])
    expect(source?.header.map((h) => [h.name, h.column])).toEqual([
      ["Kommun", 1],
      ["Värde", 2],
    ])
  })

  it("drops the columns under a merged header cell when they hold no values", async () => {
    const cells = { A1: "Kommun", B1: "Värde", E1: "År", A2: "2460", B2: 1, E2: 2023 }
    const { source, problems } = await read({ name: "Blad1", cells, merged: ["B1:D1"] })
    expect(problems).toEqual([])
    expect(source?.header.map((h) => [h.name, h.column])).toEqual([
      ["Kommun", 1],
      ["Värde", 2],
      ["År", 5],
    ])
    expect(values(source)).toEqual([[2, "2460", "1", "2023"]])
  })

  it("reads a merged data range as its first cell's value in every cell it covers", async () => {
    const cells = {
      A1: "Kommun",
      B1: "Mål",
      C1: "Delmål",
      A2: "Vindeln",
      B2: "Fler jobb",
      C2: "a",
      C3: "b",
      A4: "Umeå",
    }
    const { source, problems } = await read({ name: "Blad1", cells, merged: ["A2:A3", "B2:B3", "A4:C4"] })
    expect(problems).toEqual([])
    expect(values(source)).toEqual([
      [2, "Vindeln", "Fler jobb", "a"],
      [3, "Vindeln", "Fler jobb", "b"],
      [4, "Umeå", "Umeå", "Umeå"],
    ])
  })

  it("leaves duplicate header labels to checkHeader, which reports them against the manifest", async () => {
    const cells = { A1: "Kommun", B1: "Kommun ", A2: "2460", B2: "2404" }
    const { source, problems } = await read({ name: "Blad1", cells })
    expect(problems).toEqual([])
    expect(source?.header).toEqual([
      { name: "Kommun", column: 1 },
      { name: "Kommun", column: 2 },
    ])
    const entry = { file: "vindeln.xlsx", dataset: "municipalities", publisher: "Test", licence: "CC0-1.0" as const }
    const plan = planDelivery(
      {
        ...entry,
        received: "2012-01-01",
        sha256: "0".repeat(64),
        format: "csv",
        columns: { Kommun: "municipality_code" },
      },
      DATASETS.find((d) => d.name === "municipalities")!,
    )
    const checked = checkHeader(plan, source?.header ?? [], "vindeln.xlsx", 1)
    expect(checked.map((p) => [p.code, p.line, p.column])).toEqual([["header/duplicate-label", 1, 2]])
  })

  it("reads the first sheet when none is named, and the named one otherwise", async () => {
    const sheets = [
      { name: "Blad1", cells: { A1: "a", A2: "1" } },
      { name: "Mitt blad", cells: { A1: "b", A2: "2" } },
    ]
    expect(values((await read(sheets)).source)).toEqual([[2, "1"]])
    const named = await read(sheets, { sheet: "Mitt blad" })
    expect([named.source?.sheet, values(named.source)]).toEqual(["Mitt blad", [[2, "2"]]])
  })

  it("reports a sheet the workbook does not have, naming the sheets it has", async () => {
    const sheets = [
      { name: "Blad1", cells: { A1: "a" } },
      { name: "Mitt blad", cells: { A1: "b" } },
    ]
    const { source, problems } = await read(sheets, { sheet: "Data" })
    expect(source).toBeUndefined()
    expect(problems.map((p) => [p.code, p.file, p.value])).toEqual([["file/sheet", "vindeln.xlsx", "Data"]])
    expect(problems[0]?.message).toBe('the workbook has no sheet "Data"; its sheets are "Blad1", "Mitt blad"')
  })

  it("reports a sheet with a header row and no records", async () => {
    const { source, problems } = await read({ name: "Blad1", cells: { A1: "Kommun", B1: "År" } })
    expect(source?.records).toEqual([])
    expect(places(problems)).toEqual([{ code: "file/no-rows", sheet: "Blad1", line: 1, column: undefined }])
  })
})

describe("readXlsx of a file that is not a workbook", () => {
  it("reports a CSV file renamed .xlsx plainly, without throwing", async () => {
    const path = join(dir, "renamed.xlsx")
    writeFileSync(path, "kommun;år\n2460;2023\n")
    const problems: Problem[] = []
    expect(await readXlsx(path, "vindeln.xlsx", {}, (p) => problems.push(p))).toBeUndefined()
    expect(problems.map((p) => [p.code, p.file, p.line])).toEqual([["file/xlsx", "vindeln.xlsx", undefined]])
    expect(problems[0]?.message).toMatch(/not a readable Excel workbook \(\.xlsx\): it is not a zip archive/u)
  })
})

describe("a workbook's problems rendered", () => {
  const at = (sheet: string, line?: number, column?: number) =>
    problem({ code: "cell/type", file: "vindeln.xlsx", sheet, line, column, message: "expected a number" })

  it("names columns by Excel's letters", () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual([
      ...["A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"],
    ])
  })

  it("quotes a sheet's name as Excel does when it is not a plain word", () => {
    expect(cellAddress("Blad1", 7, 3)).toBe("Blad1!C7")
    expect(cellAddress("Mitt blad", 10, 27)).toBe("'Mitt blad'!AA10")
    expect(cellAddress("Kim's", 1, 1)).toBe("'Kim''s'!A1")
    expect(cellAddress("A1", 2, 2)).toBe("'A1'!B2")
    expect(cellAddress("2023", 2, 2)).toBe("'2023'!B2")
    expect(cellAddress("Blad1", 4)).toBe("Blad1!4:4")
  })

  it("locates a problem as file:Sheet!C7, or file:Sheet without a row", () => {
    expect(renderProblem(at("Blad1", 7, 3))).toBe("vindeln.xlsx:Blad1!C7: cell/type: expected a number")
    expect(renderProblem(at("Mitt blad", 10, 27))).toBe("vindeln.xlsx:'Mitt blad'!AA10: cell/type: expected a number")
    expect(renderProblem(at("Mitt blad"))).toBe("vindeln.xlsx:'Mitt blad': cell/type: expected a number")
    // A CSV problem is rendered as before.
    expect(renderProblem({ ...at("x", 7, 3), sheet: undefined })).toBe("vindeln.xlsx:7:3: cell/type: expected a number")
  })

  it("gives GitHub no line in a workbook, and begins the message with the cell", () => {
    expect(renderGithubAnnotation(at("Blad1", 7, 3))).toBe(
      "::error file=vindeln.xlsx,title=cell/type::Blad1!C7: expected a number",
    )
    expect(renderGithubAnnotation(at("Mitt blad", 10, 27))).toBe(
      "::error file=vindeln.xlsx,title=cell/type::'Mitt blad'!AA10: expected a number",
    )
  })
})
