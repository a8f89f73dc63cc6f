/**
 * Supersession by coverage, given/expect: which rows of each delivery are read and what may
 * cover them, and where a delivery stands once what newer ones cover is out.
 */
import { describe, expect, it } from "vitest"
import { DATASETS } from "../../schemas/datasets/index.ts"
import type { ManifestEntry } from "../../pipeline/contract/manifest-schema.ts"
import {
  publishedAfterCoverage,
  shareText,
  sharePlanner,
  standingAfterCoverage,
} from "../../pipeline/manifest/coverage.ts"
import type { DeclaredDelivery } from "../../pipeline/manifest/declared-delivery.ts"
import { deliveryTimeline } from "../../pipeline/manifest/delivery-timeline.ts"
import { SOURCES } from "../../pipeline/sources/index.ts"

/** An entry as far as coverage reads it: a delivery declared in full, or a source's file. */
const entry = (file: string, more: Record<string, unknown> = {}): ManifestEntry =>
  ({ file, dataset: "indicator_values", received: "2026-01-01", ...more }) as unknown as ManifestEntry

/** Each file's share of `dataset`: not read, read as current, or read with what may cover it. */
const shares = (entries: ManifestEntry[], dataset = "indicator_values") => {
  const { standing } = deliveryTimeline(
    entries.map((e, index) => ({
      index,
      file: e.file,
      source: "source" in e ? e.source : undefined,
      received: e.received,
      replaces: e.replaces ?? [],
      withdrawn: e.withdrawn,
    })),
  )
  const { shareOf } = sharePlanner(entries, SOURCES, DATASETS)
  return Object.fromEntries(
    entries.map((e) => {
      const share = shareOf(e, standing.get(e.file)!, dataset)
      return [e.file, !share.read ? "not read" : share.covered === undefined ? "current" : share.covered.coveredBy]
    }),
  )
}

describe("which rows of a superseded delivery are read, and what may cover them", () => {
  it("reads an older delivery's indicator values, covered by the values its correction's rows have", () => {
    expect(shares([entry("a.csv"), entry("b.csv", { replaces: ["a.csv"] })])).toEqual({
      "a.csv": [{ file: "b.csv", fields: { indicator_id: "rows", municipality_code: "rows", year: "rows" } }],
      "b.csv": "current",
    })
  })

  it("takes what a correction declares it covers, values as text, and its rows for the fields it leaves out", () => {
    const declared = entry("b.csv", { replaces: ["a.csv"], covers: { year: [2007, 2008], indicator_id: "all" } })
    expect(shares([entry("a.csv"), declared])["a.csv"]).toEqual([
      { file: "b.csv", fields: { indicator_id: "all", municipality_code: "rows", year: ["2007", "2008"] } },
    ])
  })

  it("reads nothing of a delivery a newer one covers whole whatever it holds", () => {
    const all = { indicator_id: "all", municipality_code: "all", year: "all" }
    expect(shares([entry("a.csv"), entry("b.csv", { replaces: ["a.csv"], covers: all })])["a.csv"]).toBe("not read")
    // A dataset without coverage fields is covered whole.
    const projects = [
      entry("p.json", { dataset: "projects" }),
      entry("q.json", { dataset: "projects", replaces: ["p.json"] }),
    ]
    expect(shares(projects, "projects")["p.json"]).toBe("not read")
    // A withdrawn correction's rows are not read, so they cannot say what it covers: what it replaced stays out.
    expect(shares([entry("a.csv"), entry("b.csv", { replaces: ["a.csv"], withdrawn: "wrong" })])["a.csv"]).toBe(
      "not read",
    )
    // An erased file cannot be read.
    expect(
      shares([entry("a.csv", { erased: "held personal data" }), entry("b.csv", { replaces: ["a.csv"] })])["a.csv"],
    ).toBe("not read")
  })

  it("leaves a delivery's rows in a dataset its correction does not feed all standing", () => {
    const other = entry("b.json", { dataset: "indicators", replaces: ["a.csv"] })
    expect(shares([entry("a.csv"), other])["a.csv"]).toEqual([])
  })

  it("covers an older snapshot by each newer one along the chain, and by what its source declares", () => {
    const kolada = (file: string, received: string) => entry(file, { source: "kolada", received })
    const found = shares([
      kolada("k/1.json", "2026-11-01"),
      kolada("k/2.json", "2026-11-02"),
      kolada("k/3.json", "2026-11-03"),
    ])
    const byKolada = {
      indicator_id: ["kolada_n00999", "kolada_n00981", "kolada_n01951"],
      municipality_code: ["2401", "2403", "2404", "2409", "2460", "2480"],
      year: "rows",
    }
    expect(found["k/1.json"]).toEqual([
      { file: "k/2.json", fields: byKolada },
      { file: "k/3.json", fields: byKolada },
    ])
    expect(found["k/3.json"]).toBe("current")
    // Kolada's KPIs themselves have no coverage fields: the newest snapshot's stand for them all.
    expect(shares([kolada("k/1.json", "2026-11-01"), kolada("k/2.json", "2026-11-02")], "indicators")["k/1.json"]).toBe(
      "not read",
    )
  })
})

const declared = (file: string, state: DeclaredDelivery["state"]): DeclaredDelivery =>
  ({ file, state, supersededBy: state === "superseded" ? "new.csv" : null, stillPublished: null }) as DeclaredDelivery

describe("where a delivery stands once the rows newer ones cover are out", () => {
  it("is partly superseded with rows left, saying which; superseded without; the others as they were", () => {
    const history = [
      declared("old.csv", "superseded"),
      declared("gone.csv", "superseded"),
      declared("new.csv", "current"),
    ]
    const after = standingAfterCoverage(history, [
      {
        file: "old.csv",
        dataset: "indicator_values",
        rows: 6,
        values: [
          { field: "indicator_id", values: ["population"] },
          { field: "year", values: ["2007"] },
        ],
      },
      { file: "gone.csv", dataset: "indicator_values", rows: 0, values: [] },
    ])
    expect(after.map((d) => [d.file, d.state, d.stillPublished])).toEqual([
      ["old.csv", "partly superseded", "6 rows of indicator_values (indicator_id population; year 2007)"],
      ["gone.csv", "superseded", null],
      ["new.csv", "current", null],
    ])
  })

  it("publishes from a superseded delivery only the datasets it has rows left in", () => {
    const manifest = {
      deliveries: [
        { file: "k1.json", dataset: "indicators" },
        { file: "k1.json", dataset: "indicator_values" },
        { file: "k2.json", dataset: "indicator_values" },
      ],
      history: [declared("k1.json", "superseded"), declared("k2.json", "current")],
    }
    const after = publishedAfterCoverage(manifest, [
      { file: "k1.json", dataset: "indicators", rows: 1, values: [] },
      { file: "k1.json", dataset: "indicator_values", rows: 0, values: [] },
    ])
    expect(after.deliveries).toEqual([
      { file: "k1.json", dataset: "indicators" },
      { file: "k2.json", dataset: "indicator_values" },
    ])
    expect(after.history.map((d) => [d.state, d.stillPublished])).toEqual([
      ["partly superseded", "1 row of indicators"],
      ["current", null],
    ])
  })

  it("lists a few values of a field and counts the rest", () => {
    const years = Array.from({ length: 11 }, (_, i) => String(2008 + i))
    expect(
      shareText({ file: "a", dataset: "indicator_values", rows: 1, values: [{ field: "year", values: years }] }),
    ).toBe("1 row of indicator_values (year 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015 and 3 more)")
  })
})
