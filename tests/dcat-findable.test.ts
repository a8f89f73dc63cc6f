/**
 * The catalogue as a portal's search meets it, built with a base URL from a raw/ the test
 * controls (with the sources' real files where ../shared has them): every dataset's title,
 * description and keywords name what makes it findable, read from its rows (the project it
 * holds, that project's municipalities, its fund and programme period, and the publishers of its
 * deliveries); a search for "4K" or "Nordmaling" finds every dataset of 4K; the period a dataset
 * covers leaves out the rows the build flags as entry errors; its places are named.
 */
import { readFile, rm } from "node:fs/promises"
import { join } from "node:path"
import { Parser } from "n3"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { PlannedDelivery } from "../pipeline/contract/source-declaration.ts"
import type { Problem } from "../pipeline/problems/problem.ts"
import { readManifest } from "../pipeline/run/read-manifest.ts"
import type { DatasetDefinition } from "../schemas/dataset.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { DCAT, DCT, RDF_TYPE, type Triple, triples } from "./support/rdf-read.ts"
import { ALL_SOURCES, sharedHas } from "./support/release-fixture.ts"
import { tempDir } from "./support/run-build.ts"
import { CATALOGUE_BASE, catalogued } from "./support/catalogued-release.ts"

const BASE = CATALOGUE_BASE
const SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
const XSD_DATE = "^^http://www.w3.org/2001/XMLSchema#date"
const sources = sharedHas(ALL_SOURCES, "the register's coverage and the findability of its datasets")
type Rows = Array<Record<string, unknown>>

describe("the catalogue, searched as a portal does", () => {
  let work: string
  let out: string
  let graph: Triple[]
  let problems: ReadonlyArray<Problem>
  let deliveries: ReadonlyArray<PlannedDelivery>
  const data = new Map<string, Rows>()
  beforeAll(async () => {
    work = await tempDir("dcat-findable")
    const { raw, result, ...built } = await catalogued(work, sources)
    out = built.out
    expect(result.ok).toBe(true)
    problems = result.problems
    deliveries = (await readManifest(raw, (f) => f, DATASETS, [])).manifest!.deliveries
    for (const d of DATASETS)
      data.set(d.name, JSON.parse(await readFile(join(out, "data", `${d.name}.json`), "utf8")) as Rows)
    graph = triples(new Parser().parse(await readFile(join(out, "catalog.ttl"), "utf8")))
  }, 180_000)
  afterAll(() => rm(work, { recursive: true, force: true }))

  const of = (s: string, p: string) => graph.filter((t) => t.s === s && t.p === p).map((t) => t.o)
  const iriOf = (name: string) => `${BASE}datasets/${name}.html#dataset`
  /** What a portal's search reads of a dataset: its titles, descriptions and keywords, in both languages. */
  const searched = (dataset: string) =>
    [`${DCT}title`, `${DCT}description`, `${DCAT}keyword`]
      .flatMap((p) => of(dataset, p))
      .join("\n")
      .toLowerCase()
  /** The datasets the catalogue lists whose titles, descriptions or keywords hold the term. */
  const search = (term: string) =>
    DATASETS.map((d) => iriOf(d.name)).filter(
      (d) => of(`${BASE}catalog.rdf`, `${DCAT}dataset`).includes(d) && searched(d).includes(term.toLowerCase()),
    )

  const rows = (name: string) => data.get(name)!
  /** The projects a dataset's rows hold: by their own project_id, or through a key to rows that have one. */
  const projectsOf = (d: DatasetDefinition): Set<string> => {
    const own = rows(d.name).map((r) => r["project_id"])
    const through = d.foreignKeys.flatMap((fk) => {
      const target = rows(fk.reference.dataset)
      if (fk.fields.length !== 1 || !target.some((r) => "project_id" in r)) return []
      const keys = new Set(rows(d.name).map((r) => r[fk.fields[0]!]))
      return target.filter((t) => keys.has(t[fk.reference.fields[0]!])).map((t) => t["project_id"])
    })
    return new Set([...own, ...through].filter((p): p is string => typeof p === "string"))
  }
  const nameOf = (code: unknown) =>
    String(rows("municipalities").find((m) => m["municipality_code"] === code)!["municipality_name"])
  const project = (id: string) => rows("projects").find((p) => p["project_id"] === id)!
  /** A project described beyond a register row (it has a short name): its names and the municipalities that ran it. */
  const describedTerms = (id: string) => {
    const p = project(id)
    if (p["acronym"] === null) return []
    const participants = rows("project_municipalities").filter(
      (m) => m["project_id"] === id && m["role"] === "participant",
    )
    return [String(p["acronym"]), String(p["title_sv"]), ...participants.map((m) => nameOf(m["municipality_code"]))]
  }
  /** The fund by its abbreviation, and the programme's period, as each project of the dataset states them. */
  const programmeTerms = (ids: Set<string>) => {
    const stated = rows("projects").filter((p) => ids.has(String(p["project_id"])))
    return [
      ...stated.flatMap((p) => /\(([^)]+)\)/u.exec(String(p["fund"]))?.slice(1) ?? []),
      ...stated.flatMap((p) => /[0-9]{4}–[0-9]{4}/u.exec(String(p["programme"])) ?? []),
    ]
  }
  /**
   * Each publisher of a current delivery of the dataset (for a provenance dataset, of the dataset
   * it traces), by its abbreviation where it has one; municipalities by their names above.
   */
  const sourceTerms = (d: DatasetDefinition) =>
    deliveries
      .filter((x) => d.fromManifest === true || x.dataset === (d.provenanceOf ?? d.name))
      .flatMap((x) => x.publisher.split(";").map((part) => part.trim()))
      .filter((part) => !/kommun(er)?$/u.test(part))
      .map((part) => /\(([^)]+)\)$/u.exec(part)?.[1] ?? part)

  it("names, in every dataset's title, description or keywords, its project, that project's municipalities, its programme and its sources", () => {
    const missing: string[] = []
    for (const d of DATASETS) {
      const ids = projectsOf(d)
      const terms = [...[...ids].flatMap(describedTerms), ...programmeTerms(ids), ...sourceTerms(d)]
      expect(terms.length, d.name).toBeGreaterThan(0)
      for (const term of new Set(terms))
        if (!searched(iriOf(d.name)).includes(term.toLowerCase())) missing.push(`${d.name}: ${term}`)
    }
    expect(missing).toEqual([])
  })

  it('finds every dataset of 4K by "4K" and by "Nordmaling"', () => {
    const fourK = DATASETS.filter((d) => d.supporting !== true && projectsOf(d).has("4k")).map((d) => iriOf(d.name))
    expect(fourK.length).toBeGreaterThan(6)
    expect(search("4K")).toEqual(expect.arrayContaining(fourK))
    expect(search("Nordmaling")).toEqual(expect.arrayContaining(fourK))
    // A search for what no dataset holds finds none: the search reads the catalogue, not every word.
    expect(search("Kiruna")).toEqual([])
  })

  it.skipIf(!sources)(
    "starts the register's coverage in 2007: the start the build flags as an entry error is left out",
    () => {
      const flagged = problems.filter((p) => p.code === "source/suspect").map((p) => String(p.value))
      const starts = rows("projects").map((p) => String(p["start_date"]))
      // Published as the register states it, but covering no period.
      expect(flagged).toEqual(["2001-07-01"])
      expect(starts).toContain("2001-07-01")
      const first = starts.filter((s) => !flagged.includes(s)).sort()[0]!
      expect(first.slice(0, 4)).toBe("2007")
      expect(of(`${BASE}datasets/projects.html#temporal`, `${DCAT}startDate`)).toEqual([`"${first}"${XSD_DATE}`])
      const ends = rows("projects").map((p) => String(p["end_date"]))
      expect(of(`${BASE}datasets/projects.html#temporal`, `${DCAT}endDate`)).toEqual([
        `"${ends.sort().at(-1)}"${XSD_DATE}`,
      ])
    },
  )

  it("names the places a dataset covers: its municipalities where few, and always their counties, by their NUTS IRIs", () => {
    const counties = new Map(rows("counties").map((c) => [c["county_code"], c]))
    const countyOf = (code: unknown) =>
      rows("municipalities").find((m) => m["municipality_code"] === code)!["county_code"]
    const label = (place: string) => of(place, SKOS_LABEL)
    for (const name of ["project_municipalities", "project_activities"]) {
      const ids = projectsOf(DATASETS.find((d) => d.name === name)!)
      const codes = [
        ...new Set(
          rows("project_municipalities")
            .filter((m) => ids.has(String(m["project_id"])))
            .map((m) => m["municipality_code"]),
        ),
      ].sort()
      const regions = [...new Set(codes.map(countyOf))].sort() as string[]
      const nuts = (r: string) => `http://data.europa.eu/nuts/code/${counties.get(r)!["nuts3_code"]}`
      const places = of(iriOf(name), `${DCT}spatial`)
      expect(places, name).toEqual([
        "http://publications.europa.eu/resource/authority/country/SWE",
        ...(codes.length > 10 ? [] : codes.map((c) => `${BASE}datasets/municipalities.html#place-${c}`)),
        ...regions.map(nuts),
      ])
      for (const c of codes.length > 10 ? [] : codes)
        expect(label(`${BASE}datasets/municipalities.html#place-${c}`)).toEqual([`"${nameOf(c)}"@sv`])
      for (const r of regions) {
        expect(label(nuts(r))).toEqual([`"${counties.get(r)!["county_name"]}"@sv`])
        expect(of(nuts(r), RDF_TYPE)).toEqual([`${DCT}Location`])
      }
    }
    // 4K's own datasets name its municipalities, Nordmaling among them.
    expect(of(iriOf("project_activities"), `${DCT}spatial`)).toContain(`${BASE}datasets/municipalities.html#place-2401`)
  })
})
