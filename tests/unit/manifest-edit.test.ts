/** The manifest's changes from the command line, given/expect: a correction's replaces and a withdrawal. */
import { describe, expect, it } from "vitest"
import { type EditContext, withCorrection, withWithdrawal } from "../../pipeline/manifest/manifest-edit.ts"
import { SOURCES } from "../../pipeline/sources/index.ts"
import { jsonText } from "../../pipeline/shared/json.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"

const ctx: EditContext = {
  manifestFile: "raw/manifest.json",
  rawDir: "raw",
  datasets: DATASETS,
  sources: SOURCES,
  today: "2026-12-31",
}

const counties = (file: string, more: Record<string, unknown> = {}) => ({
  file,
  dataset: "counties",
  kind: "delivered",
  publisher: "SCB",
  licence: "CC0-1.0",
  received: "2026-01-01",
  sha256: "0".repeat(64),
  format: "csv",
  columns: { kod: "county_code", namn: "county_name", nuts: "nuts3_code" },
  ...more,
})
const municipalities = (file: string) => ({
  ...counties(file),
  dataset: "municipalities",
  columns: { kod: "municipality_code", namn: "municipality_name", lan: "county_code" },
})
const snapshot = (file: string, received: string) => ({
  file,
  source: "municipality-codes",
  received,
  sha256: "1".repeat(64),
})

/** A manifest of these entries, as `add` writes it. */
const manifest = (...deliveries: unknown[]) => jsonText({ $schema: "manifest.schema.json", deliveries })
const messages = (edit: ReturnType<typeof withCorrection>) =>
  edit.ok ? [] : edit.problems.map((p) => `${p.code}: ${p.message}`)

describe("a correction filed with --replaces", () => {
  const text = manifest(
    counties("scb/lan.csv"),
    counties("scb/lan-2.csv", { replaces: ["scb/lan.csv"], received: "2026-02-01" }),
    counties("scb/lan-old.csv", { withdrawn: "typed twice" }),
    municipalities("scb/kommuner.csv"),
  )
  const correction = counties("scb/lan-3.csv", { received: "2026-03-01" })

  it("names the delivery it corrects, given as its entry says or as its path in raw/, and keeps the rest as it was", () => {
    for (const given of ["scb/lan-2.csv", "raw/scb/lan-2.csv"]) {
      const edit = withCorrection(text, [correction], [given], ctx)
      if (!edit.ok) throw new Error(messages(edit).join("\n"))
      expect(edit.entry).toEqual({ ...correction, replaces: ["scb/lan-2.csv"] })
      const after = JSON.parse(edit.text) as { $schema: string; deliveries: unknown[] }
      expect(Object.keys(after)).toEqual(["$schema", "deliveries"])
      expect(after.deliveries).toEqual([...(JSON.parse(text).deliveries as unknown[]), edit.entry])
      // The entries before it keep their lines.
      expect(edit.text.startsWith(text.slice(0, text.lastIndexOf("\n  ]")))).toBe(true)
    }
  })

  it("appends the entries filed with it before it", () => {
    const indicator = {
      ...counties("scb/ind.csv"),
      dataset: "indicators",
      columns: { id: "indicator_id", sv: "label_sv", en: "label_en", unit: "unit", source: "source" },
    }
    const edit = withCorrection(text, [indicator, correction], ["scb/lan-2.csv"], ctx)
    expect(
      edit.ok && (JSON.parse(edit.text).deliveries as Array<{ file: string }>).slice(-2).map((d) => d.file),
    ).toEqual(["scb/ind.csv", "scb/lan-3.csv"])
  })

  it.each([
    [
      "a file the manifest does not declare",
      "lan-2.csv",
      /is not a delivery raw\/manifest\.json declares: .*such as scb\/lan-2\.csv/,
    ],
    ["a delivery of another dataset", "scb/kommuner.csv", /is a delivery to municipalities, not to counties/],
    [
      "a delivery a correction replaced",
      "scb/lan.csv",
      /superseded by scb\/lan-2\.csv.*; correct scb\/lan-2\.csv instead/,
    ],
    ["a withdrawn delivery", "scb/lan-old.csv", /withdrawn \("typed twice"\), so nothing of it is published/],
  ])("refuses %s, naming it", (_, given, says) => {
    const found = messages(withCorrection(text, [correction], [given], ctx))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(/^manifest\/replaces: --replaces /)
    expect(found[0]).toMatch(says)
  })

  it("writes, with --on-behalf, that the maintainers make it and why", () => {
    const why = "maintainers: SCB asked for the correction of the county names"
    const edit = withCorrection(text, [counties("scb/lan-4.csv")], ["scb/lan-2.csv"], ctx, why)
    expect(edit.ok && edit.entry).toMatchObject({ replaces: ["scb/lan-2.csv"], onBehalf: why })
  })

  it("refuses a correction the manifest would not take, with the manifest's own problem", () => {
    // Received after the day the manifest is read.
    const found = messages(withCorrection(text, [{ ...correction, received: "2027-01-01" }], ["scb/lan-2.csv"], ctx))
    expect(found).toEqual([expect.stringMatching(/^manifest\/invalid: received 2027-01-01 is after today/)])
  })

  it("refuses any change to a manifest that has problems already", () => {
    const found = messages(withCorrection(manifest(counties("a.csv"), counties("a.csv")), [correction], ["a.csv"], ctx))
    expect(found).toEqual([
      expect.stringContaining("a.csv is declared twice"),
      expect.stringContaining("cannot take a correction: it has problems already"),
    ])
  })
})

describe("a withdrawal", () => {
  const text = manifest(
    counties("scb/lan.csv"),
    counties("scb/lan-2.csv", { replaces: ["scb/lan.csv"] }),
    counties("scb/lan-old.csv", { withdrawn: "typed twice" }),
    snapshot("municipality-codes/2026-01-01/kommuner.csv", "2026-01-01"),
    snapshot("municipality-codes/2026-02-01/kommuner.csv", "2026-02-01"),
  )

  it("writes the reason into the delivery's entry, and nothing else", () => {
    const edit = withWithdrawal(text, "raw/scb/lan-2.csv", "sent by mistake", ctx)
    if (!edit.ok) throw new Error(messages(edit).join("\n"))
    expect(edit.entry).toEqual({
      ...counties("scb/lan-2.csv", { replaces: ["scb/lan.csv"] }),
      withdrawn: "sent by mistake",
    })
    const before = JSON.parse(text).deliveries as Array<Record<string, unknown>>
    expect(JSON.parse(edit.text).deliveries).toEqual(
      before.map((d) => (d["file"] === "scb/lan-2.csv" ? edit.entry : d)),
    )
  })

  it("writes, with --on-behalf, that the maintainers withdraw it and why; one line that says so, or nothing", () => {
    const why = "maintainers: at SCB's request, the figures were not final"
    const edit = withWithdrawal(text, "scb/lan-2.csv", "not final", ctx, why)
    expect(edit.ok && edit.entry).toMatchObject({ withdrawn: "not final", onBehalf: why })
    const refused = messages(withWithdrawal(text, "scb/lan-2.csv", "not final", ctx, "at SCB's request"))
    expect(refused).toEqual([expect.stringMatching(/^manifest\/invalid: .*onBehalf.*maintainers: <why>/)])
  })

  it("takes a snapshot a newer one supersedes", () => {
    expect(withWithdrawal(text, "municipality-codes/2026-01-01/kommuner.csv", "a bad export", ctx).ok).toBe(true)
  })

  it.each([
    [
      "a file the manifest does not declare",
      "scb/lan-9.csv",
      /scb\/lan-9\.csv is not a delivery raw\/manifest\.json declares/,
    ],
    ["a withdrawn delivery", "scb/lan-old.csv", /scb\/lan-old\.csv is withdrawn already \("typed twice"\)/],
    [
      "a delivery a correction replaces",
      "scb/lan.csv",
      /replaced by scb\/lan-2\.csv, its correction.*withdraw scb\/lan-2\.csv instead/,
    ],
  ])("refuses %s, naming it", (_, given, says) => {
    const found = messages(withWithdrawal(text, given, "why", ctx))
    expect(found).toEqual([expect.stringMatching(says)])
    expect(found[0]).toMatch(/^manifest\/withdrawn: /)
  })
})
