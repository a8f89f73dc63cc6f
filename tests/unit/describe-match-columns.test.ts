/** pipeline/describe/match-columns.ts: labels in Swedish and English, values that are codes, "code name" or names, and what is asked. */
import { describe, expect, it } from "vitest"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { indicatorValues } from "../../schemas/datasets/indicator-values.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { renderGuess } from "../../pipeline/describe/evidence.ts"
import { fieldsNamed, labelKey } from "../../pipeline/describe/field-labels.ts"
import { type GivenColumn, matchColumns } from "../../pipeline/describe/match-columns.ts"
import { rolesOf } from "../../pipeline/describe/roles.ts"
import { MunicipalityIndex } from "../../pipeline/normalize/municipality-names.ts"

const municipalities = new MunicipalityIndex([
  { code: "0114", name: "Upplands Väsby" },
  { code: "2403", name: "Bjurholm" },
  { code: "2404", name: "Vindeln" },
  { code: "2460", name: "Vännäs" },
])
const fields = columnsOf(indicatorValues).filter((c) => c.name !== "indicator_id")
const roles = rolesOf(indicatorValues, DATASETS)

const match = (
  table: Record<string, string[]>,
  options: { numeric?: string[]; given?: Record<string, GivenColumn>; index?: MunicipalityIndex | null } = {},
) =>
  matchColumns({
    dataset: "indicator_values",
    header: Object.keys(table),
    values: new Map(Object.entries(table)),
    fields,
    place: roles.place,
    places: options.index === null ? undefined : (options.index ?? municipalities),
    yearField: roles.yearField,
    measures: { field: "indicator_id", name: "indicators", ids: new Set(["population"]) },
    numeric: new Set(options.numeric ?? []),
    given: new Map(Object.entries(options.given ?? {})),
  })

describe("labels", () => {
  it("are compared without case, accents, punctuation or a unit", () => {
    expect(labelKey("Antal (personer)")).toBe("antal")
    expect(labelKey("Kommun-kod")).toBe("kommun kod")
    expect(labelKey("År")).toBe("ar")
  })

  it.each([
    ["Kommun", "municipality_code"],
    ["Kommunkod", "municipality_code"],
    ["Municipality", "municipality_code"],
    ["År", "year"],
    ["Year", "year"],
    ["Värde", "value"],
    ["Antal", "value"],
    ["Value", "value"],
    ["Count", "value"],
    ["Status", "value_status"],
    ["Indikator", "indicator_id"],
    ["municipality_code", "municipality_code"],
  ])("%s names %s", (label, field) => expect(fieldsNamed(label, columnsOf(indicatorValues))).toEqual([field]))
})

describe("columns matched by label and by values", () => {
  it("reads names, years and numbers under Swedish labels", () => {
    const found = match(
      { Kommun: ["Vindeln", "Bjurholms kommun", "Vännäs"], År: ["2010", "2010", "2011"], Antal: ["12,5", "3", "4"] },
      { numeric: ["År", "Antal"] },
    )
    expect(found.columns).toEqual({
      Kommun: { field: "municipality_code", parse: "municipality-name" },
      År: "year",
      Antal: "value",
    })
    expect(found.guesses.map(renderGuess)[0]).toBe(
      'Kommun → municipality_code, parse municipality-name (label "Kommun"; all 3 values are municipality names, e.g. "Vindeln" = 2404)',
    )
    expect(found.questions).toEqual([])
  })

  it("reads codes, codes without their zero, and SCB's code and name, by values alone", () => {
    expect(match({ A: ["2403", "0114"] }).columns).toEqual({ A: "municipality_code" })
    expect(match({ A: ["2403", "114"] }).columns).toEqual({ A: { field: "municipality_code", zeroPad: 4 } })
    expect(match({ A: ["2403 Bjurholm", "0114 Upplands Väsby"] }).columns).toEqual({
      A: { field: "municipality_code", parse: "code-name" },
    })
    expect(match({ A: ["Vindeln", "Vännäs"] }).columns).toEqual({
      A: { field: "municipality_code", parse: "municipality-name" },
    })
  })

  it("tells 114 = 0114 in the evidence of zeroPad", () => {
    const found = match({ Kommunkod: ["114", "2403"] }, { numeric: ["Kommunkod"] })
    expect(found.columns).toEqual({ Kommunkod: { field: "municipality_code", zeroPad: 4 } })
    expect(found.guesses[0]!.evidence).toContain("114 = 0114 Upplands Väsby")
  })

  it("reads a label's municipality column by the shape of its values, and says which name is unknown", () => {
    const found = match({ Kommun: ["Bjurholm", "Vindelen"] })
    expect(found.columns).toEqual({ Kommun: { field: "municipality_code", parse: "municipality-name" } })
    expect(found.guesses[0]!.evidence).toContain('"Vindelen" is no municipality\'s name (nearest: Vindeln)')
  })

  it("reads a status column by its values", () => {
    expect(match({ X: ["confidential", "not known"] }).columns).toEqual({ X: "value_status" })
  })

  it("says which value a labelled column's field will not take", () => {
    const found = match({ Status: ["confidential", "sekretess"], Antal: ["12", "tolv"] })
    expect(found.columns).toEqual({ Status: "value_status", Antal: "value" })
    expect(found.guesses[0]!.evidence).toContain('"sekretess" is not one of its values')
    expect(found.guesses[1]!.evidence).toContain('"tolv" is no number')
  })

  it("takes a field by elimination when another column holds the other one by its label", () => {
    const found = match({ Antal: ["12", "14"], Y: ["2010", "2011"] }, { numeric: ["Antal", "Y"] })
    expect(found.columns).toEqual({ Antal: "value", Y: "year" })
    expect(found.guesses[1]!.evidence).toContain("value is another column's")
  })

  it("takes what --column gives", () => {
    const found = match(
      { Kommun: ["Vindeln"], Kommentar: ["bra"], Kontakt: ["Anna"] },
      { given: { Kommentar: { ignore: "free text" }, Kontakt: { personal: true } } },
    )
    expect(found.columns).toEqual({
      Kommun: { field: "municipality_code", parse: "municipality-name" },
      Kommentar: { ignore: "free text" },
      Kontakt: { personal: true },
    })
  })
})

describe("what is asked, naming --column", () => {
  it("a label no field matches", () => {
    const found = match({ Kommun: ["Vindeln"], Kommentar: ["bra"] })
    expect(found.columns).toEqual({ Kommun: { field: "municipality_code", parse: "municipality-name" } })
    expect(found.questions).toHaveLength(1)
    expect(found.questions[0]!.flag).toBe("--column")
    expect(found.questions[0]!.question).toContain('column "Kommentar"')
    expect(found.questions[0]!.example).toContain('--column "Kommentar=ignore:REASON"')
  })

  it("a column two fields fit equally: years that could be values", () => {
    const found = match({ Kommun: ["Vindeln"], X: ["2010", "2011"] }, { numeric: ["X"] })
    expect(found.columns).toEqual({ Kommun: { field: "municipality_code", parse: "municipality-name" } })
    expect(found.questions[0]!.question).toMatch(/column "X" fits year .* and value .* equally/)
  })

  it("a field two columns fit", () => {
    const found = match({ Värde: ["1"], Antal: ["2"] }, { numeric: ["Värde", "Antal"] })
    expect(found.columns).toEqual({})
    expect(found.questions).toHaveLength(1)
    expect(found.questions[0]!.question).toContain('columns "Värde" and "Antal" both fit value')
  })

  it("no municipality list: four-digit numbers may be codes or values", () => {
    const found = match({ A: ["2403", "2404"] }, { index: null, numeric: ["A"] })
    expect(found.columns).toEqual({})
    expect(found.questions[0]!.question).toMatch(/fits municipality_code .* and value .* equally/)
    expect(match({ A: ["2403 Bjurholm"] }, { index: null }).columns).toEqual({
      A: { field: "municipality_code", parse: "code-name" },
    })
  })

  it("known municipality codes are codes, not values; a leading zero is never a number", () => {
    expect(match({ A: ["2403", "2404"] }, { numeric: ["A"] }).columns).toEqual({ A: "municipality_code" })
    expect(match({ A: ["0114", "0999"] }, { index: null, numeric: ["A"] }).columns).toEqual({
      A: "municipality_code",
    })
  })
})
