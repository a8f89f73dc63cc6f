/**
 * Text a spreadsheet may run as a formula is published as delivered, with a warning at its cell:
 * each beginning OWASP lists for CSV injection (=, +, -, @, tab, carriage return), and one after
 * a separator where a spreadsheet may begin a new cell; a plain signed number is not one.
 */
import { cp, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { sha256File } from "../pipeline/shared/files.ts"
import {
  admitsOnlyWordCharacters,
  firstCharacterExcludes,
  looksLikeFormula,
  looksLikeFormulaSql,
} from "../pipeline/validate/formula-warnings.ts"
import { build, tempDir } from "./support/run-build.ts"

/** County names a hostile delivery could give, and whether each is a formula to a spreadsheet. */
const NAMES: ReadonlyArray<readonly [string, boolean]> = [
  ['=HYPERLINK("https://example.org";"Stockholms län")', true],
  ["+1+cmd|' /C calc'!A0", true],
  ["-2+3+cmd|' /C calc'!A0", true],
  ["@SUM(1+1)*cmd|' /C calc'!A0", true],
  ["+x(1)", true],
  ["Pris 900 000;-NOK", true],
  ["Län,=cmd|' /C calc'!A0", true],
  ["Län\t@SUM(1)", true],
  ["-12", false],
  ["+46", false],
  ["-1,5", false],
  ["Västerbottens län", false],
  ["Jämtlands län - norra delen", false],
  ["e-post och 2008-2010", false],
]

const csvField = (s: string) => (/[",\n\t]/u.test(s) ? `"${s.replaceAll('"', '""')}"` : s)

describe("formula-like text in a delivery", () => {
  let work: string
  let raw: string
  beforeAll(async () => {
    work = await tempDir("formula")
    raw = join(work, "raw")
    await cp(join("tests", "cases", "good-small", "raw"), raw, { recursive: true })
    // The two counties the municipalities refer to, and one county per name above.
    const rows = [
      "01,Stockholms län,SE110",
      "24,Västerbottens län,SE331",
      ...NAMES.map(([name], i) => `${30 + i},${csvField(name)},SE9${String(i).padStart(2, "0")}`),
    ]
    await writeFile(join(raw, "lan.csv"), `lan,namn,nuts\n${rows.join("\n")}\n`)
    const manifest = JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as {
      deliveries: Array<{ file: string; sha256: string }>
    }
    manifest.deliveries.find((d) => d.file === "lan.csv")!.sha256 = await sha256File(join(raw, "lan.csv"))
    await writeFile(join(raw, "manifest.json"), JSON.stringify(manifest, null, 2))
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("is kept verbatim and warned about at its cell, each shape; a signed number is not; the release is published", async () => {
    const result = await build(raw, join(work, "dist"))
    expect(result.ok).toBe(true)
    const warned = result.problems.filter((p) => p.code === "cell/formula")
    expect(warned.every((p) => p.severity === "warning" && p.column === 2 && p.columnName === "namn")).toBe(true)
    const formulas = NAMES.filter(([, formula]) => formula).map(([name]) => name)
    expect(warned.map((p) => p.value)).toEqual(formulas)
    // The header, then the two counties the municipalities refer to: the names begin on line 4.
    expect(warned.map((p) => p.line)).toEqual(NAMES.flatMap(([, formula], i) => (formula ? [4 + i] : [])))
    const counties = JSON.parse(await readFile(join(work, "dist", "data", "counties.json"), "utf8")) as Array<
      Record<string, string>
    >
    expect(counties.map((c) => c["county_name"])).toEqual(expect.arrayContaining(NAMES.map(([name]) => name)))
  })
})

describe("what looks like a formula", () => {
  const cases: ReadonlyArray<readonly [string, boolean]> = [
    ...NAMES,
    ["\t=1+1", true],
    ["\r=1+1", true],
    ["\tx", true],
    ["\rx", true],
    ["=", true],
    ["@", true],
    ["-", true],
    ["a\t-1", true],
    ["a;+1", true],
    ["1.5", false],
    ["", false],
  ]

  let work: string
  let db: Database
  beforeAll(async () => {
    work = await tempDir("formula-sql")
    db = await openDatabase(work)
  })
  afterAll(async () => {
    db.close()
    await rm(work, { recursive: true, force: true })
  })

  it.each(cases)("%j: %s, the same in JavaScript and in DuckDB", async (text, formula) => {
    expect(looksLikeFormula(text)).toBe(formula)
    const [row] = await db.rows(`SELECT ${looksLikeFormulaSql(`'${text.replaceAll("'", "''")}'`)} AS f`)
    expect(row!["f"]).toBe(formula)
  })
})

describe("the patterns that let no formula through", () => {
  const starts = ["=", "+", "-", "@", "\t", "\r"]
  it.each([
    ["^[0-9]{4}$", true],
    ["^[a-z][a-z0-9_]*$", true],
    ["^SE[0-9]{3}$", true],
    ["^[a-z0-9][a-z0-9-]*$", true],
    ["^[a-z0-9-][a-z]*$", false],
    ["^[-a-z]$", false],
    ["^[+0-9]+$", false],
    ["^[<-B]$", false],
    ["^[^0-9]$", false],
    ["^\\d+$", false],
    ["^.*$", false],
    ["[0-9]+", false],
    ["^=x$", false],
  ])("%s excludes a formula's first character: %s", (pattern, expected) => {
    expect(firstCharacterExcludes(pattern, starts)).toBe(expected)
  })

  it.each([
    ["^[0-9]{4}$", true],
    ["^[a-z0-9][a-z0-9-]*$", true],
    ["^SE[0-9]{3}$", true],
    ["^[0-9]+[a-z]?$", true],
    ["^[a-z][a-z ,]*$", false],
    ["^[9-A]+$", false],
    ["^[a-z;]+$", false],
    ["^.+$", false],
    ["^[a-z]+", false],
  ])("%s admits only letters, digits, _ and -: %s", (pattern, expected) => {
    expect(admitsOnlyWordCharacters(pattern)).toBe(expected)
  })
})
