/**
 * planDelivery, given a manifest entry and its dataset, expected: where each field's value
 * comes from (a column and how it is parsed, a constant, the manifest's categories, a missing
 * value's label, or nothing), which columns are dropped as the file is
 * read, and which the header must have.
 */
import { describe, expect, it } from "vitest"
import { DATASETS } from "../../schemas/datasets/index.ts"
import type { Delivery } from "../../pipeline/contract/manifest-schema.ts"
import {
  needsRecordReader,
  planDelivery,
  WIDE_LABEL,
  WIDE_VALUE,
  type DeliveryPlan,
} from "../../pipeline/normalize/delivery-plan.ts"

const dataset = (name: string) => {
  const found = DATASETS.find((d) => d.name === name)
  if (found === undefined) throw new Error(`no dataset ${name}`)
  return found
}

/** A manifest entry with the provenance every entry has; `more` gives what the test is about. */
const entry = (
  dataset: string,
  more: Partial<Omit<Delivery, "kind">> & Pick<Delivery, "columns">,
): Omit<Delivery, "kind"> => ({
  file: "test/file.csv",
  dataset,
  publisher: "Test",
  licence: "CC0-1.0",
  received: "2012-01-01",
  sha256: "0".repeat(64),
  format: "csv",
  ...more,
})

/** Each field with its source, as plain data to compare. */
const sources = (plan: DeliveryPlan) => Object.fromEntries(plan.fields.map((f) => [f.column.name, f.source]))
const column = (name: string, parse?: "code-name" | "municipality-name", zeroPad?: number) => ({
  kind: "column",
  name,
  parse,
  zeroPad,
})

describe("planDelivery", () => {
  it("SCB's population export: a code-name column, an ignored column, a constant indicator, the status from the missing markers", () => {
    const plan = planDelivery(
      entry("indicator_values", {
        dialect: {
          encoding: "windows-1252",
          delimiter: ";",
          decimalSeparator: ",",
          thousandsSeparator: " ",
          missingValues: [{ value: "..", label: "not reported" }],
        },
        columns: {
          region: { field: "municipality_code", parse: "code-name" },
          ålder: { ignore: "always 'totalt ålder'" },
          år: "year",
          Folkmängd: "value",
        },
        constants: { indicator_id: "population" },
      }),
      dataset("indicator_values"),
    )
    expect(sources(plan)).toEqual({
      indicator_id: { kind: "constant", value: "population" },
      municipality_code: column("region", "code-name"),
      year: column("år"),
      value: column("Folkmängd"),
      value_status: { kind: "label" },
    })
    expect([...plan.dropped]).toEqual(["ålder"])
    expect([...plan.declared]).toEqual(["region", "ålder", "år", "Folkmängd"])
    expect(plan.dialect).toMatchObject({
      encoding: "windows-1252",
      delimiter: ";",
      quote: '"',
      decimalSeparator: ",",
      thousandsSeparator: " ",
    })
    expect(plan.wide).toBeUndefined()
    expect(needsRecordReader(plan)).toBe(false)
    for (const f of plan.fields) expect(f.corrections).toEqual([])
  })

  it("a code list: leading zeros restored, a personal column dropped, column names trimmed and composed as the header's are", () => {
    const plan = planDelivery(
      entry("municipalities", {
        columns: {
          " kod ": { field: "municipality_code", zeroPad: 4 },
          "namn\u00a0": "municipality_name",
          "la\u0308n": "county_code",
          kontakt: { personal: true },
        },
      }),
      dataset("municipalities"),
    )
    expect(sources(plan)).toMatchObject({
      municipality_code: column("kod", undefined, 4),
      municipality_name: column("namn"),
      county_code: column("län"),
    })
    expect([...plan.dropped]).toEqual(["kontakt"])
    expect([...plan.declared]).toEqual(["kod", "namn", "län", "kontakt"])
    // Defaults where the entry says nothing.
    expect(plan.dialect).toMatchObject({
      encoding: "utf-8",
      delimiter: ",",
      quote: '"',
      decimalSeparator: ".",
      thousandsSeparator: "",
      missingValues: [],
    })
  })

  it("a statistics export in a wide layout: the indicator chosen by two columns together, a name looked up, a value per year column", () => {
    const plan = planDelivery(
      entry("indicator_values", {
        columns: {
          region: { field: "municipality_code", parse: "municipality-name" },
          näringsgren: { categoryOf: "indicator_id" },
          ålder: { categoryOf: "indicator_id" },
          kommentar: { ignore: "free text" },
        },
        categories: {
          indicator_id: { "primärkommunal förvaltning / 55-59 år": "rams_municipal_administration_55_59" },
        },
        layout: { wide: { columns: { years: [2008, 2011] }, labelField: "year", valueField: "value" } },
      }),
      dataset("indicator_values"),
    )
    expect(sources(plan)).toEqual({
      indicator_id: {
        kind: "category",
        columns: ["näringsgren", "ålder"],
        values: { "primärkommunal förvaltning / 55-59 år": "rams_municipal_administration_55_59" },
      },
      municipality_code: column("region", "municipality-name"),
      year: column(WIDE_LABEL),
      value: column(WIDE_VALUE),
      value_status: { kind: "label" },
    })
    // A category's columns are declared and kept; only the ignored one is dropped.
    expect([...plan.dropped]).toEqual(["kommentar"])
    expect([...plan.declared]).toEqual(["region", "näringsgren", "ålder", "kommentar"])
    expect(plan.wide).toMatchObject({ labelField: "year", valueField: "value" })
    expect(["2008", "2011"].map(plan.wide!.labelValue)).toEqual(["2008", "2011"])
    expect(["år", "20088", "2007", "2012", "region"].map(plan.wide!.labelValue)).toEqual(Array(5).fill(undefined))
    // DuckDB's bulk SQL knows neither categories nor wide layouts.
    expect(needsRecordReader(plan)).toBe(true)
  })

  it("a constant wins over a column for the same field; corrections go with their field; an unmapped field has no source", () => {
    const plan = planDelivery(
      entry("indicators", {
        columns: { id: "indicator_id", sv: "label_sv", en: "label_en", enhet: "unit", projekt: "indicator_id" },
        constants: { source: "SCB", indicator_id: "share" },
        corrections: [
          { field: "unit", from: "st", to: "count", reason: "the unit written short" },
          { field: "label_en", from: "Shar", to: "Share", reason: "a misspelling" },
          { field: "unit", from: "procent", to: "percent", reason: "the unit in Swedish" },
        ],
      }),
      dataset("indicators"),
    )
    const s = sources(plan)
    expect(s["indicator_id"]).toEqual({ kind: "constant", value: "share" })
    expect(s["source"]).toEqual({ kind: "constant", value: "SCB" })
    expect(s["unit"]).toEqual(column("enhet"))
    expect(s["definition_sv"]).toEqual({ kind: "none" })
    expect(s["definition_status"]).toEqual({ kind: "label" })
    expect(s["project_id"]).toEqual({ kind: "none" })
    const corrections = Object.fromEntries(plan.fields.map((f) => [f.column.name, f.corrections.map((c) => c.to)]))
    expect(corrections).toMatchObject({
      unit: ["count", "percent"],
      label_en: ["Share"],
      label_sv: [],
      indicator_id: [],
    })
    expect(plan.dropped.size).toBe(0)
    expect([...plan.declared]).toEqual(["id", "sv", "en", "enhet", "projekt"])
    // Every field of the dataset is planned, in the dataset's order.
    expect(plan.fields.map((f) => f.column.name)).toEqual(Object.keys(s))
    expect(plan.fields.at(-1)!.column.name).toBe("source")
  })
})
