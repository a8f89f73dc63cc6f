/**
 * `pipeline snapshot SOURCE --from FILE` as a user runs it: files a hand-downloaded file into
 * raw/ with its sidecar and manifest entry, refuses a file of another shape, files the same
 * bytes only once and never overwrites. The register file here is a made-up two-project file in
 * Projektbanken's shape, so these tests run without ../shared.
 */
import { readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { sha256File } from "../pipeline/shared/files.ts"
import { projektbanken } from "../pipeline/sources/projektbanken.ts"
import { fixtureRelease } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { pipeline } from "./support/run-cli.ts"
import { treeHashes } from "./support/tree.ts"
import { tracedRows } from "./support/traced-rows.ts"

const HEADER = Object.keys(projektbanken.columns)
const row = (values: Record<string, string>) =>
  HEADER.map((h) => {
    const v = values[h] ?? "Information saknas"
    return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v
  }).join(",")
/** A made-up project leader, with a number of the range reserved for fiction (070-174 06 05 … 99). */
const LEADER = {
  projektledare: "Fiktiv Ledare",
  projektledare_telnr: "070-174 06 05",
  projektledare_mail: "fiktiv.ledare@example.se",
}
const PROJECT_ONE_TEXT = "Ett påhittat projekt.\nKontakt: Fiktiv Ledare, 070-174 06 05"
const PROJECT_ONE = {
  source: "http://projektbank.tillvaxtverket.se/projektbanken",
  arende_id: "1",
  projekt_starttid: "2009-01-01",
  projekt_sluttid: "2011-06-30",
  beviljat_belopp_sek: "100000",
  beviljat_belopp_euro: "0",
  projektnamn: "Provprojekt ett",
  projektbeskrivning: PROJECT_ONE_TEXT,
  pagar_slut: "SLUT",
  stodmottagare: "Vännäs kommun",
  ...LEADER,
  malprogram: "Mål 2 Regional konkurrenskraft och sysselsättning",
  omrade: "Å\u0096vre Norrland",
  insatsomrade: "1 Innovation och förnyelse",
  offentlig_finansiar: "90000",
  lan_fordelning: "Västerbotten",
  kommun_fordelning: "Vännäs, Umeå",
  laddningsdatum: "2016-10-14 01:22:49",
}
const PROJECT_TWO = {
  source: "http://projektbank.tillvaxtverket.se/projektbanken",
  arende_id: "2",
  projekt_starttid: "2010-01-01",
  projekt_sluttid: "2012-12-31",
  beviljat_belopp_sek: "0",
  beviljat_belopp_euro: "30000",
  projektnamn: "Provprojekt två",
  projektbeskrivning: "",
  pagar_slut: "SLUT",
  stodmottagare: "Nordmalings kommun",
  malprogram: "Interreg IVA Gränsöverskridande samarbete",
  omrade: "Botnia-Atlantica",
  insatsomrade: "Värde saknas",
  offentlig_finansiar: "31000",
  lan_fordelning: "Västerbotten",
  kommun_fordelning: "Nordmaling",
  laddningsdatum: "2016-10-14 01:22:49",
}
const REGISTER = `${[HEADER.join(","), row(PROJECT_ONE), row(PROJECT_TWO)].join("\n")}\n`
/** The register as it is filed: the leader's cells empty, the contact in the text removed, the lines as they were. */
const FILED = `${[
  HEADER.join(","),
  row({
    ...PROJECT_ONE,
    projektledare: "",
    projektledare_telnr: "",
    projektledare_mail: "",
    projektbeskrivning: "Ett påhittat projekt.\nKontakt: [personuppgift borttagen]",
  }),
  row({ ...PROJECT_TWO, projektledare: "", projektledare_telnr: "", projektledare_mail: "" }),
].join("\n")}\n`

describe("pipeline snapshot", () => {
  let work: string
  let raw: string
  let out: string
  let file: string
  beforeAll(async () => {
    work = await tempDir("snapshot")
    // A repository that has not filed the register yet.
    ;({ raw, out } = await fixtureRelease(work))
    file = join(work, "projektbanken-export.csv")
    await writeFile(file, REGISTER)
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("refuses a file of another shape with the place it differs, writing nothing", async () => {
    const before = await treeHashes(raw)
    const semicolons = join(work, "semicolons.csv")
    await writeFile(semicolons, REGISTER.replaceAll(",", ";"))
    const { status, stderr } = await pipeline(["snapshot", "projektbanken", "--from", semicolons, "--raw", raw])
    expect(status).toBe(1)
    expect(stderr).toMatch(/semicolons\.csv:1:1: header\/missing-label: .*delimited by ";"/)
    const latin1 = join(work, "latin1.csv")
    await writeFile(latin1, Buffer.from(REGISTER, "latin1"))
    expect((await pipeline(["snapshot", "projektbanken", "--from", latin1, "--raw", raw])).stderr).toMatch(
      /latin1\.csv:2:\d+: file\/encoding/,
    )
    expect(await treeHashes(raw)).toEqual(before)
  })

  it("files the file with its sidecar and manifest entry, and the build publishes it", async () => {
    const { status, stderr } = await pipeline([
      "snapshot",
      "projektbanken",
      "--from",
      file,
      "--raw",
      raw,
      "--date",
      "2020-01-02",
      "--retrieved",
      "2020-01-01",
      "--via",
      "a made-up copy of the register, made on 2016-10-14",
    ])
    expect(status, stderr).toBe(0)
    const filed = "projektbanken/2020-01-02/projektbanken-export.csv"
    // Filed without its personal data: raw/ is public.
    expect(await readFile(join(raw, filed), "utf8")).toBe(FILED)
    const sidecar = JSON.parse(await readFile(join(raw, `${filed}.snapshot.json`), "utf8")) as Record<string, unknown>
    expect(sidecar).toMatchObject({
      source: "projektbanken",
      origin: projektbanken.origin,
      url: null,
      retrieved_at: null,
      filed_from: "projektbanken-export.csv",
      sha256: await sha256File(join(raw, filed)),
      bytes: Buffer.byteLength(FILED),
      // Tillväxtverket grants no licence: none is given, and what is known is said.
      licence: null,
      rights: projektbanken.rights,
      // The day the register was read, from its laddningsdatum column.
      as_of: "2016-10-14",
      as_of_from: "the latest day in column laddningsdatum (2 of 2 records give one; all 2016-10-14)",
      via: "a made-up copy of the register, made on 2016-10-14",
      http: null,
      redaction: {
        original_sha256: await sha256File(file),
        original_bytes: Buffer.byteLength(REGISTER),
        columns_emptied: ["projektledare", "projektledare_telnr", "projektledare_mail"],
        values_removed: 3,
        free_text_removals: 3,
        free_text_removals_by_kind: { "labelled-contact": 1, "personal-column-value": 2 },
      },
    })
    expect(JSON.stringify(sidecar)).not.toMatch(/Fiktiv|174 06/)
    const manifest = JSON.parse(await readFile(join(raw, "manifest.json"), "utf8")) as {
      deliveries: Array<Record<string, unknown>>
    }
    expect(manifest.deliveries.at(-1)).toEqual({
      file: filed,
      source: "projektbanken",
      received: "2020-01-02",
      asOf: "2016-10-14",
      retrieved: "2020-01-01",
      via: "a made-up copy of the register, made on 2016-10-14",
      sha256: await sha256File(join(raw, filed)),
    })

    const built = await pipeline(["build", "--raw", raw, "--out", out, "--report", join(work, "report.json")])
    expect(built.status, built.stderr).toBe(0)
    const projects = JSON.parse(await readFile(join(out, "data", "projects.json"), "utf8")) as Array<
      Record<string, unknown>
    >
    expect(projects.filter((p) => String(p["project_id"]).startsWith("projektbanken-"))).toMatchObject([
      {
        project_id: "projektbanken-1",
        programme_area: "Övre Norrland",
        eu_funds_granted_sek: 100000,
        national_public_funding_sek: 90000,
        eu_funds_granted_eur: null,
        summary_sv: "Ett påhittat projekt.\nKontakt: [personuppgift borttagen]",
      },
      {
        project_id: "projektbanken-2",
        eu_funds_granted_sek: null,
        eu_funds_granted_eur: 30000,
        national_public_funding_eur: 31000,
        priority_axis: null,
        summary_sv: null,
      },
    ])
    const municipalities = tracedRows(out, "project_municipalities")
    expect(municipalities.filter((m) => m["role"] === "project_area")).toEqual([
      {
        project_id: "projektbanken-1",
        municipality_code: "2460",
        role: "project_area",
        lead_beneficiary: null,
        file: filed,
        line: 2,
      },
      {
        project_id: "projektbanken-1",
        municipality_code: "2480",
        role: "project_area",
        lead_beneficiary: null,
        file: filed,
        line: 2,
      },
      {
        project_id: "projektbanken-2",
        municipality_code: "2401",
        role: "project_area",
        lead_beneficiary: null,
        file: filed,
        line: 4,
      },
    ])
  }, 60_000)

  it("files the same bytes only once", async () => {
    const before = await treeHashes(raw)
    const { status, stderr } = await pipeline([
      "snapshot",
      "projektbanken",
      "--from",
      file,
      "--raw",
      raw,
      "--date",
      "2020-01-03",
    ])
    expect(status).toBe(0)
    expect(stderr).toContain("unchanged")
    expect(await treeHashes(raw)).toEqual(before)
  })

  it("never overwrites a snapshot", async () => {
    const before = await treeHashes(raw)
    await writeFile(file, REGISTER.replace("Provprojekt ett", "Provprojekt 1"))
    const { status, stderr } = await pipeline([
      "snapshot",
      "projektbanken",
      "--from",
      file,
      "--raw",
      raw,
      "--date",
      "2020-01-02",
    ])
    expect(status).toBe(1)
    expect(stderr).toContain("never overwritten")
    expect(stderr).toContain("snapshot/exists")
    expect(await treeHashes(raw)).toEqual(before)
  })

  it("says what is wrong with the command line", async () => {
    const repository = await treeHashes("raw")
    expect(await pipeline(["snapshot", "nowhere", "--from", file])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown source "nowhere"'),
    })
    expect(await pipeline(["snapshot", "projektbanken"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("file it with --from FILE"),
    })
    expect(await pipeline(["snapshot", "projektbanken", "--from", file, "--date", "2020-02-30"])).toMatchObject({
      status: 2,
    })
    expect(await pipeline(["snapshot", "projektbanken", "--from", file, "--as-of", "14 oct 2016"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--as-of takes a day as YYYY-MM-DD"),
    })
    expect(await pipeline(["snapshot", "kolada", "--via", "a mirror"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("describe a file given with --from"),
    })
    // Nothing reached the repository's own raw/.
    expect(await treeHashes("raw")).toEqual(repository)
  })
})
