/**
 * What a workbook may cost, checked before a cell is read: its zip archive (entries, each
 * part's declared and actual unzipped size, the total), and its sheet's extent and merged
 * ranges as the sheet reader would take them. Workbooks written by the benchmark's zip writer,
 * byte by byte as a hostile file would be.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { repeated, rowXml, writeWorkbookXml, writeZip } from "../../pipeline/bench/zip-writer.ts"
import type { Problem } from "../../pipeline/problems/problem.ts"
import { renderProblem } from "../../pipeline/problems/render.ts"
import { readXlsx } from "../../pipeline/read/read-xlsx.ts"
import { scanSheet } from "../../pipeline/read/sheet-extent.ts"
import { WorkbookZip } from "../../pipeline/read/xlsx-zip.ts"
import {
  MAX_FILE_BYTES,
  MAX_MERGED_RANGES,
  MAX_PART_BYTES,
  MAX_SHEET_CELLS,
  MAX_UNZIPPED_BYTES,
  MAX_ZIP_ENTRIES,
} from "../../pipeline/shared/limits.ts"

const dir = mkdtempSync(join(tmpdir(), "xlsx-limits-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let count = 0
const MB = 1024 * 1024

/** The sheet's XML scanned, its problem rendered (undefined when within the limits). */
const scanned = (sheetData: string, before = "", after = ""): string | undefined => {
  const xml = `<?xml version="1.0"?><worksheet>${before}<sheetData>${sheetData}</sheetData>${after}</worksheet>`
  const result = scanSheet(Buffer.from(xml), "w.xlsx", "Blad1")
  return result.ok ? undefined : renderProblem(result.problem)
}

/** Reads a workbook written with `rows` in its sheet; its records' values and its problems, rendered. */
const read = async (rows: string | Iterable<Uint8Array>, options: Parameters<typeof writeWorkbookXml>[2] = {}) => {
  const path = join(dir, `${++count}.xlsx`)
  await writeWorkbookXml(path, typeof rows === "string" ? [Buffer.from(rows)] : rows, options)
  const problems: Problem[] = []
  const source = await readXlsx(path, "w.xlsx", {}, (p) => problems.push(p))
  return { values: source?.records.map((r) => r.cells.map((c) => c.value)), problems: problems.map(renderProblem) }
}

const opened = async (parts: Parameters<typeof writeZip>[1]) => {
  const path = join(dir, `${++count}.zip`)
  await writeZip(path, parts)
  const zip = WorkbookZip.open(readFileSync(path), "w.xlsx")
  return zip instanceof WorkbookZip ? zip : renderProblem(zip)
}

describe("a sheet's extent, scanned from its XML", () => {
  it("passes a sheet within the limits, with its merged ranges", () => {
    const xml = `<?xml version="1.0"?><worksheet><dimension ref="A1:B2"/><sheetData>${rowXml(1, ["a", "b"])}${rowXml(2, [1, 2])}</sheetData><mergeCells><mergeCell ref="A2:B2"/></mergeCells></worksheet>`
    expect(scanSheet(Buffer.from(xml), "w.xlsx", "Blad1")).toEqual({
      ok: true,
      merged: [{ ref: "A2:B2", top: 2, left: 1, bottom: 2, right: 2 }],
    })
  })

  it("refuses a declared extent past the limit, at its far corner", () => {
    expect(scanned("", '<dimension ref="A1:XFD1048576"/>')).toMatch(
      /^w\.xlsx:Blad1!XFD1048576: xlsx\/extent: the sheet declares it spans A1:XFD1048576: 17,179,869,184 cells from A1, more than the 500,000/u,
    )
  })

  it("refuses the first cell that takes the sheet past the limit, at that cell", () => {
    expect(scanned(`${rowXml(1, ["a"])}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`)).toMatch(
      /^w\.xlsx:Blad1!XFD1048576: xlsx\/extent: the sheet reaches row 1,048,576 and column XFD/u,
    )
    // A namespace prefix, cells without `r`: counted as the reader counts them; past Excel's grid, the row alone.
    const wide = `<x:row r="2">${"<x:c><x:v>1</x:v></x:c>".repeat(MAX_SHEET_CELLS / 2 + 1)}</x:row>`
    expect(scanned(wide)).toMatch(
      /^w\.xlsx:Blad1!2:2: xlsx\/extent: the sheet reaches row 2 and column number 250,001/u,
    )
  })

  it("counts rows without cells, and row numbers as the reader reads them (1e9 is a row)", () => {
    expect(scanned("<row/>".repeat(MAX_SHEET_CELLS))).toBeUndefined()
    expect(scanned("<row/>".repeat(MAX_SHEET_CELLS + 1))).toMatch(/^w\.xlsx:Blad1!500001:500001: xlsx\/extent/u)
    expect(scanned('<row r="1e9"/>')).toMatch(/^w\.xlsx:Blad1: xlsx\/extent: the sheet reaches row 1,000,000,000/u)
    expect(scanned('<row><c r="ZZZZZZ1"><v>1</v></c></row>')).toMatch(/reaches row 1 and column number 321,272,406/u)
  })

  it("skips what only looks like cells: comments and CDATA", () => {
    expect(scanned('<!-- <c r="XFD1048576"/> --><![CDATA[<c r="XFD1048576"/>]]>')).toBeUndefined()
  })

  it("refuses more merged ranges than the limit, and merged ranges covering more cells than a sheet may span", () => {
    const merges = (n: number, ref: string) => `<mergeCells>${`<mergeCell ref="${ref}"/>`.repeat(n)}</mergeCells>`
    expect(scanned(rowXml(1, ["a"]), "", merges(MAX_MERGED_RANGES, "A1:A1"))).toBeUndefined()
    expect(scanned(rowXml(1, ["a"]), "", merges(MAX_MERGED_RANGES + 1, "A1:A1"))).toMatch(
      /xlsx\/extent: the sheet has more than 10,000 merged ranges/u,
    )
    const grid = `<row r="1000"><c r="Z1000"><v>1</v></c></row>`
    expect(scanned(grid, "", merges(19, "A1:Z1000"))).toBeUndefined()
    expect(scanned(grid, "", merges(20, "A1:Z1000"))).toMatch(/merged ranges cover 520,000 cells/u)
  })
})

describe("a workbook's zip archive", () => {
  const part = (name: string, bytes: number, declaredSize?: number) => ({
    name,
    chunks: repeated(Buffer.alloc(MB, 0x20), bytes / MB),
    ...(declaredSize === undefined ? {} : { declaredSize }),
  })

  it("refuses more entries than the limit, before reading one", async () => {
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `p${i}.xml`, chunks: [Buffer.from("x")] }))
    expect(await opened(entries(MAX_ZIP_ENTRIES))).toBeInstanceOf(WorkbookZip)
    expect(await opened(entries(MAX_ZIP_ENTRIES + 1))).toMatch(/^w\.xlsx: xlsx\/too-many-parts: .* 1001 entries/u)
  })

  it("refuses a part that declares more than the limit, and parts that declare more together", async () => {
    expect(await opened([part("a.xml", MAX_PART_BYTES + MB)])).toMatch(
      /^w\.xlsx: xlsx\/part-too-large: the workbook's part a\.xml declares 33\.0 MB, more than the 32\.0 MB/u,
    )
    expect(await opened([part("a.xml", 0, 30 * MB), part("b.xml", 0, 30 * MB), part("c.xml", 0, 30 * MB)])).toMatch(
      /^w\.xlsx: xlsx\/too-large: the workbook's parts declare 90\.0 MB or more, more than the 64\.0 MB/u,
    )
  })

  it("stops unzipping a part at the limit, whatever its entry declares", async () => {
    const zip = await opened([part("a.xml", MAX_PART_BYTES + MB, 1000)])
    if (typeof zip === "string") throw new Error(zip)
    expect(renderProblem(zip.part("a.xml") as Problem)).toMatch(
      /^w\.xlsx: xlsx\/part-too-large: the workbook's part a\.xml unzips to more \(its entry declares 0\.0 MB\)/u,
    )
  })

  it("counts what the parts unzip to together: a part that lies stops where the total would pass the limit", async () => {
    const zip = await opened([part("a.xml", 30 * MB), part("b.xml", 30 * MB), part("c.xml", 30 * MB, 1)])
    if (typeof zip === "string") throw new Error(zip)
    const parts = ["a.xml", "b.xml", "c.xml"].map((name) => zip.part(name))
    expect(parts.slice(0, 2).every((p) => p instanceof Uint8Array)).toBe(true)
    expect(renderProblem(parts[2] as Problem)).toMatch(/^w\.xlsx: xlsx\/too-large: the workbook's parts unzip to more/u)
    expect(MAX_UNZIPPED_BYTES).toBeLessThan(90 * MB)
  })

  it("refuses a part that unzips to another size than its entry declares, and a file that is no zip archive", async () => {
    const zip = await opened([part("a.xml", MB, 2 * MB)])
    if (typeof zip === "string") throw new Error(zip)
    expect(renderProblem(zip.part("a.xml") as Problem)).toMatch(
      /file\/xlsx: .* a\.xml unzips to 1048576 bytes, not the 2097152/u,
    )
    const path = join(dir, "not.xlsx")
    writeFileSync(path, "region;år\n")
    expect(renderProblem(WorkbookZip.open(readFileSync(path), "w.xlsx") as Problem)).toMatch(
      /file\/xlsx: .* not a zip archive/u,
    )
  })
})

describe("readXlsx within the limits", () => {
  const rows = `${rowXml(1, ["region", "värde"])}${rowXml(2, ["2403 Bjurholm", 12])}`

  it("reads the sheet from its own parts alone: a part nobody needs is never unzipped", async () => {
    // Were it unzipped, its size would not be what its entry declares, and the file refused as damaged.
    const unused = { name: "xl/unused.xml", chunks: repeated(Buffer.alloc(MB, 0x20), 100), declaredSize: 1 }
    const { values, problems } = await read(rows, { more: [unused] })
    expect(problems).toEqual([])
    expect(values).toEqual([["2403 Bjurholm", "12"]])
  })

  it("refuses a sheet past the limits before reading a cell, reported once", async () => {
    const { values, problems } = await read(`${rows}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`)
    expect(values).toBeUndefined()
    expect(problems).toEqual([expect.stringMatching(/^w\.xlsx:Blad1!XFD1048576: xlsx\/extent: /u)])
  })

  it("refuses a sheet that unzips past the limit, though it declares 1 KB", async () => {
    const { problems } = await read([Buffer.from(rows), ...repeated(Buffer.alloc(MB, 0x20), 40)], {
      sheetDeclaredSize: 1024,
    })
    expect(problems).toEqual([
      expect.stringMatching(
        /^w\.xlsx: xlsx\/part-too-large: the workbook's part xl\/worksheets\/sheet1\.xml unzips to more/u,
      ),
    ])
  })

  it("refuses a workbook larger than a file read whole may be, unread", async () => {
    const path = join(dir, "large.xlsx")
    writeFileSync(path, Buffer.alloc(MAX_FILE_BYTES + 1))
    const problems: Problem[] = []
    expect(await readXlsx(path, "w.xlsx", {}, (p) => problems.push(p))).toBeUndefined()
    expect(problems.map(renderProblem)).toEqual([
      expect.stringMatching(/^w\.xlsx: file\/too-large: the file is 16\.0 MB, more than the 16\.0 MB it may be/u),
    ])
  })
})
