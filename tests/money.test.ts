/**
 * The money of the projects, read as a user reads it, in the release built from a raw/ the test
 * controls (tests/support/release-fixture.ts), with Projektbanken's register filed from
 * ../shared/data where it is there: each project's funders sum to its public funding, 4K's
 * national co-financing among them though its split is not known; 4K's programme in the
 * register's words; the projects without municipality rows are those the register gives none;
 * and the codebooks say so.
 */
import { readFile, rm } from "node:fs/promises"
import { join } from "node:path"
import { parse } from "csv-parse/sync"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PROJECT_ID_PREFIX } from "../pipeline/sources/projektbanken.ts"
import { fixtureRaw, SHARED_DATA, sharedHas } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { tracedRows } from "./support/traced-rows.ts"

const present = sharedHas(["projektbanken"], "the register's projects beside 4K")
const REGISTER = join(SHARED_DATA, "eurospent_projektbanken_sweden_2007-2013.csv")

type Row = Record<string, unknown>

describe("the projects' money, read right", () => {
  let work: string
  let out: string
  const data = async (name: string) => JSON.parse(await readFile(join(out, "data", `${name}.json`), "utf8")) as Row[]
  beforeAll(async () => {
    work = await tempDir("money")
    const raw = await fixtureRaw(work, present ? ["projektbanken"] : [])
    out = join(work, "dist")
    const result = await build(raw, out)
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([])
  }, 120_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("sums each project's funders to its public funding, in each currency", async () => {
    const sums = new Map<unknown, { sek: number; eur: number }>()
    for (const f of await data("project_funders")) {
      const s = sums.get(f["project_id"]) ?? { sek: 0, eur: 0 }
      sums.set(f["project_id"], {
        sek: s.sek + Number(f["amount_sek"] ?? 0),
        eur: s.eur + Number(f["amount_eur"] ?? 0),
      })
    }
    const projects = await data("projects")
    expect(projects.length).toBe(present ? 2123 : 1)
    const total = (p: Row, currency: string) =>
      Number(p[`eu_funds_granted_${currency}`] ?? 0) + Number(p[`national_public_funding_${currency}`] ?? 0)
    const unbalanced = projects.filter((p) => {
      const s = sums.get(p["project_id"])
      return s?.sek !== total(p, "sek") || s.eur !== total(p, "eur")
    })
    expect(unbalanced.map((p) => p["project_id"])).toEqual([])
    expect(sums.get("4k")).toEqual({ sek: 15_000_000, eur: 0 })
  })

  it("gives 4K's national co-financing a row of its own, and its co-financiers' shares as not known", async () => {
    const fourK = (await data("project_funders")).filter((f) => f["project_id"] === "4k")
    expect(fourK.filter((f) => f["amount_sek"] !== null).map((f) => [f["funder_type"], f["amount_sek"]])).toEqual([
      ["eu_fund", 7_500_000],
      ["national_public", 7_500_000],
    ])
    const unknown = fourK.filter((f) => f["amount_sek"] === null)
    expect(unknown.map((f) => f["funder_type"]).sort()).toEqual([
      "county_administrative_board",
      ...Array(5).fill("municipality"),
    ])
    for (const f of unknown) expect(f).toMatchObject({ amount_eur: null, amount_status: "not known" })
    const traced = tracedRows(out, "project_funders").filter((f) => f["project_id"] === "4k")
    for (const f of traced) expect(f["file"]).toBe("4k/2026-12-03/finansiarer.csv")
  })

  it("puts 4K under the register's programme, its transcription's wording kept as a recorded correction", async () => {
    const projects = await data("projects")
    const programme = projects.find((p) => p["project_id"] === "4k")!["programme"]
    expect(programme).toBe("Mål 2 Regional konkurrenskraft och sysselsättning")
    if (present) {
      const named = projects.filter((p) => p["programme"] === programme && p["project_id"] !== "4k")
      expect(named.length).toBeGreaterThan(1000)
    }
    const corrections = JSON.parse(await readFile(join(out, "corrections.json"), "utf8")) as Row[]
    expect(corrections).toContainEqual(
      expect.objectContaining({
        file: "4k/2026-12-03/projekt.json",
        field: "programme",
        source_value: "EU:s strukturfonder 2007–2013, Mål 2 Regional konkurrenskraft och sysselsättning",
        new_value: programme,
      }),
    )
  })

  it.skipIf(!present)(
    "has no municipality rows for exactly the projects whose municipalities the register leaves empty",
    async () => {
      const register = parse(await readFile(REGISTER), { columns: true }) as Array<Record<string, string>>
      const empty = register
        .filter((r) => r["kommun_fordelning"]!.trim() === "")
        .map((r) => `${PROJECT_ID_PREFIX}${r["arende_id"]}`)
      const listed = new Set((await data("project_municipalities")).map((m) => m["project_id"]))
      const projects = await data("projects")
      const without = projects.filter((p) => !listed.has(p["project_id"]))
      expect(without.map((p) => p["project_id"]).sort()).toEqual(empty.sort())
      expect(new Set(without.map((p) => p["programme"]))).toEqual(
        new Set(["Interreg IVA Gränsöverskridande samarbete"]),
      )
    },
  )

  it("says in the codebooks whose each amount is, which projects have no municipalities and what each role means", async () => {
    const codebook = async (name: string) => readFile(join(out, "data", `${name}.md`), "utf8")
    const projects = await codebook("projects")
    expect(projects).toContain("Every amount is the whole project's")
    expect(projects).toContain("National public co-financing of the whole project")
    const funders = await codebook("project_funders")
    expect(funders).toContain("how the national co-financing was split among them is not known")
    expect(funders).toContain("their amounts are parts of this row's, not additions to it")
    const municipalities = await codebook("project_municipalities")
    expect(municipalities).toContain("Interreg IVA projects (cross-border cooperation) whose kommunfördelning is empty")
    expect(municipalities).toContain("regional_centre: named by the project as the centre of its region (Umeå, for 4K)")
  })
})
