/**
 * The release built from a raw/ the test controls (tests/support/release-fixture.ts): the 4K
 * transcriptions as they were filed, and the sources' real files filed from ../shared/data by
 * snapshot. It is deterministic, the same through either CSV reader, holds the facts of the 4K
 * release, and a bad delivery leaves a published release untouched. What must hold of the
 * committed release whatever raw/ holds is checked in committed-release.test.ts.
 */
import { readFile, readdir, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DATASETS } from "../schemas/datasets/index.ts"
import { asLatin1, correctDelivery } from "./support/raw-copy.ts"
import { ALL_SOURCES, copyRelease, fixtureRaw, sharedHas } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { treeHashes } from "./support/tree.ts"
import { tracedRows } from "./support/traced-rows.ts"

// Without ../shared the release is built from the transcriptions alone, and the sources' facts are skipped.
const present = sharedHas(ALL_SOURCES, "the facts of the sources (SCB, Projektbanken) in the 4K release")

describe("the 4K release, built from a raw/ the test controls", () => {
  let work: string
  let raw: string
  let first: Record<string, string>

  beforeAll(async () => {
    work = await tempDir("release")
    raw = await fixtureRaw(work, present ? ALL_SOURCES : [])
    const result = await build(raw, join(work, "a"))
    // The register's warnings (a start in 2001, formula-like text) are known and published; errors are none.
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([])
    expect(result.problems.map((p) => p.code)).toEqual(
      present ? ["cell/formula", "source/suspect", "cell/formula"] : [],
    )
    expect(result.ok).toBe(true)
    first = await treeHashes(join(work, "a"))
  }, 120_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("is byte-identical when built again", async () => {
    const again = await build(raw, join(work, "b"))
    expect(again.ok).toBe(true)
    expect(await treeHashes(join(work, "b"))).toEqual(first)
  })

  it("is the same when every CSV is read by the tokenizer instead of DuckDB", async () => {
    const result = await build(raw, join(work, "tokenizer"), "build", true)
    expect(result.ok).toBe(true)
    expect(await treeHashes(join(work, "tokenizer"))).toEqual(first)
  })

  it("publishes each dataset as JSON, CSV and Parquet with its schema", () => {
    for (const d of DATASETS) {
      for (const f of [
        `data/${d.name}.json`,
        `data/${d.name}.csv`,
        `data/${d.name}.parquet`,
        `schemas/${d.name}.schema.json`,
      ]) {
        expect(first, f).toHaveProperty([f])
      }
    }
  })

  it("lists every file in SHA256SUMS with its hash", async () => {
    const sums = (await readFile(join(work, "a", "SHA256SUMS"), "utf8")).trim().split("\n")
    const listed = Object.fromEntries(
      sums.map((l) => {
        const [h, f] = l.split("  ")
        return [f!, h!]
      }),
    )
    const { SHA256SUMS: _, ...rest } = first
    expect(listed).toEqual(rest)
  })

  it("says of every delivery how it came to be: a snapshot names its source, a transcription its documents", async () => {
    const manifest = JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as {
      deliveries: Array<Record<string, unknown>>
    }
    for (const d of manifest.deliveries) {
      if (d["source"] !== undefined) continue
      // Everything in the fixture that is not a snapshot was typed by the maintainers.
      expect(d, String(d["file"])).toMatchObject({
        kind: "transcribed",
        documents: expect.arrayContaining([
          expect.objectContaining({ title: expect.any(String), publisher: expect.any(String) }),
        ]),
      })
    }
    const deliveries = JSON.parse(await readFile(join(work, "a", "data", "deliveries.json"), "utf8")) as Array<
      Record<string, unknown>
    >
    expect(new Set(deliveries.map((d) => d["kind"]))).toEqual(
      new Set(present ? ["snapshot", "transcribed"] : ["transcribed"]),
    )
    expect(deliveries.find((d) => d["file"] === "4k/projekt.json")?.["documents"]).toContain(
      "Tillväxtverket, Projektbanken: case 41364",
    )
  })

  it("keeps every 4K indicator value as missing and labelled, never a number", async () => {
    const rows = JSON.parse(await readFile(join(work, "a", "data", "indicator_values.json"), "utf8")) as Array<
      Record<string, unknown>
    >
    const fourK = rows.filter((r) =>
      ["new_jobs", "new_companies", "companies_advised", "activity_participants"].includes(String(r["indicator_id"])),
    )
    expect(fourK).toHaveLength(4 * 5 * 3)
    // The page's results section is empty and its final report is not available: no value, and the label says so.
    for (const r of fourK) expect(r).toMatchObject({ value: null, value_status: "not available" })
    const codes = new Set(fourK.map((r) => r["municipality_code"]))
    expect([...codes].sort()).toEqual(["2401", "2403", "2404", "2409", "2460"])
  })

  it.skipIf(!present)(
    "carries SCB's population figures for all 290 municipalities, 2008–2018, from SCB's own export, and 2007 from the typed figures",
    async () => {
      const rows = tracedRows(join(work, "a"), "indicator_values")
      const population = rows.filter((r) => r["indicator_id"] === "population")
      const pop = Object.fromEntries(population.map((r) => [`${r["municipality_code"]}/${r["year"]}`, r["value"]]))
      expect(Object.keys(pop)).toHaveLength(290 * 11 + 6)
      expect(pop["2403/2008"]).toBe(2516)
      expect(pop["2480/2011"]).toBe(116465)
      expect(pop["2460/2010"]).toBe(8414)
      const exported = /^scb-population\/[0-9-]+\/scb_folkmangd_kommun_2008-2018_bef_k_tot\.csv$/
      const typed = "scb/folkmangd_2007-2011.csv"
      for (const r of population) expect(r["file"]).toMatch(r["year"] === 2007 ? typed : exported)
      // 31 December 2007, the year before 4K began, which SCB's export does not cover (../shared/data/README.md).
      expect(population.filter((r) => r["year"] === 2007).map((r) => [r["municipality_code"], r["value"]])).toEqual([
        ["2401", 7390],
        ["2403", 2549],
        ["2404", 5640],
        ["2409", 6909],
        ["2460", 8351],
        ["2480", 111771],
      ])
      // The hand-typed figures stay in raw/, superseded where the export covers them.
      const deliveries = JSON.parse(await readFile(join(work, "a", "data", "deliveries.json"), "utf8")) as Array<
        Record<string, unknown>
      >
      expect(deliveries.find((d) => d["file"] === typed)).toMatchObject({
        delivery_status: "partly superseded",
        superseded_by: expect.stringMatching(exported),
        still_published:
          "6 rows of indicator_values (indicator_id population; municipality_code 2401, 2403, 2404, 2409, 2460, 2480; year 2007)",
      })
    },
  )

  it("publishes the corrected project name and records the correction", async () => {
    const projects = JSON.parse(await readFile(join(work, "a", "data", "projects.json"), "utf8")) as Array<
      Record<string, unknown>
    >
    expect(projects.filter((p) => p["tillvaxtverket_case_id"] === "41364")).toMatchObject([
      { project_id: "4k", title_sv: "Konkurrenskraftiga Kranskommuner", eu_funds_granted_sek: 7500000 },
    ])
    // Tillväxtverket's whole register is published beside it.
    if (present) expect(projects).toHaveLength(2123)
    const corrections = JSON.parse(await readFile(join(work, "a", "corrections.json"), "utf8"))
    expect(corrections).toContainEqual(
      expect.objectContaining({
        field: "title_sv",
        source_value: "Konkurrenskrafttiga Kranskommuner",
        new_value: "Konkurrenskraftiga Kranskommuner",
      }),
    )
  })

  it("keeps codes as strings with their leading zeros in every format", async () => {
    const csv = await readFile(join(work, "a", "data", "municipalities.csv"), "utf8")
    expect(csv).toMatch(/\n0114,Upplands Väsby,01\n/)
    const json = JSON.parse(await readFile(join(work, "a", "data", "municipalities.json"), "utf8"))
    expect(json[0]).toMatchObject({ municipality_code: "0114", municipality_name: "Upplands Väsby", county_code: "01" })
  })

  it("refuses a corrupted delivery with its file and line, and leaves the release as it was", async () => {
    const bad = await copyRelease({ raw, out: join(work, "a") }, join(work, "bad"))
    // A corrected export, filed as the correction of the published one, with a typo in Bjurholm 2008 (line 5).
    await correctDelivery(
      bad.raw,
      "4k/2026-11-29/indikatorvarden.csv",
      asLatin1("new_jobs,2403,2008,källan inte tillgänglig"),
      "new_jobs,2403,2008,1x",
      "2026-11-30",
    )
    const result = await build(bad.raw, bad.out)
    expect(result.ok).toBe(false)
    expect(result.problems.filter((p) => p.severity === "error")).toMatchObject([
      {
        code: "cell/type",
        file: expect.stringMatching(/4k\/2026-11-29\/indikatorvarden-rättad\.csv$/),
        line: 5,
        column: 4,
        value: "1x",
      },
    ])
    expect(await treeHashes(bad.out)).toEqual(first)
    expect((await readdir(join(work, "bad"))).sort()).toEqual(["dist", "raw"])
  })
})
