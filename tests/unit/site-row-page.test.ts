/**
 * The site's pages of rows and their charts are built from what the definitions declare: which
 * dataset has a page per row, which datasets that refer to it it shows and how, which datasets
 * the charts are drawn from, and the words for the values of a closed list.
 */
import { describe, expect, it } from "vitest"
import { defineDataset, type DatasetDefinition } from "../../schemas/dataset.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { code, integer, nullable, oneOf, text } from "../../schemas/field.ts"
import { chartFocus, chartSources } from "../../pipeline/site/chart-data.ts"
import { fieldsHtml } from "../../pipeline/site/page-cells.ts"
import { referringField } from "../../pipeline/site/read-row-pages.ts"
import { periodOf, rowNames, sectionHtml } from "../../pipeline/site/row-page.ts"

const named = (name: string) => DATASETS.find((d) => d.name === name)!

describe("the datasets' declarations for the site", () => {
  const paged = DATASETS.filter((d) => d.rowPages !== undefined)

  it("give one dataset a page per row, named by its names", () => {
    expect(paged.map((d) => d.name)).toEqual(["projects"])
    expect(paged[0]!.names).toBeDefined()
  })

  it("list on a row's page only datasets that refer to it by foreign key, each saying how it shows", () => {
    for (const d of paged) {
      const { sections, describedBy } = d.rowPages!
      for (const name of [...sections, ...describedBy]) {
        const other = DATASETS.find((x) => x.name === name)
        expect(other, name).toBeDefined()
        expect(referringField(other!, d.name), name).toBeDefined()
      }
      for (const name of sections) expect(named(name).onPage, name).toBeDefined()
    }
    // A dataset that says how it shows on a page is listed by the page it shows on.
    for (const d of DATASETS.filter((x) => x.onPage !== undefined))
      expect(
        paged.some((p) => p.rowPages!.sections.includes(d.name)),
        d.name,
      ).toBe(true)
  })

  it("name only fields a dataset has", () => {
    expect(() =>
      defineDataset({
        name: "ships",
        title: { sv: "Fartyg", en: "Ships" },
        description: { sv: "Fartyg", en: "Ships" },
        fields: { ship_id: code({ en: "id", sv: "id" }, /^[a-z]+$/u, "letters") },
        primaryKey: ["ship_id"],
        foreignKeys: [],
        keywords: { sv: [], en: [] },
        themes: [],
        rowPages: {
          heading: { sv: "Fartyg", en: "Ships" },
          all: { sv: "Alla fartyg", en: "all ships" },
          facts: [{ label: { sv: "Namn" }, field: "ship_name" }],
          sections: [],
          describedBy: [],
        },
      }),
    ).toThrow(/ship_name/u)
  })

  it("give a page per row only to a dataset whose key of one field names the page", () => {
    expect(() =>
      defineDataset({
        name: "voyages",
        title: { sv: "Resor", en: "Voyages" },
        description: { sv: "Resor", en: "Voyages" },
        fields: {
          ship_id: code({ en: "id", sv: "id" }, /^[a-z]+$/u, "letters"),
          voyage: integer({ en: "Voyage", sv: "Resa" }),
        },
        primaryKey: ["ship_id", "voyage"],
        foreignKeys: [],
        keywords: { sv: [], en: [] },
        themes: [],
        rowPages: {
          heading: { sv: "Resor", en: "Voyages" },
          all: { sv: "Alla resor", en: "all voyages" },
          facts: [],
          sections: [],
          describedBy: [],
        },
      }),
    ).toThrow(/key of one field/u)
  })

  it("find the charts' values, measures, places and provenance by the roles they declare", () => {
    const sources = chartSources(DATASETS)!
    expect([sources.values.name, sources.measures.name, sources.places.name, sources.provenance.name]).toEqual([
      "indicator_values",
      "indicators",
      "municipalities",
      "indicator_values_provenance",
    ])
    expect(sources.fields).toEqual({
      measure: "indicator_id",
      place: "municipality_code",
      year: "year",
      value: "value",
      missing: "value_status",
    })
    // Without the dataset of measures there is nothing to chart.
    expect(chartSources(DATASETS.filter((d) => d.measure === undefined))).toBeUndefined()
  })
})

describe("a row's fields on a page", () => {
  const funders = named("project_funders")
  const municipalities = named("project_municipalities")

  it("show a value of a closed list in the words its field declares, with the value beside", () => {
    expect(fieldsHtml(funders, { funder_type: "eu_fund" }, ["funder_type"])).toBe(
      'EU-fond <span lang="en" class="en">(eu_fund)</span>',
    )
    expect(fieldsHtml(municipalities, { role: "regional_centre" }, ["role"])).toBe(
      'regionens centralort <span lang="en" class="en">(regional_centre)</span>',
    )
  })

  it("show the first amount given, in its currency, and why an amount is missing where none is", () => {
    const amount = ["amount_sek", "amount_eur"]
    expect(fieldsHtml(funders, { amount_sek: 7276000, amount_eur: null }, amount)).toBe("7\u00a0276\u00a0000 kr")
    expect(fieldsHtml(funders, { amount_sek: null, amount_eur: 1500 }, amount)).toBe("1\u00a0500 €")
    expect(fieldsHtml(funders, { amount_sek: null, amount_eur: null, amount_status: "not known" }, amount)).toBe(
      '<span class="missing">uppgift saknas (not known)</span>',
    )
  })

  it("say yes, no, or that it is not known", () => {
    const lead = (v: boolean | null) => fieldsHtml(municipalities, { lead_beneficiary: v }, ["lead_beneficiary"])
    expect([lead(true), lead(false), lead(null)]).toEqual(["ja", "nej", "uppgift saknas"])
  })
})

describe("a page of a row of a dataset that is not one of the release's", () => {
  // Two datasets the site has never heard of: what their pages show comes from their definitions alone.
  const harbours = defineDataset({
    name: "harbours",
    title: { sv: "Hamnar", en: "Harbours" },
    description: { sv: "Hamnar", en: "Harbours" },
    fields: {
      harbour_id: code({ en: "id", sv: "id" }, /^[a-z]+$/u, "letters"),
      harbour_name: text({ en: "Name", sv: "Namn" }),
      harbour_name_en: nullable(text({ en: "Name in English", sv: "Namn på engelska" })),
      opened: text({ en: "Opened", sv: "Öppnad" }),
      closed: text({ en: "Closed", sv: "Stängd" }),
    },
    primaryKey: ["harbour_id"],
    foreignKeys: [],
    keywords: { sv: [], en: [] },
    themes: [],
    period: { start: "opened", end: "closed" },
    names: { sv: "harbour_name", en: "harbour_name_en" },
    rowPages: {
      heading: { sv: "Hamnar", en: "Harbours" },
      all: { sv: "Alla hamnar", en: "all harbours" },
      facts: [],
      sections: ["berths"],
      describedBy: ["berths"],
    },
  })
  const berths = defineDataset({
    name: "berths",
    title: { sv: "Kajplatser", en: "Berths" },
    description: { sv: "Kajplatser", en: "Berths" },
    fields: {
      harbour_id: code({ en: "id", sv: "id" }, /^[a-z]+$/u, "letters"),
      berth: integer({ en: "Berth", sv: "Kajplats" }),
      kind: oneOf({ en: "Kind", sv: "Slag" }, ["ferry", "cargo"], {
        ferry: { sv: "färja", en: "ferry" },
        cargo: { sv: "last", en: "cargo" },
      }),
      fee_sek: nullable(integer({ en: "Fee", sv: "Avgift", unit: "SEK" })),
    },
    primaryKey: ["harbour_id", "berth"],
    foreignKeys: [{ fields: ["harbour_id"], reference: { dataset: "harbours", fields: ["harbour_id"] } }],
    keywords: { sv: [], en: [] },
    themes: [],
    onPage: {
      heading: { sv: "Kajplatser", en: "Berths" },
      anchor: "berths",
      show: {
        table: "Hamnens kajplatser",
        columns: [
          { label: { sv: "Kajplats" }, fields: ["berth"], as: "code" },
          { label: { sv: "Slag", en: "Kind" }, fields: ["kind"] },
          { label: { sv: "Avgift", en: "Fee" }, fields: ["fee_sek"] },
        ],
      },
    },
  }) as unknown as DatasetDefinition
  const row = {
    harbour_id: "umea",
    harbour_name: "Umeå hamn",
    harbour_name_en: null,
    opened: "1900-01-01",
    closed: "2000-12-31",
  }

  it("is named and dated by the fields its definition declares", () => {
    const d = harbours as unknown as DatasetDefinition
    expect(rowNames(d, row)).toEqual({ short: "Umeå hamn", title: "Umeå hamn" })
    expect(periodOf(d, row)).toEqual({ start: "1900-01-01", end: "2000-12-31" })
    expect(referringField(berths, "harbours")).toBe("harbour_id")
  })

  it("shows the referring rows as their dataset declares, and nothing where there are none", () => {
    const html = sectionHtml(harbours as unknown as DatasetDefinition, berths, [
      { harbour_id: "umea", berth: 2, kind: "ferry", fee_sek: 1200 },
    ])
    expect(html).toContain('<h2 id="berths">Kajplatser <span lang="en" class="en">Berths</span></h2>')
    expect(html).toContain("<caption>Hamnens kajplatser</caption>")
    expect(html).toContain(
      '<th scope="row"><code>2</code></th><td>färja <span lang="en" class="en">(ferry)</span></td><td class="num">1\u00a0200 kr</td>',
    )
    expect(sectionHtml(harbours as unknown as DatasetDefinition, berths, [])).toBe("")
  })

  it("draws the places of the rows with pages, named by their short names or names", () => {
    const focus = chartFocus(
      {
        definition: harbours as unknown as DatasetDefinition,
        pages: [{ key: "umea", row, sections: [], places: ["2480"] }],
      },
      named("municipalities"),
    )
    expect(focus).toEqual({
      codes: ["2480"],
      because: { sv: "kommunerna i Umeå hamn", en: "the municipalities of Umeå hamn" },
      called: { sv: "kommuner", en: "municipalities" },
    })
  })
})
