/**
 * Supersession by coverage, built end to end on copies of a raw/ the tests control
 * (tests/support/release-fixture.ts): a newer delivery takes the place of an older one's rows
 * only where it covers them. A correction that covers less than its original, a correction that
 * declares it covers a year it does not have, a snapshot that covers a year less, and a snapshot
 * that drops rows it covers. The Kolada figures and the correction here are made up for the test
 * and never leave it.
 */
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { tracedRows } from "./support/traced-rows.ts"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ChangeRecord } from "../pipeline/catalog/changelog.ts"
import { copyRelease, fixtureRelease, type Release } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"

type Row = Record<string, unknown>
type Values = Record<string, ReadonlyArray<number>>

const readJson = async <T = Row[]>(path: string) => JSON.parse(await readFile(path, "utf8")) as T

/** Kolada's answer, as `snapshot` files it: KPI N00999, the values of each municipality from 2008 on. */
const koladaFile = async (path: string, values: Values) => {
  const records = Object.entries(values).flatMap(([municipality, vs]) =>
    vs.map((value, i) => ({ kpi: "N00999", municipality, period: 2008 + i, values: [{ gender: "T", value }] })),
  )
  await writeFile(path, `${JSON.stringify({ count: records.length, values: records }, null, 2)}\n`)
  return path
}

/** The published values of N00999, as "municipality/year" → [value, file]. */
const published = async (out: string) =>
  Object.fromEntries(
    tracedRows(out, "indicator_values")
      .filter((r) => r["indicator_id"] === "kolada_n00999")
      .map((r) => [`${r["municipality_code"]}/${r["year"]}`, [r["value"], r["file"]]]),
  )

const deliveryRow = async (out: string, file: string) =>
  (await readJson(join(out, "data", "deliveries.json"))).find((d) => d["file"] === file)

describe("a newer delivery supersedes an older one's rows where it covers them", () => {
  let work: string
  let typed: Release
  const snapshot = async (raw: string, from: string, date: string) => {
    const filed = await pipeline(["snapshot", "kolada", "--from", from, "--raw", raw, "--date", date])
    expect(filed.stderr).toContain("kolada: filed")
  }
  const built = async ({ raw, out }: Release) => {
    const result = await build(raw, out)
    expect(result.ok, JSON.stringify(result.problems)).toBe(true)
  }
  beforeAll(async () => {
    work = await tempDir("coverage")
    typed = await fixtureRelease(join(work, "typed"))
  }, 120_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("keeps what a correction does not cover, and withdraws what a later one covers and does not have", async () => {
    const release = await copyRelease(typed, join(work, "correction"))
    const { raw, out } = release
    const K1 = "kolada/2026-11-01/k1.json"
    await snapshot(raw, await koladaFile(join(work, "k1.json"), { "2403": [3.5, 4.1, 4.4] }), "2026-11-01")
    await built(release)

    // Bjurholm corrects its figure of 2009 alone.
    const corrected = join(work, "n00999-2009.csv")
    await writeFile(corrected, "indikator,kommun,ar,varde\nkolada_n00999,2403,2009,4.2\n")
    const add = (file: string, replaces: string, received: string, ...more: string[]) =>
      pipeline([
        ...["add", file, "--dataset", "indicator_values", "--publisher", "Bjurholms kommun"],
        ...["--licence", "CC0-1.0", "--received", received, "--replaces", replaces, "--raw", raw, "--out", out],
        ...more,
      ])
    const first = await add(corrected, K1, "2026-11-05")
    expect(first.status, first.stderr).toBe(0)
    const C1 = String((JSON.parse(first.stdout) as Row)["file"])
    await built(release)
    expect(await published(out)).toEqual({
      "2403/2008": [3.5, K1],
      "2403/2009": [4.2, C1],
      "2403/2010": [4.4, K1],
    })
    // The snapshot's KPI stays too: the correction feeds only the values.
    expect(await deliveryRow(out, K1)).toMatchObject({
      delivery_status: "partly superseded",
      superseded_by: C1,
      still_published:
        "1 row of indicators, 2 rows of indicator_values (indicator_id kolada_n00999; municipality_code 2403; year 2008, 2010)",
    })
    const log = await readFile(join(out, "CHANGELOG.md"), "utf8")
    expect(log).toContain(`- indicator_values: 1 row revised by \`${C1}\``)
    expect(log).toContain(`replacing what \`${K1}\` gave, partly superseded by \`${C1}\`; still published from it:`)
    expect(log).toContain("  - (kolada_n00999, 2403, 2009): value 4.1 → 4.2")

    // A second correction says it covers 2009 and 2010, and gives 2009 alone: 2010 is withdrawn.
    const again = join(work, "n00999-2009-2010.csv")
    await writeFile(again, "indikator,kommun,ar,varde\nkolada_n00999,2403,2009,4.2\n")
    const second = await add(again, C1, "2026-11-06", "--covers", "year=2009,2010")
    expect(second.status, second.stderr).toBe(0)
    const manifest = await readJson<{ deliveries: Row[] }>(join(raw, "manifest.json"))
    expect(manifest.deliveries.at(-1)).toMatchObject({ replaces: [C1], covers: { year: ["2009", "2010"] } })
    await built(release)
    const C2 = String(manifest.deliveries.at(-1)!["file"])
    expect(await published(out)).toEqual({ "2403/2008": [3.5, K1], "2403/2009": [4.2, C2] })
    const changes = await readJson<ChangeRecord>(join(out, "changes.json"))
    // Its value of 2010 begins on line 31 of k1.json (Kolada's values are unnested from each record).
    expect(changes.datasets.find((d) => d.dataset === "indicator_values")!.removed_rows).toEqual([
      {
        key: { indicator_id: "kolada_n00999", municipality_code: "2403", year: 2010 },
        before: { file: K1, line: 31 },
        after: null,
      },
    ])
    expect(await readFile(join(out, "CHANGELOG.md"), "utf8")).toMatch(
      /- indicator_values: 1 row removed, from `kolada\/2026-11-01\/k1\.json` \(.*\), which is partly superseded by `[^`]+` \(.*\): a newer delivery covers them and does not have them/,
    )
    expect(await deliveryRow(out, C1)).toMatchObject({ delivery_status: "superseded", superseded_by: C2 })
  }, 120_000)

  it("keeps the year a newer snapshot does not have, and withdraws the rows it covers and does not have", async () => {
    const release = await copyRelease(typed, join(work, "snapshots"))
    const { raw, out } = release
    const K1 = "kolada/2026-11-01/k1.json"
    const K2 = "kolada/2026-11-02/k2.json"
    await snapshot(
      raw,
      await koladaFile(join(work, "k1.json"), { "2401": [2.0, 2.2], "2403": [3.5, 4.1], "2404": [1.1, 1.3] }),
      "2026-11-01",
    )
    await built(release)
    // Kolada now gives 2009 alone (a year less), and nothing of Vindeln (2404), which the snapshot asks for.
    const k2 = await koladaFile(join(work, "k2.json"), { "2401": [2.3], "2403": [4.3] })
    await writeFile(k2, (await readFile(k2, "utf8")).replaceAll('"period": 2008', '"period": 2009'))
    await snapshot(raw, k2, "2026-11-02")
    await built(release)
    expect(await published(out)).toEqual({
      "2401/2008": [2, K1],
      "2401/2009": [2.3, K2],
      "2403/2008": [3.5, K1],
      "2403/2009": [4.3, K2],
      "2404/2008": [1.1, K1],
    })
    expect(await deliveryRow(out, K1)).toMatchObject({
      delivery_status: "partly superseded",
      superseded_by: K2,
      still_published:
        "3 rows of indicator_values (indicator_id kolada_n00999; municipality_code 2401, 2403, 2404; year 2008)",
    })
    const changes = await readJson<ChangeRecord>(join(out, "changes.json"))
    const values = changes.datasets.find((d) => d.dataset === "indicator_values")!
    expect(values.removed_rows.map((r) => r.key)).toEqual([
      { indicator_id: "kolada_n00999", municipality_code: "2404", year: 2009 },
    ])
    expect(values.changed).toBe(2)
    expect(await readFile(join(out, "CHANGELOG.md"), "utf8")).toContain(
      `- indicator_values: 1 row removed, from \`${K1}\``,
    )
  }, 120_000)
})
