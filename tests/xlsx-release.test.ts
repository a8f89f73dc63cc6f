/**
 * The release's workbooks, read back by another program than the one that wrote them (Debian's
 * openpyxl): the same rows and values as the JSON file, codes as text, dates as dates, a frozen
 * header; and a dataset of more rows than a workbook is written for gets none.
 */
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { rm } from "node:fs/promises"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { writeDatasetXlsx } from "../pipeline/write/write-xlsx.ts"
import { counties } from "../schemas/datasets/counties.ts"
import { tempDir } from "./support/run-build.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { readAlone } from "../pipeline/contract/release-layout.ts"
import { columnsOf } from "../schemas/derive/columns.ts"
import { hasOpenpyxl } from "./support/xlsx.ts"
import { readSheet } from "read-excel-file/node"

const DATA = resolve("dist", "data")

const READ = `
import datetime, json, sys
import openpyxl
from openpyxl.utils.escape import unescape
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
def value(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        return {"date": v.date().isoformat()}
    # openpyxl leaves the workbook's escapes (_x001C_) as they are; Excel reads them as the character.
    if isinstance(v, str):
        return unescape(v)
    return v
rows = [[value(c) for c in r] for r in ws.iter_rows()]
second = [c for c in ws[2]] if ws.max_row > 1 else []
print(json.dumps({
    "sheet": ws.title,
    "frozen": ws.freeze_panes,
    "bold": all(c.font.b for c in ws[1]),
    "formats": [c.number_format for c in second],
    "types": [c.data_type for c in second],
    "rows": rows,
}))
`

interface Read {
  readonly sheet: string
  readonly frozen: string | null
  readonly bold: boolean
  readonly formats: string[]
  readonly types: string[]
  readonly rows: unknown[][]
}

const read = (path: string): Read =>
  JSON.parse(
    execFileSync("/usr/bin/python3", ["-c", READ, path], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
      stdio: ["ignore", "pipe", "ignore"],
    }),
  ) as Read

describe.skipIf(!hasOpenpyxl())("the release's workbooks, read by openpyxl", () => {
  // A provenance dataset has no workbook: it is read by joining it to its dataset.
  it.each(DATASETS.filter(readAlone).map((d) => [d.name, d] as const))(
    "%s.xlsx holds the JSON file's rows and types",
    (name, d) => {
      const book = read(join(DATA, `${name}.xlsx`))
      const columns = columnsOf(d)
      const json = JSON.parse(readFileSync(join(DATA, `${name}.json`), "utf8")) as Array<Record<string, unknown>>
      expect(book.sheet).toBe(name.slice(0, 31))
      expect(book.frozen).toBe("A2")
      expect(book.bold).toBe(true)
      expect(book.rows[0]).toEqual(columns.map((c) => c.name))
      // Every character, U+FFFD (the mark of a character a source lost, in some of Projektbanken's texts) too.
      const expected = json.map((r) =>
        columns.map((c) => {
          const v = r[c.name]
          return v === null ? null : c.type === "DATE" ? { date: v } : v
        }),
      )
      expect(book.rows.slice(1)).toEqual(expected)
      // Text cells are text in Excel too: a code keeps its leading zero, nothing is read as a formula.
      columns.forEach((c, i) => {
        if (c.type === "VARCHAR" && json[0]?.[c.name] !== null) expect(book.formats[i], c.name).toBe("@")
        if (c.type === "DATE" && json[0]?.[c.name] !== null) expect(book.types[i], c.name).toBe("d")
      })
    },
  )
})

describe.skipIf(!hasOpenpyxl())("a dataset's workbook, written", () => {
  let work: string
  let db: Database
  let parquet: string
  beforeAll(async () => {
    work = await tempDir("xlsx-release")
    db = await openDatabase(work)
    parquet = join(work, "counties.parquet")
    await db.run(
      `COPY (SELECT * FROM read_json('${join(DATA, "counties.json")}', format = 'array')) TO '${parquet}' (FORMAT parquet)`,
    )
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  it("is the same bytes when written again later: it carries the release's date, not the time of writing", async () => {
    const [a, b] = [join(work, "a.xlsx"), join(work, "b.xlsx")]
    await writeDatasetXlsx(db, counties, parquet, a, "2026-11-29")
    await new Promise((r) => setTimeout(r, 1100))
    await writeDatasetXlsx(db, counties, parquet, b, "2026-11-29")
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true)
  })

  it("keeps a text over several lines, with a tab, a `#` and a leading space, as one cell, and writes the same bytes again", async () => {
    const multiline = join(work, "multiline.parquet")
    await db.run(
      `COPY (SELECT * REPLACE (' rad ett' || chr(10) || 'rad två' || chr(9) || '& <slut> #1' AS county_name) FROM read_parquet('${parquet}')) TO '${multiline}' (FORMAT parquet)`,
    )
    const [m1, m2] = [join(work, "m1.xlsx"), join(work, "m2.xlsx")]
    expect(await writeDatasetXlsx(db, counties, multiline, m1, "2026-11-29")).toBe(true)
    const book = read(m1)
    expect(book.rows).toHaveLength(22)
    expect(book.rows[1]).toContain(" rad ett\nrad två\t& <slut> #1")
    await writeDatasetXlsx(db, counties, multiline, m2, "2026-11-29")
    expect(readFileSync(m2).equals(readFileSync(m1))).toBe(true)
  })

  it("keeps every character of a text, as the CSV does, both ways: controls, a carriage return, U+FFFD, a `_x0041_` of its own", async () => {
    // Every C0 control but NUL (which no delivery holds), DEL, C1 controls, and what XML or write-excel-file drops.
    const controls = [...Array.from({ length: 31 }, (_, i) => i + 1), 0x7f, 0x80, 0x85, 0x9f, 0xfdd0, 0xfffd, 0xfffe]
    const own = "_x0041_ _x005F_x0042_x0043_z"
    const text = `a${controls.map((c) => String.fromCharCode(c)).join("")}${own}`
    const hostile = join(work, "controls.parquet")
    const value = `'a' || ${controls.map((c) => `chr(${c})`).join(" || ")} || '${own}'`
    await db.run(
      `COPY (SELECT * REPLACE (${value} AS county_name) FROM read_parquet('${parquet}')) TO '${hostile}' (FORMAT parquet)`,
    )
    const path = join(work, "controls.xlsx")
    await writeDatasetXlsx(db, counties, hostile, path, "2026-11-29")
    // read-excel-file reads the escapes as ECMA-376 says, as Excel does; openpyxl, asked to, too.
    expect((await readSheet(path))[1]![1]).toBe(text)
    expect(read(path).rows[1]![1]).toBe(text)
  })

  it("is not written for a dataset of more rows than a workbook is written for", async () => {
    const path = join(work, "large.xlsx")
    expect(await writeDatasetXlsx(db, counties, parquet, path, "2026-11-29", (rows) => rows <= 20)).toBe(false)
    expect(existsSync(path)).toBe(false)
    expect(await writeDatasetXlsx(db, counties, parquet, path, "2026-11-29", (rows) => rows <= 21)).toBe(true)
    expect(read(path).rows).toHaveLength(22)
  })
})
