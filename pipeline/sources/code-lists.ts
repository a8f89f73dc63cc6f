/**
 * The code lists the release's municipalities and counties come from, as public repositories
 * give them: SCB's municipality codes from sjbrg/swedish-geodata, and Eurostat's NUTS and LAU
 * codes of Sweden (each municipality with its county and NUTS 3 region) from eurospent/eurospent.
 */
import { cleanText } from "../shared/text.ts"
import { problem } from "../problems/problem.ts"
import type { SourceCell, SourceRecord } from "../contract/source-record.ts"
import type { AdaptedRecords, SourceAdapter, SourceDeclaration } from "../contract/source-declaration.ts"

export const municipalityCodes: SourceDeclaration = {
  name: "municipality-codes",
  title: "SCB, kommunkoder (sjbrg/swedish-geodata)",
  origin: "https://github.com/sjbrg/swedish-geodata",
  publisher: "Statistiska centralbyrån (SCB)",
  // SCB publishes its open data, the code lists among them, under CC0 (since 2021-07-01).
  licence: "CC0-1.0",
  attribution: "Källa: SCB (via sjbrg/swedish-geodata)",
  description:
    "Sweden's 290 municipalities with SCB's four-digit codes, their names and county codes, as the sjbrg/swedish-geodata repository (CC0) gives them: UTF-8, commas, codes with their leading zeros. Its municipality_name is a generated '<genitive> kommun' form, not SCB's; the name published is municipality_name_short.",
  scope: "every municipality of the list",
  format: "csv",
  dialect: { encoding: "utf-8", delimiter: "," },
  columns: {
    municipality_code: "municipality_code",
    municipality_name: { ignore: "a generated '<genitive> kommun' form of the name, not SCB's" },
    municipality_name_short: "municipality_name",
    county_code: "county_code",
  },
  feeds: [{ dataset: "municipalities", columns: {} }],
}

const cell = (r: SourceRecord, name: string): SourceCell | undefined => r.cells.find((c) => c.name === name)
const text = (c: SourceCell | undefined) => (c?.value === null || c?.value === undefined ? "" : cleanText(c.value))

/**
 * One county per LAU 1 code, from the first municipality that names it; a later municipality
 * that gives the same county another name or NUTS 3 code is an error at its cell.
 */
const countyRecords = (records: ReadonlyArray<SourceRecord>): AdaptedRecords[] => {
  const first = new Map<string, SourceRecord>()
  return records.map((r): AdaptedRecords => {
    const code = text(cell(r, "lau1_code"))
    const seen = first.get(code)
    if (seen === undefined) {
      first.set(code, r)
      const rename = (from: string, name: string) => ({ ...cell(r, from)!, name, label: from })
      return {
        from: r,
        records: [
          {
            line: r.line,
            cells: [
              rename("lau1_code", "county_code"),
              rename("lau1_name", "county_name"),
              rename("nuts3_code", "nuts3_code"),
            ],
          },
        ],
        corrections: [],
        problems: [],
      }
    }
    const problems = (["lau1_name", "nuts3_code"] as const).flatMap((name) => {
      const here = cell(r, name)
      if (text(here) === text(cell(seen, name))) return []
      return [
        problem({
          code: "cell/constraint",
          file: "",
          line: here?.line,
          column: here?.column,
          columnName: name,
          value: text(here),
          message: `county ${code} has ${name} ${JSON.stringify(text(cell(seen, name)))} on line ${seen.line}: one county, one ${name}`,
        }),
      ]
    })
    return { from: r, records: [], corrections: [], problems }
  })
}

const countyAdapter: SourceAdapter = (dataset, records, ctx) =>
  dataset !== "counties"
    ? []
    : countyRecords(records).map((a) => ({ ...a, problems: a.problems.map((p) => ({ ...p, file: ctx.file })) }))

const unused = (what: string) => ({ ignore: what })

export const nutsRegions: SourceDeclaration = {
  name: "nuts-regions",
  title: "Eurostat, NUTS and LAU codes of Sweden (eurospent/eurospent)",
  origin: "https://github.com/eurospent/eurospent",
  publisher: "Eurostat",
  // Eurostat authorises reuse of its statistical data and metadata with acknowledgement, under
  // the Commission's reuse decision, not a Creative Commons licence; the repository adds none.
  licence: null,
  rights:
    "Eurostat's NUTS and LAU classifications: Eurostat authorises reuse of its statistical data and metadata, for commercial or non-commercial purposes, provided the source is acknowledged (Commission Decision 2011/833/EU); no licence is given here; credit Eurostat",
  attribution: "Source: Eurostat, NUTS and LAU classifications (via eurospent/eurospent)",
  description:
    "Each of Sweden's 290 municipalities with its NUTS 1, 2 and 3 regions and its LAU codes, as the eurospent/eurospent repository gives Eurostat's classifications: UTF-8, commas, every field quoted. The county is the LAU 1 unit, its code without the leading zero (1 for Stockholms län, restored to 01 and recorded); each county's NUTS 3 code is read once, from its first municipality.",
  scope: "every county (LAU 1 unit) of the file, with its NUTS 3 region",
  format: "csv",
  dialect: { encoding: "utf-8", delimiter: "," },
  columns: {
    nuts1_name: unused("the NUTS 1 region, not published"),
    nuts1_code: unused("the NUTS 1 region, not published"),
    nuts2_name: unused("the NUTS 2 region, not published"),
    nuts2_code: unused("the NUTS 2 region, not published"),
    nuts3_name: unused("the NUTS 3 region's name, the county's name again"),
    nuts3_code: "counties.nuts3_code",
    lau1_name: "counties.county_name",
    lau1_code: "counties.county_code",
    lau2_name: unused("the municipality, which municipality-codes gives"),
    lau2_code: unused("the municipality's LAU 2 code (NUTS 3 and municipality code)"),
    population: unused("a population of unknown reference date"),
    territory: unused("the area, not published"),
    density: unused("the population density, of unknown reference date"),
  },
  feeds: [
    {
      dataset: "counties",
      columns: {
        county_code: { field: "county_code", zeroPad: 2 },
        county_name: "county_name",
        nuts3_code: "nuts3_code",
      },
    },
  ],
  adapter: countyAdapter,
}
