import { describe, expect, it } from "vitest"
import { parseManifest } from "../../pipeline/manifest/load-manifest.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { SOURCES } from "../../pipeline/sources/index.ts"

const delivery = (over: Record<string, unknown> = {}) => ({
  file: "x.csv",
  dataset: "counties",
  kind: "delivered",
  publisher: "SCB",
  licence: "CC0-1.0",
  received: "2012-01-01",
  sha256: "0".repeat(64),
  format: "csv",
  columns: { kod: "county_code", namn: "county_name", nuts: "nuts3_code" },
  ...over,
})
const parse = (deliveries: unknown[]) =>
  parseManifest(JSON.stringify({ deliveries }, null, 2), "manifest.json", DATASETS, SOURCES)
const messages = (deliveries: unknown[]) => parse(deliveries).problems.map((p) => p.message)

describe("parseManifest", () => {
  it("accepts a well-formed manifest", () => {
    expect(parse([delivery()])).toMatchObject({ problems: [], manifest: { deliveries: [{ file: "x.csv" }] } })
  })

  it("locates a JSON syntax error", () => {
    expect(
      parseManifest('{\n  "deliveries": [\n    {,}\n  ]\n}', "manifest.json", DATASETS, SOURCES).problems,
    ).toMatchObject([{ code: "manifest/invalid", line: 3, column: 6 }])
  })

  it("locates a missing key at its delivery", () => {
    const { licence: _, ...rest } = delivery()
    expect(parse([rest]).problems).toMatchObject([
      { code: "manifest/invalid", line: 3, column: 5, message: expect.stringContaining("licence") },
    ])
  })

  it("asks a transcription for the documents it was transcribed from", () => {
    expect(parse([delivery({ kind: "transcribed" })]).problems).toMatchObject([
      { code: "manifest/invalid", line: 6, message: expect.stringContaining('"documents"') },
    ])
    expect(
      parse([delivery({ kind: "transcribed", documents: [{ title: "A list", publisher: "SCB" }] })]).problems,
    ).toEqual([])
    expect(parse([delivery({ kind: "sent" })]).problems).toMatchObject([
      { code: "manifest/invalid", message: expect.stringContaining("kind") },
    ])
  })

  it("locates a bad value at the value", () => {
    expect(parse([delivery({ sha256: "abc" })]).problems).toMatchObject([
      { code: "manifest/invalid", line: 10, message: expect.stringContaining("sha256") },
    ])
  })

  it.each([
    ["an unknown dataset", { dataset: "kommuner" }, "unknown dataset"],
    [
      "a mapping to no field",
      { columns: { kod: "county_code", namn: "county_name", nuts: "nuts3_code", extra: "nope" } },
      "not a field",
    ],
    ["a required field nothing feeds", { columns: { kod: "county_code", namn: "county_name" } }, "nuts3_code"],
    [
      "a field fed twice",
      { columns: { kod: "county_code", namn: "county_name", nuts: "nuts3_code", n2: "nuts3_code" } },
      "more than one column",
    ],
    ["a constant that is also a column", { constants: { county_code: "01" } }, "both a constant and a column"],
    [
      "a correction that changes nothing",
      { corrections: [{ field: "county_name", from: "A", to: "A", reason: "r" }] },
      "must change the value",
    ],
    ["a correction of no field", { corrections: [{ field: "nope", from: "A", to: "B", reason: "r" }] }, "not a field"],
    [
      "clashing separators",
      { dialect: { decimalSeparator: ",", thousandsSeparator: "," } },
      "also the decimal separator",
    ],
    ["a path out of raw/", { file: "../secrets.csv" }, "inside raw/"],
    ["a path with an empty part", { file: "a//b.csv" }, "relative to raw/ of plain names"],
  ])("refuses %s", (_, over, message) => {
    expect(messages([delivery(over)])).toEqual([expect.stringContaining(message)])
  })

  // What the release shows of an entry is one line of visible characters, and its files have plain names.
  it.each([
    ["a publisher over two lines", { publisher: "Vännäs kommun\n## 9.9.9" }, 6],
    ["a description with an escape sequence", { description: "\u001b[2J" }, 10],
    ["a withdrawal reason with a carriage return", { withdrawn: "fel\r::warning::x" }, 10],
    [
      "a document's title over two lines",
      { kind: "transcribed", documents: [{ title: "a\nb", publisher: "SCB" }] },
      10,
    ],
    [
      "a correction's reason with a reversing mark",
      { corrections: [{ field: "county_name", from: "A", to: "B", reason: "\u202eevil" }] },
      10,
    ],
    [
      "a column's reason to be ignored on two lines",
      { columns: { kod: "county_code", namn: "county_name", nuts: "nuts3_code", x: { ignore: "a\nb" } } },
      10,
    ],
    ["a file named with a newline", { file: "x\n::add-mask::y.csv" }, 4],
    ["a file named with a colon", { file: "::warning::x.csv" }, 4],
    ["a file named with a tab", { file: "a\tb.csv" }, 4],
    ["a file named with quotes", { file: 'a"b.csv' }, 4],
    ["a replaced file named with an escape", { replaces: ["\u001b[31m.csv"] }, 10],
  ])("refuses %s, at its line", (_, over, line) => {
    const { problems, manifest } = parse([delivery(over)])
    expect(manifest).toBeUndefined()
    expect(problems.every((p) => p.code === "manifest/invalid")).toBe(true)
    // A column's mapping is one of several shapes: each one it misses is said; the one it nearly is, at the reason.
    const said = problems.find((p) => /on one line|plain names/u.test(p.message))
    expect(said?.line).toBeGreaterThanOrEqual(line)
  })

  it.each(["vannas/indikatorer 2011.csv", "bjurholm/Målgrupper_rättad-2.xlsx", "4k/2026-11-29/indikatorvarden.csv"])(
    "takes %s as a plain path",
    (file) => {
      expect(parse([delivery({ file })]).problems).toEqual([])
    },
  )

  it("refuses a file declared twice", () => {
    expect(messages([delivery(), delivery()])).toEqual([expect.stringContaining("declared twice")])
  })
})

describe("parseManifest: sources, categories and wide layouts", () => {
  const values = (over: Record<string, unknown>) =>
    delivery({
      dataset: "indicator_values",
      columns: { region: "municipality_code", år: "year", värde: "value" },
      constants: { indicator_id: "population" },
      ...over,
    })

  it("expands an entry naming a source into one delivery per dataset it feeds", () => {
    const result = parse([
      { file: "pb/x.csv", source: "projektbanken", received: "2016-10-14", sha256: "0".repeat(64) },
    ])
    expect(result.problems).toEqual([])
    expect(result.manifest?.deliveries.map((d) => [d.file, d.dataset, d.source])).toEqual([
      ["pb/x.csv", "projects", "projektbanken"],
      ["pb/x.csv", "project_municipalities", "projektbanken"],
      ["pb/x.csv", "project_funders", "projektbanken"],
    ])
  })

  it("locates an unknown source at its name", () => {
    expect(
      parse([{ file: "x.csv", source: "nowhere", received: "2016-10-14", sha256: "0".repeat(64) }]).problems,
    ).toMatchObject([
      { line: 5, message: expect.stringContaining('unknown source "nowhere"; the repository declares projektbanken') },
    ])
  })

  it("requires categories and the columns that choose them to name each other", () => {
    const columns = { region: "municipality_code", år: "year", värde: "value", sektor: { categoryOf: "indicator_id" } }
    expect(messages([values({ columns, constants: undefined })])).toEqual([
      expect.stringContaining("which categories does not list"),
      expect.stringContaining("indicator_id"),
    ])
    expect(
      messages([
        values({
          columns: { region: "municipality_code", år: "year", värde: "value" },
          constants: undefined,
          categories: { indicator_id: { a: "b" } },
        }),
      ]),
    ).toEqual([expect.stringContaining('no column is declared { "categoryOf": "indicator_id" }')])
    expect(
      messages([
        values({ columns, constants: undefined, categories: { indicator_id: { "primärkommunal förvaltning": "x" } } }),
      ]),
    ).toEqual([])
  })

  it("checks a wide layout's columns and fields, and a workbook's last row", () => {
    const wide = (w: Record<string, unknown>, dialect?: Record<string, unknown>) =>
      values({
        columns: { region: "municipality_code" },
        layout: { wide: { columns: { years: [2008, 2018] }, labelField: "year", valueField: "value", ...w } },
        ...(dialect === undefined ? {} : { format: "xlsx", dialect }),
      })
    expect(messages([wide({})])).toEqual([])
    expect(messages([wide({ columns: { labels: ["2008", "2009"] } })])).toEqual([])
    expect(messages([wide({ columns: { prefix: "Folkmängd " } })])).toEqual([])
    expect(messages([wide({ columns: { prefix: "Folkmängd ", years: [1950, 2019] } })])).toEqual([])
    expect(messages([wide({ columns: { years: [2018, 2008] } })])).toEqual([
      "the first year, 2018, is after the last, 2008: give [FIRST, LAST]",
    ])
    expect(messages([wide({ valueField: "värde" })])).toEqual(["värde is not a field of indicator_values"])
    expect(messages([wide({}, { headerRow: 6, lastRow: 11 })])).toEqual([])
    expect(messages([wide({}, { headerRow: 6, lastRow: 6 })])).toEqual([
      "the table's last row, 6, is not below its header row, 6: give the row of the last record",
    ])
  })

  it("refuses a wide layout's columns given as a regular expression, at the pattern, saying what to write", () => {
    const entry = values({
      columns: { region: "municipality_code" },
      layout: { wide: { columns: "^(\\d+)+$", labelField: "year", valueField: "value" } },
    })
    const { problems } = parse([entry])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ code: "manifest/invalid", line: 20, column: 22 })
    expect(problems[0]!.message).toContain('"^(\\\\d+)+$" is a regular expression')
    expect(problems[0]!.message).toContain('{ "years": [FIRST, LAST] }')
    expect(problems[0]!.message).toContain('{ "labels": ["…", …] }')
  })
})
