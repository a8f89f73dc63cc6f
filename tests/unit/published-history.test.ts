/**
 * The published history, given/expect: what an entry's reading checksum covers, and each way
 * the manifest may and may not depart from the deliveries a release published.
 */
import { describe, expect, it } from "vitest"
import type { DeclaredDelivery } from "../../pipeline/manifest/declared-delivery.ts"
import { parseManifest } from "../../pipeline/manifest/load-manifest.ts"
import { type PublishedDelivery, publishedFindings } from "../../pipeline/manifest/published-history.ts"
import { readingOf } from "../../pipeline/manifest/reading.ts"
import { SOURCES } from "../../pipeline/sources/index.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import type { Delivery, SourceDelivery } from "../../pipeline/contract/manifest-schema.ts"

const entry = (over: Partial<Delivery> = {}): Delivery => ({
  file: "vannas-kommun/lan.csv",
  dataset: "counties",
  kind: "delivered",
  publisher: "Vännäs kommun",
  licence: "CC0-1.0",
  received: "2012-01-01",
  sha256: "a".repeat(64),
  format: "csv",
  dialect: { delimiter: ";", missingValues: [{ value: "..", label: "not reported" }] },
  columns: { kod: "county_code", namn: "county_name", nuts: "nuts3_code" },
  ...over,
})

const snapshot: SourceDelivery = {
  file: "nuts-regions/2026-11-29/nuts.csv",
  source: "nuts-regions",
  received: "2026-11-29",
  sha256: "b".repeat(64),
}

describe("the reading checksum", () => {
  it("does not depend on how the entry is laid out: its keys' order, or absent keys", () => {
    const { dialect, columns, ...rest } = entry()
    const reordered = { columns, ...rest, dialect: { missingValues: dialect!.missingValues!, delimiter: ";" } }
    expect(readingOf(reordered as Delivery)).toBe(readingOf(entry()))
    expect(readingOf(entry({ constants: undefined }))).toBe(readingOf(entry()))
  })

  it("changes with every field that says how the file is read, what it feeds, what it replaces or covers", () => {
    const changed: Array<Partial<Delivery>> = [
      { dataset: "municipalities" },
      { format: "json" },
      { dialect: { delimiter: ";", missingValues: [{ value: "-", label: "not reported" }] } },
      { columns: { kod: "county_code", namn: "county_name", nuts: { ignore: "not used" } } },
      { constants: { county_name: "Västerbottens län" } },
      { corrections: [{ field: "county_name", from: "Vasterbotten", to: "Västerbotten", reason: "spelling" }] },
      { categories: { county_name: { a: "b" } } },
      { layout: { wide: { columns: { years: [2008, 2010] }, labelField: "year", valueField: "value" } } },
      { invalidRows: "exclude" },
      { replaces: ["vannas-kommun/lan-2011.csv"] },
      { covers: { year: [2011] } },
    ]
    const readings = changed.map((c) => readingOf(entry(c)))
    expect(new Set([readingOf(entry()), ...readings]).size).toBe(changed.length + 1)
  })

  it("keeps the order of columns, in which a category's cells are joined", () => {
    const swapped = entry({ columns: { namn: "county_name", kod: "county_code", nuts: "nuts3_code" } })
    expect(readingOf(swapped)).not.toBe(readingOf(entry()))
  })

  it("leaves out what describes a delivery, and where it stands", () => {
    const described = entry({
      description: "a description",
      publisher: "Another",
      licence: null,
      rights: "terms",
      received: "2012-02-02",
      asOf: "2011-12-31",
      retrieved: "2012-01-01",
      documents: [{ title: "A document", publisher: "SCB" }],
      sha256: "c".repeat(64),
      withdrawn: "why",
      onBehalf: "maintainers: why",
      erased: "why",
    })
    expect(readingOf(described)).toBe(readingOf(entry()))
  })

  it("covers, for a source's file, the source's name and what it replaces only", () => {
    expect(readingOf({ ...snapshot, via: "a copy", description: "d", received: "2026-12-01" })).toBe(
      readingOf(snapshot),
    )
    expect(readingOf({ ...snapshot, source: "scb-population" })).not.toBe(readingOf(snapshot))
    expect(readingOf({ ...snapshot, replaces: ["reference/lan.csv"] })).not.toBe(readingOf(snapshot))
  })
})

/** The manifest's deliveries, parsed as the build parses them. */
const historyOf = (deliveries: ReadonlyArray<Delivery | SourceDelivery>): ReadonlyArray<DeclaredDelivery> => {
  const parsed = parseManifest(JSON.stringify({ deliveries }, null, 2), "manifest.json", DATASETS, SOURCES)
  expect(parsed.problems).toEqual([])
  return parsed.manifest!.history
}

/** What a release built from these deliveries lists of them. */
const publishedOf = (deliveries: ReadonlyArray<Delivery | SourceDelivery>): PublishedDelivery[] =>
  historyOf(deliveries).map((d) => ({
    file: d.file,
    sha256: d.sha256,
    kind: d.kind,
    publisher: d.publisher,
    reading: d.reading,
    state: d.state,
  }))

describe("the published history", () => {
  const published = publishedOf([entry(), snapshot])
  const findings = (now: ReadonlyArray<Delivery | SourceDelivery>, before = published) =>
    publishedFindings(historyOf(now), before).map(({ code, path }) => ({ code, path }))

  it("lets what describes a published delivery change, and its standing", () => {
    const described = entry({ description: "now described", received: "2012-01-02", withdrawn: "superseded" })
    expect(
      findings([
        { ...described, onBehalf: "maintainers: at its request" },
        { ...snapshot, via: "a copy" },
      ]),
    ).toEqual([])
  })

  it("refuses a published delivery's bytes changed with its sha256, at the sha256", () => {
    expect(findings([entry({ sha256: "d".repeat(64) }), snapshot])).toEqual([
      { code: "manifest/published", path: ["deliveries", 0, "sha256"] },
    ])
  })

  it.each([
    ["missingValues", { dialect: { delimiter: ";" } }],
    ["columns", { columns: { kod: { field: "county_code", zeroPad: 2 }, namn: "county_name", nuts: "nuts3_code" } }],
    ["corrections", { corrections: [{ field: "county_name", from: "a", to: "b", reason: "why" }] }],
  ] as const)("refuses a published delivery's %s changed, at its entry", (_, over) => {
    expect(findings([entry(over as Partial<Delivery>), snapshot])).toEqual([
      { code: "manifest/published", path: ["deliveries", 0] },
    ])
  })

  it("refuses a published delivery's publisher or kind changed, at that field", () => {
    expect(findings([entry({ publisher: "Bjurholms kommun" }), snapshot])).toEqual([
      { code: "manifest/published", path: ["deliveries", 0, "publisher"] },
    ])
    const transcribed = entry({ kind: "transcribed", documents: [{ title: "A list", publisher: "SCB" }] })
    expect(findings([transcribed, snapshot])).toEqual([{ code: "manifest/published", path: ["deliveries", 0, "kind"] }])
  })

  it("refuses a published delivery's entry removed, at the list of deliveries, naming the file", () => {
    const found = publishedFindings(historyOf([snapshot]), published)
    expect(found).toMatchObject([{ code: "manifest/published", path: ["deliveries"], value: "vannas-kommun/lan.csv" }])
    expect(found[0]!.message).toContain("pipeline withdraw vannas-kommun/lan.csv --reason TEXT")
  })

  it("names the command that files a change instead: add for a delivery, snapshot for a source's file", () => {
    const [changed] = publishedFindings(historyOf([entry({ sha256: "d".repeat(64) }), snapshot]), published)
    expect(changed!.message).toContain("pipeline add NEWFILE --replaces vannas-kommun/lan.csv")
    const [resnapped] = publishedFindings(historyOf([entry(), { ...snapshot, sha256: "e".repeat(64) }]), published)
    expect(resnapped!.message).toContain("pipeline snapshot nuts-regions --from NEWFILE")
  })

  it("compares only what an older release recorded: no reading, kind or publisher there, none compared", () => {
    const older = published.map((p) => ({ ...p, reading: undefined, kind: undefined, publisher: undefined }))
    expect(findings([entry({ dialect: undefined, publisher: "Another" }), snapshot], older)).toEqual([])
    expect(findings([entry({ sha256: "d".repeat(64) }), snapshot], older)).toHaveLength(1)
  })

  it("holds nothing against a delivery not yet published", () => {
    expect(
      findings([entry(), snapshot, entry({ file: "vannas-kommun/lan-2.csv", replaces: ["vannas-kommun/lan.csv"] })]),
    ).toEqual([])
  })
})
