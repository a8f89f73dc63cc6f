/** pipeline/describe/sheet-table.ts: a sheet's table found between its titles and its notes block. */
import { describe, expect, it } from "vitest"
import { findSheetTable, type Grid } from "../../pipeline/describe/sheet-table.ts"

/** A grid from rows of cells; a string is one cell in column A, an empty array a blank row. */
const grid = (...rows: ReadonlyArray<string | ReadonlyArray<string>>): Grid =>
  rows.map((r) => (typeof r === "string" ? [r] : r))

/** Statistikdatabasen's shape: titles, the header on row 6, five municipalities, a notes block. */
const scb = (between: ReadonlyArray<string | ReadonlyArray<string>> = [[]]) =>
  grid(
    "Folkmängd efter region och år",
    "Antal personer",
    [],
    "Tabellen avser 31 december",
    [],
    ["Kommun", "2008", "2009", "2010"],
    ["2401 Nordmaling", "7276", "7205", "7098"],
    ["2403 Bjurholm", "2516", "2500", "2460"],
    ["2404 Vindeln", "5613", "5519", ".."],
    ["2409 Robertsfors", "6900", "6880", "6831"],
    ["2460 Vännäs", "8357", "8357", "8414"],
    ...between,
    "Kommentar:",
    ["", "Uppgifterna avser förhållandena den 31 december."],
    "Källa: SCB",
  )

const none = { headerRow: undefined, lastRow: undefined }

describe("a sheet's table", () => {
  it("below its titles and above a blank row and the notes: header row 6, last row 11, each said with its evidence", () => {
    const { table, questions } = findSheetTable(scb(), none)
    expect(questions).toEqual([])
    expect(table).toMatchObject({ headerRow: 6, lastRow: 11 })
    expect(table!.guesses.map((g) => [g.subject, g.value])).toEqual([
      ["header row", "6"],
      ["last row", "11"],
    ])
    expect(table!.guesses[1]!.evidence).toContain('row 12 is blank, and below it are notes from A13 ("Kommentar:")')
    expect(table!.guesses[1]!.evidence).toContain("rows 12–15 are not read, --last-row N")
  })

  it("ends at a note right under the records, and a note in a column without a label does not spoil the header", () => {
    const { table } = findSheetTable(scb([]), none)
    expect(table).toMatchObject({ headerRow: 6, lastRow: 11 })
    expect(table!.guesses[1]!.evidence).toContain('row 12 begins a note, A12 ("Kommentar:")')
    // Notes in English too, and a "Source" line alone.
    const english = findSheetTable(grid(["Municipality", "2010"], ["2403", "2460"], "Source: Statistics Sweden"), none)
    expect(english.table).toMatchObject({ headerRow: 1, lastRow: 2 })
  })

  it("runs to the sheet's last row when nothing follows the records: no last row declared", () => {
    const { table } = findSheetTable(grid("Titel", ["Kommun", "Antal"], ["Bjurholm", "2516"], ["Vännäs", "8357"]), none)
    expect(table).toMatchObject({ headerRow: 2, lastRow: undefined })
    expect(table!.guesses.map((g) => g.subject)).toEqual(["header row"])
  })

  it("asks where the table ends when a row below a blank one holds values as a record does, naming both rows", () => {
    const { table, questions } = findSheetTable(scb([[], ["2480 Umeå", "112728", "114075", "115473"]]), none)
    expect(table).toBeUndefined()
    expect(questions).toHaveLength(1)
    expect(questions[0]!.flag).toBe("--last-row")
    expect(questions[0]!.question).toContain("ends at row 11: row 12 is blank")
    expect(questions[0]!.question).toContain(
      'row 13 below it holds values in several columns, as a record does (A13 ("2480 Umeå"))',
    )
    expect(questions[0]!.example).toBe("--last-row 11 (or --last-row 13 to read the rows below the blank one too)")
  })

  it("takes the rows given, and reads past a blank row when told", () => {
    const sheet = scb([[], ["2480 Umeå", "112728", "114075", "115473"]])
    const { table } = findSheetTable(sheet, { headerRow: undefined, lastRow: 13 })
    expect(table).toMatchObject({ headerRow: 6, lastRow: 13 })
    expect(table!.guesses.at(-1)).toMatchObject({ subject: "last row", value: "13", evidence: "given with --last-row" })
    expect(findSheetTable(sheet, { headerRow: 6, lastRow: 6 }).questions[0]).toMatchObject({ flag: "--last-row" })
  })

  it("takes no title of two cells for the header, though the row below it labels the same columns", () => {
    const sheet = grid(
      ["Folkmängd", "31 december"],
      [],
      ["Kommun", "År", "Antal"],
      ["Bjurholm", "2010", "2490"],
      [],
      "Källa: SCB",
    )
    expect(findSheetTable(sheet, none).table).toMatchObject({ headerRow: 3, lastRow: 4 })
  })

  it("names the row nearest to a header and the cell that spoils it when no row labels every column", () => {
    const sheet = grid(
      "Folkmängd",
      ["", "2008", "2009"],
      ["2403 Bjurholm", "2516", "2500"],
      ["2460 Vännäs", "8357", "8357"],
    )
    const { table, questions } = findSheetTable(sheet, none)
    expect(table).toBeUndefined()
    expect(questions[0]!.flag).toBe("--header-row")
    expect(questions[0]!.question).toContain(
      'the nearest is row 2, which labels 2 columns, but column A has no label there and holds A3 ("2403 Bjurholm")',
    )
  })
})
