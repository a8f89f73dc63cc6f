/**
 * The published JSON Schemas say what the codebooks say of a missing value: it has a reason, and
 * only a missing value has one. Checked with ajv on rows as the release writes them.
 */
import { Ajv2020 } from "ajv/dist/2020.js"
import { describe, expect, it } from "vitest"
import { indicatorValues } from "../schemas/datasets/indicator-values.ts"
import { projectFunders } from "../schemas/datasets/project-funders.ts"
import { jsonSchemaOf } from "../schemas/derive/json-schema.ts"

const validator = (schema: object) => new Ajv2020({ allErrors: true, strict: false }).compile(schema)

const value = (v: number | null, status: string | null) => ({
  indicator_id: "population",
  municipality_code: "2401",
  year: 2008,
  value: v,
  value_status: status,
})
const funder = (sek: number | null, eur: number | null, status: string | null) => ({
  project_id: "4k",
  funder_id: "eruf",
  funder_name: "Europeiska regionala utvecklingsfonden",
  funder_type: "eu_fund",
  municipality_code: null,
  amount_sek: sek,
  amount_eur: eur,
  amount_status: status,
})

describe("the value/status rule in indicator_values.schema.json", () => {
  const valid = validator(jsonSchemaOf(indicatorValues))
  it("holds a value without a label, and a missing value with its reason", () => {
    expect(valid([value(7390, null), value(null, "not reported")]), JSON.stringify(valid.errors)).toBe(true)
  })
  it("refuses value 0 marked not reported, and a row whose value and status are both null", () => {
    expect(valid([value(0, "not reported")])).toBe(false)
    expect(valid([value(null, null)])).toBe(false)
  })
})

describe("the amount/status rule in project_funders.schema.json", () => {
  const valid = validator(jsonSchemaOf(projectFunders))
  it("holds an amount in SEK or in EUR without a label, and a missing amount with its reason", () => {
    expect(
      valid([funder(100, null, null), funder(null, 50, null), funder(null, null, "not known")]),
      JSON.stringify(valid.errors),
    ).toBe(true)
  })
  it("refuses an amount marked missing, and an amount missing in both currencies with no reason", () => {
    expect(valid([funder(100, null, "not known")])).toBe(false)
    expect(valid([funder(null, 50, "not known")])).toBe(false)
    expect(valid([funder(null, null, null)])).toBe(false)
  })
})
