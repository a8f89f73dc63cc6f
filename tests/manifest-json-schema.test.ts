/**
 * The manifest's JSON Schema, which editors use to complete and check an entry: the committed
 * manifest names it, and it holds every manifest the pipeline reads and refuses what the
 * pipeline's own schema refuses.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Ajv2020 } from "ajv/dist/2020.js"
import { describe, expect, it } from "vitest"
import { MANIFEST_SCHEMA } from "../pipeline/cli/generate.ts"

const ROOT = join(import.meta.dirname, "..")
const schema = JSON.parse(readFileSync(join(ROOT, "schemas/derived", MANIFEST_SCHEMA), "utf8")) as object
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema)
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as { deliveries: Record<string, unknown>[] }

describe("the manifest's JSON Schema", () => {
  it("is named by raw/manifest.json, at the path an editor resolves from raw/", () => {
    const manifest = read(join(ROOT, "raw/manifest.json")) as { $schema?: string }
    expect(manifest.$schema).toBe(`../schemas/derived/${MANIFEST_SCHEMA}`)
  })

  const valid = [
    "raw/manifest.json",
    ...readdirSync(join(ROOT, "tests/cases"))
      .filter((c) => c.startsWith("good-"))
      .map((c) => `tests/cases/${c}/raw/manifest.json`),
  ]
  it.each(valid)("holds %s", (path) => {
    expect(validate(read(join(ROOT, path))), JSON.stringify(validate.errors)).toBe(true)
  })

  it("refuses an entry without its sha256, a dataset not defined, and a misspelt key", () => {
    const manifest = read(join(ROOT, "raw/manifest.json"))
    const entry = manifest.deliveries.find((d) => !("source" in d))!
    for (const broken of [
      Object.fromEntries(Object.entries(entry).filter(([k]) => k !== "sha256")),
      { ...entry, dataset: "indicator_value" },
      { ...entry, licence: "CC-BY" },
      { ...entry, recieved: entry["received"] },
    ])
      expect(validate({ deliveries: [broken] })).toBe(false)
    expect(validate({ deliveries: [entry] })).toBe(true)
  })

  it("takes a wide layout's columns as years, labels or a prefix, and refuses a regular expression", () => {
    const entry = read(join(ROOT, "raw/manifest.json")).deliveries.find((d) => !("source" in d))!
    const wide = (columns: unknown) => ({
      deliveries: [{ ...entry, layout: { wide: { columns, labelField: "year", valueField: "value" } } }],
    })
    for (const columns of [{ years: [1950, 2019] }, { labels: ["2008"] }, { prefix: "År " }])
      expect(validate(wide(columns)), JSON.stringify(columns)).toBe(true)
    for (const columns of ["^[0-9]{4}$", { years: [1950] }, { years: ["1950", "2019"] }, { pattern: "^[0-9]{4}$" }])
      expect(validate(wide(columns)), JSON.stringify(columns)).toBe(false)
  })

  it("lists the datasets and the sources a delivery may name, for completion", () => {
    const entries = (
      schema as {
        properties: { deliveries: { items: { anyOf: { properties: Record<string, { enum?: string[] }> }[] } } }
      }
    ).properties.deliveries.items.anyOf
    const datasets = entries[0]!.properties["dataset"]!.enum!
    expect(datasets).toContain("indicator_values")
    // The deliveries dataset is made from the manifest, never fed by a delivery.
    expect(datasets).not.toContain("deliveries")
    expect(entries[1]!.properties["source"]!.enum).toContain("projektbanken")
  })
})
