/**
 * What the manifest says of a delivery's terms, dates and documents, and of a delivery whose
 * file was erased: each checked where it is written.
 */
import { describe, expect, it } from "vitest"
import { parseManifest } from "../../pipeline/manifest/load-manifest.ts"
import { inventoryProblems } from "../../pipeline/inventory/inventory.ts"
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
  parseManifest(JSON.stringify({ deliveries }, null, 2), "manifest.json", DATASETS, SOURCES, "2026-12-03")

describe("a delivery's licence, as granted", () => {
  it("takes null for a source that states none, with the terms known in rights", () => {
    const result = parse([delivery({ licence: null, rights: "a public register; credit SCB" })])
    expect(result.problems).toEqual([])
    expect(result.manifest?.history[0]).toMatchObject({ licence: null, rights: "a public register; credit SCB" })
  })

  it("refuses null without rights, at the licence", () => {
    expect(parse([delivery({ licence: null })]).problems).toMatchObject([
      { code: "manifest/invalid", line: 8, message: expect.stringContaining('"rights"') },
    ])
  })

  it("refuses a licence it does not know rather than reading it as another", () => {
    expect(parse([delivery({ licence: "CC-BY-SA-4.0" })]).problems).toMatchObject([
      { code: "manifest/invalid", message: expect.stringContaining("licence") },
    ])
  })
})

describe("a delivery's dates", () => {
  it("keeps as-of, retrieved and received apart, each where given", () => {
    const result = parse([delivery({ asOf: "2011-12-31", retrieved: "2011-12-31" })])
    expect(result.problems).toEqual([])
    expect(result.manifest?.history[0]).toMatchObject({
      asOf: "2011-12-31",
      retrieved: "2011-12-31",
      received: "2012-01-01",
    })
    expect(parse([delivery()]).manifest?.history[0]).toMatchObject({ asOf: undefined, retrieved: undefined })
  })

  it("refuses dates out of their order", () => {
    expect(parse([delivery({ asOf: "2012-02-01" })]).problems).toMatchObject([
      { code: "manifest/invalid", message: expect.stringContaining("asOf 2012-02-01 is after received") },
    ])
    expect(parse([delivery({ retrieved: "2012-01-02" })]).problems).toMatchObject([
      { code: "manifest/invalid", message: expect.stringContaining("retrieved 2012-01-02 is after received") },
    ])
    expect(parse([delivery({ asOf: "2011-12-31", retrieved: "2011-12-30" })]).problems).toMatchObject([
      { code: "manifest/invalid", message: expect.stringContaining("is after retrieved") },
    ])
  })
})

describe("a transcription's documents", () => {
  const transcribed = (document: Record<string, unknown>) =>
    delivery({ kind: "transcribed", documents: [{ title: "Case 1", publisher: "Tillväxtverket", ...document }] })

  it("may name the source a document is a record of, and the fields taken from it", () => {
    const result = parse([transcribed({ source: "projektbanken", fields: ["county_name"] })])
    expect(result.problems).toEqual([])
    expect(result.manifest?.history[0]?.documents[0]).toMatchObject({
      source: "projektbanken",
      fields: ["county_name"],
    })
  })

  it("refuses an unknown source and a field its dataset does not have, each at its place", () => {
    expect(parse([transcribed({ source: "nowhere" })]).problems).toMatchObject([
      { code: "manifest/invalid", message: expect.stringContaining('unknown source "nowhere"') },
    ])
    expect(parse([transcribed({ source: "projektbanken", fields: ["amount_sek"] })]).problems).toMatchObject([
      { code: "manifest/invalid", message: expect.stringContaining('"amount_sek" is not a field of counties') },
    ])
  })
})

describe("an erased delivery", () => {
  const older = delivery({ file: "old.csv", erased: "it held personal data" })
  const newer = delivery({ file: "new.csv", replaces: ["old.csv"] })

  it("is history once it is no longer published: its file is gone, its entry stays", () => {
    const result = parse([older, newer])
    expect(result.problems).toEqual([])
    const manifest = result.manifest!
    expect(manifest.history.find((d) => d.file === "old.csv")).toMatchObject({
      state: "superseded",
      erased: "it held personal data",
    })
    expect(inventoryProblems(["manifest.json", "new.csv"], manifest, (f) => f)).toEqual([])
  })

  it("is refused while still current, and its file while still in raw/", () => {
    expect(parse([older]).problems).toMatchObject([
      { code: "manifest/erased", message: expect.stringContaining("only a delivery no longer published") },
    ])
    const manifest = parse([older, newer]).manifest!
    expect(inventoryProblems(["manifest.json", "new.csv", "old.csv"], manifest, (f) => f)).toMatchObject([
      { code: "manifest/erased", file: "old.csv", message: expect.stringContaining("remove it") },
    ])
  })
})

describe("what a delivery covers", () => {
  const values = (over: Record<string, unknown>) =>
    delivery({
      dataset: "indicator_values",
      columns: { i: "indicator_id", k: "municipality_code", y: "year", v: "value" },
      ...over,
    })

  it("names the fields its dataset gives coverage in, with values or all", () => {
    expect(parse([values({ covers: { year: [2007, 2008], indicator_id: ["population"] } })]).problems).toEqual([])
    expect(parse([values({ covers: { municipality_code: "all" } })]).problems).toEqual([])
  })

  it("refuses another field, a dataset covered whole, and an empty list, each at its place", () => {
    expect(parse([values({ covers: { value: "all" } })]).problems).toMatchObject([
      { code: "manifest/invalid", line: 19, message: expect.stringContaining('"covers" names indicator_id') },
    ])
    expect(parse([delivery({ covers: { county_code: ["24"] } })]).problems).toMatchObject([
      { code: "manifest/invalid", message: expect.stringContaining("counties is covered whole") },
    ])
    expect(parse([values({ covers: { year: [] } })]).problems).toMatchObject([{ code: "manifest/invalid" }])
  })
})
