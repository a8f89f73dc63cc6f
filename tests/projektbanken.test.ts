/**
 * Tillväxtverket's Projektbanken export, filed from ../shared/data with `snapshot` into a raw/
 * the test controls (tests/support/release-fixture.ts) and built with the 4K transcriptions:
 * every project, 4K reconciled with its transcription, and no trace of the personal columns
 * anywhere in the release.
 */
import { readdir, readFile, rm } from "node:fs/promises"
import { join } from "node:path"
import { parse } from "csv-parse/sync"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunResult } from "../pipeline/run/run.ts"
import { REDACTED } from "../pipeline/privacy/redact.ts"
import { redactCsv } from "../pipeline/snapshot/redact-csv.ts"
import { projektbanken } from "../pipeline/sources/projektbanken.ts"
import { openDatabase } from "../pipeline/db/duckdb.ts"
import { correctDelivery } from "./support/raw-copy.ts"
import { copyRelease, fixtureRaw, SHARED_DATA, sharedHas } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { treeHashes } from "./support/tree.ts"

const SHARED = join(SHARED_DATA, "eurospent_projektbanken_sweden_2007-2013.csv")
const present = sharedHas(["projektbanken"], "Projektbanken's register")
const PERSONAL = ["projektledare", "projektledare_telnr", "projektledare_mail"]
const NULL_MARKERS = new Set(["", "Information saknas", "-0"])

type Row = Record<string, unknown>
const readJson = async <T = Row[]>(path: string) => JSON.parse(await readFile(path, "utf8")) as T

/** Every file of a release as text; Parquet files read back by DuckDB, every value as text. */
const releaseText = async (dir: string): Promise<string> => {
  const db = await openDatabase(dir)
  try {
    const parts: string[] = []
    for (const f of (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())) {
      const path = join(f.parentPath, f.name)
      if (!f.name.endsWith(".parquet")) parts.push(await readFile(path, "utf8"))
      else parts.push(JSON.stringify(await db.rows(`SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')`)))
    }
    return parts.join("\n")
  } finally {
    db.close()
  }
}

/** Which of `values` occur in `text`: one pass, looking each place up by its first characters. */
const occurrences = (text: string, values: ReadonlySet<string>): string[] => {
  const byStart = new Map<string, string[]>()
  for (const v of values) byStart.set(v.slice(0, 4), [...(byStart.get(v.slice(0, 4)) ?? []), v])
  const found = new Set<string>()
  for (let i = 0; i < text.length; i++) {
    for (const v of byStart.get(text.slice(i, i + 4)) ?? []) if (text.startsWith(v, i)) found.add(v)
  }
  return [...found]
}

describe.skipIf(!present)("Projektbanken's register, filed in raw/ from the shared copy", () => {
  let work: string
  let raw: string
  let out: string
  let result: RunResult
  /** The register's snapshot, filed as `pipeline snapshot projektbanken --from` files it. */
  let FILE: string
  beforeAll(async () => {
    work = await tempDir("projektbanken")
    raw = await fixtureRaw(work, ["projektbanken"])
    FILE = (
      JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as {
        deliveries: Array<{ file: string; source?: string }>
      }
    ).deliveries.find((d) => d.source === "projektbanken")!.file
    out = join(work, "dist")
    result = await build(raw, out)
  }, 120_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("publishes all 2,123 projects, 4K once, from the municipalities' delivery", async () => {
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([])
    const projects = await readJson(join(out, "data", "projects.json"))
    expect(projects).toHaveLength(2123)
    const fourK = projects.filter((p) => p["tillvaxtverket_case_id"] === "41364")
    expect(fourK).toMatchObject([
      { project_id: "4k", eu_funds_granted_sek: 7_500_000, national_public_funding_sek: 7_500_000 },
    ])
    const municipalities = await readJson(join(out, "data", "project_municipalities.json"))
    expect(
      municipalities
        .filter((m) => m["project_id"] === "4k" && m["role"] === "participant")
        .map((m) => m["municipality_code"]),
    ).toEqual(["2401", "2403", "2404", "2409", "2460"])
  })

  it("finds 4K in the register with the same amounts and municipalities, and says so in the quality report", async () => {
    const report = await readJson<{ reconciliation: { projects: number; findings: Row[] } }>(
      join(out, "quality-report.json"),
    )
    expect(report.reconciliation.projects).toBe(1)
    const byAspect = Object.fromEntries(report.reconciliation.findings.map((f) => [f["aspect"], f]))
    const register = (aspect: string) => (byAspect[aspect]!["values"] as Row[])[1]!
    expect(register("eu_funds_granted")).toMatchObject({
      source: "Tillväxtverket, Projektbanken",
      file: FILE,
      value: { SEK: 7_500_000 },
    })
    expect(register("national_public_funding")).toMatchObject({ value: { SEK: 7_500_000 } })
    expect(register("municipalities")).toMatchObject({ value: ["2401", "2403", "2404", "2409", "2460"] })
    expect(register("title")).toMatchObject({ value: "4K - KonkurrensKraftiga KransKommuner" })
    // What the transcription took from the register is a copy compared with its original, not an agreement.
    expect(
      report.reconciliation.findings.map((f) => [f["aspect"], f["agrees"], f["independent"], f["verdict"]]),
    ).toEqual([
      ["title", true, true, "agree"],
      ["period", true, true, "agree"],
      ["beneficiary", true, false, "copied"],
      ["eu_funds_granted", true, false, "copied"],
      ["national_public_funding", true, false, "copied"],
      ["municipalities", true, true, "agree"],
    ])
    expect(report.reconciliation).toMatchObject({ agreements: 3, copied: 3, disagreements: 0 })
    expect(byAspect["beneficiary"]!["compares"]).toContain("a copy compared with its original")
    // The register's own rows for the case are not published beside the delivery's.
    const text = await readFile(join(out, "data", "project_funders.csv"), "utf8")
    expect(text).not.toContain("projektbanken-41364")
  })

  it("lets no value of the personal columns reach any file of the release", async () => {
    const rows = parse(await readFile(SHARED), { columns: true }) as Array<Record<string, string>>
    const values = new Set(rows.flatMap((r) => PERSONAL.map((c) => r[c]!.trim())).filter((v) => !NULL_MARKERS.has(v)))
    expect(values.size).toBeGreaterThan(1500)
    expect(occurrences(await releaseText(out), values)).toEqual([])
    // Contact details in free text are gone too: every label is followed by the redaction.
    const projects = await readJson(join(out, "data", "projects.json"))
    const labelled = projects.flatMap((p) =>
      [
        ...String(p["summary_sv"] ?? "").matchAll(
          /(?:projektledare|projektleder|kontaktperson(?:er)?|kontakt)\s*:\s*(.{0,30})/giu,
        ),
      ].map((m) => m[1]!),
    )
    expect(labelled.length).toBeGreaterThan(40)
    expect(labelled.filter((after) => !after.startsWith(REDACTED) && !after.startsWith("\u00a0"))).toEqual([])
  })

  it.skipIf(!present)(
    "removes every person the shared copy names in free text, and counts each by its cue",
    async () => {
      const text = await readFile(SHARED, "utf8")
      // The shared copy replaces the people named in its descriptions by look-alikes: all are caught.
      const lookAlikes = new Set(text.match(/Testa Kontakt[A-Z]/gu))
      expect(lookAlikes.size).toBeGreaterThanOrEqual(23)
      const filed = redactCsv(text, {
        delimiter: ",",
        quote: '"',
        personal: PERSONAL,
        freeText: projektbanken.freeText ?? [],
        missing: [...NULL_MARKERS],
      })
      expect(occurrences(filed.text, lookAlikes)).toEqual([])
      expect(filed.freeTextByKind).toMatchObject({
        "labelled-contact": expect.any(Number),
        "name-quoted": 5,
        "name-titled": 2,
        "name-byline": 1,
        "name-repeated": 1,
      })
      // And none reaches the release.
      expect(occurrences(await releaseText(out), lookAlikes)).toEqual([])
    },
  )

  it("repairs and records the register's damaged text, and keeps amounts in their own currency", async () => {
    const projects = await readJson(join(out, "data", "projects.json"))
    const text = JSON.stringify(projects)
    expect(text).not.toMatch(/Å[\u0080-\u00bf]|[\u0000-\u0008\u000b\u000c\u000e-\u001f]|¿/u)
    const corrections = await readJson(join(out, "corrections.json"))
    expect(corrections).toContainEqual(
      expect.objectContaining({
        file: FILE,
        field: "programme_area",
        column_name: "omrade",
        source_value: "Å\u0096",
        new_value: "Ö",
      }),
    )
    expect(corrections).toContainEqual(
      expect.objectContaining({ file: FILE, field: "summary_sv", source_value: "¿", new_value: "\uFFFD" }),
    )
    expect(
      corrections.filter((c) => c["new_value"] === REDACTED).every((c) => c["source_value"] === "(withheld)"),
    ).toBe(true)
    const inEur = projects.filter((p) => p["eu_funds_granted_eur"] !== null)
    expect(inEur.length).toBeGreaterThan(250)
    expect(inEur.every((p) => p["eu_funds_granted_sek"] === null && p["national_public_funding_sek"] === null)).toBe(
      true,
    )
    expect(projects.filter((p) => p["eu_funds_granted_sek"] !== null && p["eu_funds_granted_eur"] !== null)).toEqual([])
  })

  it("warns of the project that starts in 2001, at its cell", () => {
    expect(result.problems.filter((p) => p.code === "source/suspect")).toMatchObject([
      { severity: "warning", line: 916, column: 5, columnName: "projekt_starttid", value: "2001-07-01" },
    ])
  })

  it("refuses an unknown municipality name at its line and column, and publishes nothing", async () => {
    const bad = await tempDir("projektbanken-bad")
    try {
      const copy = await copyRelease({ raw, out }, bad)
      const before = await treeHashes(copy.out)
      // A published snapshot never changes: the bad name comes in a correction that replaces it.
      // Filed the same day as the snapshot it replaces: the one that replaces is the newer.
      const filed = /\d{4}-\d{2}-\d{2}/u.exec(FILE)![0]
      await correctDelivery(
        copy.raw,
        FILE,
        "Bjurholm, Nordmaling, Robertsfors",
        "Bjurholm, Nordmaling, Atlantis",
        filed,
      )
      const failed = await build(copy.raw, copy.out)
      expect(failed.ok).toBe(false)
      const unknown = failed.problems.filter((p) => p.code === "cell/unknown-name")
      expect(unknown).toMatchObject([
        { severity: "error", columnName: "kommun_fordelning", column: 21, value: "Atlantis" },
      ])
      expect(await treeHashes(copy.out)).toEqual(before)
    } finally {
      await rm(bad, { recursive: true, force: true })
    }
  }, 120_000)
})
