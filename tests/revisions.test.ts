/**
 * The model of time on copies of a raw/ the tests control and its release
 * (tests/support/release-fixture.ts): a withdrawn delivery, two
 * current deliveries that give the same rows (refused, with both named and the two ways out),
 * a source that goes back to an older snapshot's content, a withdrawn newest snapshot, and
 * SCB's real population export filed as a snapshot that replaces the hand-typed figures.
 * The Kolada figures here are made up for the test and never leave it.
 */
import { existsSync } from "node:fs"
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ChangeRecord } from "../pipeline/catalog/changelog.ts"
import { copyRelease, fixtureRelease, type Release, SHARED_DATA, sharedHas } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"
import { tracedRows } from "./support/traced-rows.ts"

type Entry = Record<string, unknown>
type Row = Record<string, unknown>

const SCB_EXPORT = join(SHARED_DATA, "scb_folkmangd_kommun_2008-2018_bef_k_tot.csv")
const present = sharedHas(["scb-population"], "SCB's population export as a snapshot")
const HAND_TYPED = "scb/folkmangd_2007-2011.csv"

const readManifest = async (raw: string) =>
  JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as { deliveries: Entry[] }
const writeManifest = (raw: string, m: { deliveries: Entry[] }) =>
  writeFile(join(raw, "manifest.json"), `${JSON.stringify(m, null, 2)}\n`)
const rows = async (out: string, dataset: string) =>
  JSON.parse(await readFile(join(out, "data", `${dataset}.json`), "utf8")) as Row[]

/** A Kolada answer in the shape `snapshot` files: one KPI, Bjurholm, 2008 and 2009. */
const koladaFile = async (dir: string, name: string, values: [number, number]) => {
  const path = join(dir, name)
  const records = values.map((value, i) => ({
    kpi: "N00999",
    municipality: "2403",
    period: 2008 + i,
    values: [{ gender: "T", value, count: 1, status: "" }],
  }))
  await writeFile(path, `${JSON.stringify({ count: records.length, values: records }, null, 2)}\n`)
  return path
}

describe("deliveries over time", () => {
  let work: string
  /** The typed figures alone, published. */
  let typed: Release
  beforeAll(async () => {
    work = await tempDir("revisions")
    typed = await fixtureRelease(join(work, "typed"))
  }, 120_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("takes a withdrawn delivery's rows out, keeps it as history, and says why in the changelog", async () => {
    const { raw, out } = await copyRelease(typed, join(work, "withdrawn"))
    const m = await readManifest(raw)
    m.deliveries.find((d) => d["file"] === "4k/2026-11-29/indikatorvarden.csv")!["withdrawn"] =
      "the municipalities reported no values"
    await writeManifest(raw, m)
    const result = await build(raw, out)
    expect(result.ok, JSON.stringify(result.problems)).toBe(true)
    expect(tracedRows(out, "indicator_values").some((r) => String(r["file"]).includes("indikatorvarden"))).toBe(false)
    expect(existsSync(join(raw, "4k/2026-11-29/indikatorvarden.csv"))).toBe(true)
    expect(
      (await rows(out, "deliveries")).find((d) => d["file"] === "4k/2026-11-29/indikatorvarden.csv"),
    ).toMatchObject({
      delivery_status: "withdrawn",
      withdrawn_reason: "the municipalities reported no values",
      superseded_by: null,
    })
    const log = await readFile(join(out, "CHANGELOG.md"), "utf8")
    expect(log).toContain(
      "- indicator_values: 60 rows removed, from `4k/2026-11-29/indikatorvarden.csv` (transcribed on 2026-11-29 from 4K (avslutat projekt): the 4K project's page on the municipalities' website (its address was not recorded)), which is withdrawn: the municipalities reported no values",
    )
    const codebook = await readFile(join(out, "data", "indicator_values.md"), "utf8")
    expect(codebook).toContain(
      "| `4k/2026-11-29/indikatorvarden.csv` | transcribed by the maintainers from 4K (avslutat projekt): the 4K project's page on the municipalities' website (its address was not recorded) | Nordmalings, Bjurholms, Robertsfors, Vindelns och Vännäs kommuner | not known | not known | 2026-11-29 | withdrawn: the municipalities reported no values | CC0-1.0 |",
    )
    // The delivery it corrected stays superseded: withdrawing a correction does not bring back what it replaced.
    expect(codebook).toMatch(
      /\| `4k\/indikatorvarden\.csv` \| transcribed by the maintainers from .* \| 2026-11-26 \| superseded by `4k\/2026-11-29\/indikatorvarden\.csv` \| CC0-1\.0 \|/,
    )
  }, 60_000)

  it.skipIf(!present)(
    "refuses two current deliveries of the same rows, naming both and the two ways to settle it",
    async () => {
      // SCB's export filed over the typed figures as a new snapshot that names nothing it replaces.
      const { raw, out } = await copyRelease(typed, join(work, "overlap"))
      const before = await treeHashes(out)
      const filing = await pipeline([
        "snapshot",
        "scb-population",
        "--from",
        SCB_EXPORT,
        "--raw",
        raw,
        "--date",
        "2026-11-28",
      ])
      expect(filing.status, filing.stderr).toBe(0)
      const exported = "scb-population/2026-11-28/scb_folkmangd_kommun_2008-2018_bef_k_tot.csv"
      const result = await build(raw, out)
      expect(result.ok).toBe(false)
      const overlaps = result.problems.filter((p) => p.code === "row/primary-key")
      expect(overlaps).toHaveLength(24)
      const [first] = overlaps
      // Both are named: the row where the key is used again, and the delivery that used it first.
      expect(first!.file).toMatch(/scb\/folkmangd_2007-2011\.csv$/)
      expect(first!.message).toContain(`two current deliveries give this row, ${exported} and ${HAND_TYPED}`)
      expect(first!.message).toContain("pipeline add NEWER --replaces OLDER")
      expect(first!.message).toContain(
        "file them under that source (pipeline snapshot SOURCE), and the newer supersedes the older",
      )
      expect(await treeHashes(out)).toEqual(before)
    },
    60_000,
  )

  it("files a source's older content again when the source goes back to it, and publishes it", async () => {
    const { raw, out } = await copyRelease(typed, join(work, "back"))
    const k1 = await koladaFile(work, "k1.json", [3.5, 4.1])
    const k2 = await koladaFile(work, "k2.json", [3.5, 4.3])
    const snap = (from: string, date: string) =>
      pipeline(["snapshot", "kolada", "--from", from, "--raw", raw, "--date", date])
    expect((await snap(k1, "2026-11-01")).stderr).toContain("kolada: filed")
    expect((await snap(k2, "2026-11-02")).stderr).toContain("kolada: filed")
    // The same bytes as the newest snapshot are not filed again; those of an older one are.
    expect((await snap(k2, "2026-11-03")).stderr).toContain("kolada: unchanged")
    expect((await snap(k1, "2026-11-03")).stderr).toContain("kolada: filed")
    expect((await build(raw, out)).ok).toBe(true)
    const value = tracedRows(out, "indicator_values").find(
      (r) => r["indicator_id"] === "kolada_n00999" && r["year"] === 2009,
    )
    expect(value).toMatchObject({ value: 4.1, file: "kolada/2026-11-03/k1.json" })
    const kolada = (await rows(out, "deliveries"))
      .filter((d) => d["snapshot_of"] === "kolada")
      .map((d) => [d["file"], d["delivery_status"], d["superseded_by"]])
    expect(kolada).toEqual([
      ["kolada/2026-11-01/k1.json", "superseded", "kolada/2026-11-02/k2.json"],
      ["kolada/2026-11-02/k2.json", "superseded", "kolada/2026-11-03/k1.json"],
      ["kolada/2026-11-03/k1.json", "current", null],
    ])

    // Withdrawing the newest snapshot gives its place back to the one before.
    const m = await readManifest(raw)
    m.deliveries.find((d) => d["file"] === "kolada/2026-11-03/k1.json")!["withdrawn"] = "filed by mistake"
    await writeManifest(raw, m)
    expect((await build(raw, out)).ok).toBe(true)
    expect(
      tracedRows(out, "indicator_values").find((r) => r["indicator_id"] === "kolada_n00999" && r["year"] === 2009),
    ).toMatchObject({ value: 4.3, file: "kolada/2026-11-02/k2.json" })
    const changes = JSON.parse(await readFile(join(out, "changes.json"), "utf8")) as ChangeRecord
    expect(changes.datasets.find((d) => d.dataset === "indicator_values")!.changed_rows).toMatchObject([
      {
        key: { indicator_id: "kolada_n00999", municipality_code: "2403", year: 2009 },
        fields: { value: { before: 4.1, after: 4.3 } },
        before: { file: "kolada/2026-11-03/k1.json" },
        after: { file: "kolada/2026-11-02/k2.json" },
      },
    ])
  }, 60_000)

  it("refuses --replaces naming a file the manifest does not declare, writing nothing", async () => {
    const { raw } = await copyRelease(typed, join(work, "replaces-unknown"))
    const before = await treeHashes(raw)
    const k = await koladaFile(work, "k3.json", [1, 2])
    const { status, stderr } = await pipeline([
      "snapshot",
      "kolada",
      "--from",
      k,
      "--raw",
      raw,
      "--replaces",
      "4k/nothing.csv",
    ])
    expect(status).toBe(1)
    expect(stderr).toMatch(/manifest\/replaces: --replaces names 4k\/nothing\.csv, which .* does not declare/)
    expect(await treeHashes(raw)).toEqual(before)
  })

  it.skipIf(!present)(
    "files SCB's real export as a snapshot that replaces the hand-typed figures where it covers them, and publishes SCB's figures and 2007",
    async () => {
      // As the repository was before the export was filed: the hand-typed figures only.
      const { raw, out } = await copyRelease(typed, join(work, "scb"))

      const snapshot = await pipeline([
        "snapshot",
        "scb-population",
        "--from",
        SCB_EXPORT,
        "--raw",
        raw,
        "--date",
        "2026-11-28",
        "--replaces",
        HAND_TYPED,
      ])
      expect(snapshot.status, snapshot.stderr).toBe(0)
      const built = await pipeline(["build", "--raw", raw, "--out", out, "--report", join(work, "scb-report.json")])
      expect(built.status, built.stderr).toBe(0)
      const population = tracedRows(out, "indicator_values").filter((r) => r["indicator_id"] === "population")
      // SCB's 2008–2018 for every municipality, and the typed 2007 of six, which the export does not cover.
      expect(population).toHaveLength(290 * 11 + 6)
      const exported = "scb-population/2026-11-28/scb_folkmangd_kommun_2008-2018_bef_k_tot.csv"
      for (const r of population) expect(r["file"]).toBe(r["year"] === 2007 ? HAND_TYPED : exported)
      expect(population.find((r) => r["municipality_code"] === "2403" && r["year"] === 2008)).toMatchObject({
        value: 2516,
      })
      expect(existsSync(join(raw, HAND_TYPED))).toBe(true)
      const still =
        "6 rows of indicator_values (indicator_id population; municipality_code 2401, 2403, 2404, 2409, 2460, 2480; year 2007)"
      expect(await readFile(join(out, "data", "indicator_values.md"), "utf8")).toContain(
        `| \`${HAND_TYPED}\` | transcribed by the maintainers from SCB, Folkmängd per kommun 31 december (BE0101), 2007–2011 (the table's edition was not recorded) <https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__BE__BE0101__BE0101A/BefolkningNy/> | Statistiska centralbyrån (SCB) | 2011-12-31 | not known | 2026-11-26 | partly superseded by \`${exported}\`; still published: ${still} | CC0-1.0 |`,
      )
      // The change record says what moved to the export, and what stays from the typed figures.
      const changes = JSON.parse(await readFile(join(out, "changes.json"), "utf8")) as ChangeRecord
      const values = changes.datasets.find((d) => d.dataset === "indicator_values")!
      expect([values.added, values.removed, values.changed, values.redelivered]).toEqual([290 * 11 - 24, 0, 0, 24])
      expect(changes.deliveries[HAND_TYPED]).toMatchObject({
        delivery_status: "partly superseded",
        superseded_by: exported,
        still_published: still,
      })
      expect(await readFile(join(out, "CHANGELOG.md"), "utf8")).toContain(
        `instead of \`${HAND_TYPED}\`, partly superseded by \`${exported}\`; still published from it: ${still}`,
      )

      // Filing the same export again changes nothing.
      const again = await pipeline(["snapshot", "scb-population", "--from", SCB_EXPORT, "--raw", raw])
      expect(again.status).toBe(0)
      expect(again.stderr).toContain("scb-population: unchanged")
    },
    60_000,
  )
})
