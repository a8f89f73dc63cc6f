/**
 * The DCAT-AP-SE catalogue of a release built with a base URL, from a raw/ the test controls
 * (tests/support/release-fixture.ts): one graph in three files, each read by its own parser; no
 * blank nodes; no violation of the DCAT-AP 3.0.1 SHACL shapes; stable identifiers; true sizes and sums.
 */
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { readFile, rm, stat } from "node:fs/promises"
import { join, resolve } from "node:path"
import jsonld from "jsonld"
import { Parser, Store } from "n3"
import SHACLValidator from "rdf-validate-shacl"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DATASETS } from "../schemas/datasets/index.ts"
import { provenanceName } from "../schemas/provenance.ts"
import { columnsOf } from "../schemas/derive/columns.ts"
import {
  CARDINALITIES,
  DIGG_EXAMPLES,
  instancesOf,
  parseTurtle,
  readCardinalities,
  toTriples,
  usage,
} from "./support/dcat-ap-se.ts"
import { ALL_SOURCES, sharedHas } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { CATALOGUE_BASE, catalogued } from "./support/catalogued-release.ts"
import { DCAT, DCT, RDF_TYPE, type Triple, triples, canonical, fromRdfXml } from "./support/rdf-read.ts"

const BASE = CATALOGUE_BASE
// Eurostat's codes and Tillväxtverket's register come with no licence: these datasets state their rights.
const UNLICENSED = ["counties", "projects", "project_municipalities", "project_funders"]
/** Datasets, then their provenance datasets, which have their terms: in the catalogue's order. */
const withProvenance = (names: ReadonlyArray<string>) => [...names, ...names.map(provenanceName)]
const sources = sharedHas(ALL_SOURCES, "the catalogue's licences of the sources' data")
const SHAPES = resolve("..", "shared", "reference", "dcat-ap", "SEMICeu-DCAT-AP", "3.0.1", "dcat-ap-SHACL.ttl")
// The official shapes, DIGG's cardinalities and examples are read from ../shared/reference.
const reference = existsSync(SHAPES) && existsSync(CARDINALITIES) && DIGG_EXAMPLES.every((f) => existsSync(f))
if (!reference)
  console.warn(
    "skipping the catalogue's checks against the official shapes and DIGG's templates: ../shared/reference is absent",
  )
describe("the DCAT-AP-SE catalogue", () => {
  let work: string
  let out: string
  let turtle: Triple[]
  beforeAll(async () => {
    work = await tempDir("dcat")
    // The catalogue names a publisher and a contact, which whoever runs the publication configures.
    const { result, ...built } = await catalogued(work, sources)
    out = built.out
    // The register's warnings (a start in 2001, formula-like text) are known and published; errors are none.
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([])
    expect(result.problems.map((p) => p.code)).toEqual(
      sources ? ["cell/formula", "source/suspect", "cell/formula"] : [],
    )
    turtle = triples(new Parser().parse(await readFile(join(out, "catalog.ttl"), "utf8")))
  })
  afterAll(() => rm(work, { recursive: true, force: true }))
  /** The objects of a subject's property. */
  const of = (s: string, p: string) => turtle.filter((t) => t.s === s && t.p === p).map((t) => t.o)

  it("is the same graph in Turtle, RDF/XML and JSON-LD, each read by a parser of its own", async () => {
    const xml = triples(await fromRdfXml(await readFile(join(out, "catalog.rdf"), "utf8")))
    const nquads = (await jsonld.toRDF(JSON.parse(await readFile(join(out, "catalog.jsonld"), "utf8")) as object, {
      format: "application/n-quads",
    })) as unknown as string
    const fromJsonLd = triples(new Parser({ format: "N-Quads" }).parse(nquads))
    expect(turtle.length).toBeGreaterThan(300)
    expect(canonical(xml)).toEqual(canonical(turtle))
    expect(canonical(fromJsonLd)).toEqual(canonical(turtle))
  })

  it("has no blank nodes, and every IRI is absolute", () => {
    expect(turtle.filter((t) => t.blank)).toEqual([])
    expect(turtle.every((t) => /^(https?|mailto):/.test(t.s))).toBe(true)
  })

  it.skipIf(!reference)("violates none of the DCAT-AP 3.0.1 SHACL shapes", async () => {
    const shapes = new Store(new Parser().parse(await readFile(SHAPES, "utf8")))
    const data = new Store(new Parser().parse(await readFile(join(out, "catalog.ttl"), "utf8")))
    const report = await new SHACLValidator(shapes).validate(data)
    expect(
      report.results.map((r) => `${r.focusNode?.value} ${r.path?.value}: ${r.message.map((m) => m.value).join("; ")}`),
    ).toEqual([])
    expect(report.conforms).toBe(true)
  })

  it("describes every dataset in Swedish and English, with a stable UUID, themes, coverage and conformance", async () => {
    // The supporting tables are described as datasets too, but linked from those they support, not listed.
    const iriOf = (name: string) => `${BASE}datasets/${name}.html#dataset`
    expect(of(`${BASE}catalog.rdf`, `${DCAT}dataset`)).toEqual(
      DATASETS.filter((d) => d.supporting !== true).map((d) => iriOf(d.name)),
    )
    expect(of(iriOf("indicator_values"), `${DCT}relation`)).toContain(iriOf("municipalities"))
    const datasets = DATASETS.map((d) => iriOf(d.name))
    for (const d of datasets) {
      expect(of(d, RDF_TYPE)).toEqual([`${DCAT}Dataset`])
      expect(of(d, `${DCT}title`).map((t) => t.slice(t.lastIndexOf("@")))).toEqual(["@sv", "@en"])
      expect(of(d, `${DCT}identifier`)[0]).toMatch(
        /^"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/,
      )
      expect(of(d, `${DCAT}theme`)).toContain("http://publications.europa.eu/resource/authority/data-theme/REGI")
      expect(of(d, `${DCT}spatial`)).toContain("http://publications.europa.eu/resource/authority/country/SWE")
      expect(of(d, `${DCT}conformsTo`)).toEqual([
        `${d.replace("datasets/", "schemas/").replace(".html#dataset", "")}.schema.json`,
      ])
    }
    // The same identifiers in another build.
    const again = join(work, "again")
    await build(resolve("raw"), again, "build", false, {
      baseUrl: BASE,
      publicationFile: join(work, "publication.json"),
    })
    const ids = (text: string) => [...text.matchAll(/dcterms:identifier "([0-9a-f-]{36})"/g)].map((m) => m[1])
    expect(ids(await readFile(join(again, "catalog.ttl"), "utf8"))).toEqual(
      ids(await readFile(join(out, "catalog.ttl"), "utf8")),
    )
  }, 60_000)

  it("gives each distribution the file's true size and SHA-1, its formats and licence", async () => {
    const resources = (
      JSON.parse(await readFile(join(out, "datapackage.json"), "utf8")) as {
        resources: Array<{ path: string; licenses?: Array<{ path: string }>; "x-rights"?: string }>
      }
    ).resources
    for (const d of DATASETS) {
      for (const format of ["csv", "json", "parquet"]) {
        const distribution = `${BASE}datasets/${d.name}.html#${format}`
        const file = join(out, "data", `${d.name}.${format}`)
        expect(of(distribution, `${DCAT}downloadURL`)).toEqual([`${BASE}data/${d.name}.${format}`])
        expect(of(distribution, `${DCAT}byteSize`)).toEqual([
          `"${(await stat(file)).size}"^^http://www.w3.org/2001/XMLSchema#nonNegativeInteger`,
        ])
        const sha1 = createHash("sha1")
          .update(await readFile(file))
          .digest("hex")
        expect(of(`${distribution}-sha1`, "http://spdx.org/rdf/terms#checksumValue")).toEqual([
          `"${sha1}"^^http://www.w3.org/2001/XMLSchema#hexBinary`,
        ])
        expect(of(distribution, `${DCT}format`)).toEqual([
          `http://publications.europa.eu/resource/authority/file-type/${format.toUpperCase()}`,
        ])
        // The same licence as the data package gives the file, or, where there is none, the same rights.
        const resource = resources.find((r) => r.path === `${BASE}data/${d.name}.${format}`)!
        if (resource.licenses === undefined) {
          expect(of(distribution, `${DCT}license`)).toEqual([])
          const [rights] = of(distribution, `${DCT}rights`)
          expect(of(rights!, "http://www.w3.org/2000/01/rdf-schema#label")).toEqual([
            JSON.stringify(resource["x-rights"]).concat("@en"),
          ])
        } else expect(of(distribution, `${DCT}license`)).toEqual([resource.licenses[0]!.path])
      }
    }
    expect(
      of("http://creativecommons.org/publicdomain/zero/1.0/", "http://www.w3.org/2004/02/skos/core#exactMatch"),
    ).toEqual(["http://publications.europa.eu/resource/authority/licence/CC0"])
  })

  it.skipIf(!reference)(
    "gives every DCAT-AP-SE mandatory property, and no property more often than DIGG allows",
    async () => {
      const g = toTriples(new Parser().parse(await readFile(join(out, "catalog.ttl"), "utf8")))
      const broken: string[] = []
      for (const rule of await readCardinalities()) {
        for (const instance of instancesOf(g, rule.role)) {
          const n = g.filter((t) => t.s === instance && t.p === rule.property).length
          if (rule.level === "mandatory" && n === 0) broken.push(`${instance} lacks ${rule.property}`)
          if (rule.max === "1" && n > 1) broken.push(`${instance} has ${n} ${rule.property}`)
        }
      }
      expect(broken).toEqual([])
      expect(instancesOf(g, "dataset")).toHaveLength(DATASETS.length)
      expect(instancesOf(g, "agent")).toEqual(["http://dataportal.se/organisation/SE0000000000"])
    },
  )

  it.skipIf(!reference)(
    "gives every recommended property it can state truthfully, and says why of the rest",
    async () => {
      const g = toTriples(new Parser().parse(await readFile(join(out, "catalog.ttl"), "utf8")))
      const lacking = new Map<string, string[]>()
      for (const rule of (await readCardinalities()).filter((r) => r.level === "recommended")) {
        for (const instance of instancesOf(g, rule.role)) {
          if (g.some((t) => t.s === instance && t.p === rule.property)) continue
          lacking.set(`${rule.role} ${rule.property}`, [
            ...(lacking.get(`${rule.role} ${rule.property}`) ?? []),
            instance.replace(BASE, ""),
          ])
        }
      }
      expect(Object.fromEntries(lacking)).toEqual({
        // Datasets with neither dates nor years, nor rows about projects, cover no period.
        // A provenance dataset covers what its dataset covers.
        "dataset http://purl.org/dc/terms/temporal": withProvenance(["counties", "municipalities", "indicators"]).map(
          (name) => `datasets/${name}.html#dataset`,
        ),
        // Not configured in publication.json: nothing is invented.
        "agent http://purl.org/dc/terms/description": ["http://dataportal.se/organisation/SE0000000000"],
        "agent https://www.w3.org/ns/org#classification": ["http://dataportal.se/organisation/SE0000000000"],
        "contact http://www.w3.org/2006/vcard/ns#hasTelephone": ["catalog.rdf#contact-point"],
        "contact http://www.w3.org/2006/vcard/ns#hasAddress": ["catalog.rdf#contact-point"],
        "distribution http://purl.org/dc/terms/license": withProvenance(UNLICENSED).flatMap((name) =>
          ["csv", "json", "parquet"].map((format) => `datasets/${name}.html#${format}`),
        ),
      })
    },
  )

  it.skipIf(!reference)(
    "uses each property of DIGG's example catalogues as they do, but for the differences it states",
    async () => {
      const ours = usage(toTriples(new Parser().parse(await readFile(join(out, "catalog.ttl"), "utf8"))))
      const theirs = usage((await Promise.all(DIGG_EXAMPLES.map(parseTurtle))).flat())
      const differences: Record<string, string> = {}
      for (const [key, kinds] of theirs) {
        const mine = ours.get(key)
        if (mine === undefined) differences[key] = "not used"
        else if ([...kinds].some((k) => !mine.has(k)))
          differences[key] = `${[...kinds].join(", ")} there, ${[...mine].join(", ")} here`
      }
      expect(differences).toEqual({
        // DCAT-AP 3.0.1 asks for the EU file-type IRI; the media type is dcat:mediaType.
        "distribution http://purl.org/dc/terms/format": "text there, resource here",
        // The release offers files, not an API.
        "distribution http://www.w3.org/ns/dcat#accessService": "not used",
        "contact http://www.w3.org/2006/vcard/ns#hasTelephone": "not used",
        "contact http://www.w3.org/2006/vcard/ns#hasAddress": "not used",
      })
    },
  )

  it("is CC0 itself whatever the data's licences, tags its keywords with their language, and dates every dataset with dates", async () => {
    const catalogue = `${BASE}catalog.rdf`
    expect(of(catalogue, `${DCT}license`)).toEqual(["http://creativecommons.org/publicdomain/zero/1.0/"])
    if (sources) {
      expect(of(`${BASE}datasets/counties.html#csv`, `${DCT}license`)).toEqual([])
      expect(of(`${BASE}datasets/counties.html#csv`, `${DCT}rights`)).toEqual([`${BASE}datasets/counties.html#rights`])
    }
    expect(of(`${BASE}datasets/indicators.html#csv`, `${DCT}license`)).toEqual([
      "http://creativecommons.org/publicdomain/zero/1.0/",
    ])
    for (const d of DATASETS) {
      const dataset = `${BASE}datasets/${d.name}.html#dataset`
      const keywords = of(dataset, `${DCAT}keyword`)
      expect(keywords.length).toBeGreaterThan(1)
      expect(
        keywords.every((k) => /@(sv|en)$/.test(k)),
        d.name,
      ).toBe(true)
      const dated = columnsOf(d).some((c) => c.type === "DATE" || c.name === "year")
      if (dated) expect(of(dataset, `${DCT}temporal`), d.name).toEqual([`${BASE}datasets/${d.name}.html#temporal`])
    }
    expect(of(`${BASE}catalog.rdf#contact-point`, "http://www.w3.org/2006/vcard/ns#hasEmail")).toEqual([
      "mailto:data@example.org",
    ])
    expect(of(`${BASE}catalog.rdf#contact-point`, RDF_TYPE)).toEqual(["http://www.w3.org/2006/vcard/ns#Organization"])
  })

  it("names only files of the release: its own address, landing pages (HTML), downloads, schemas", async () => {
    const onSite = [...new Set(turtle.flatMap((t) => [t.s, t.o]).filter((x) => x.startsWith(BASE)))]
    const missing = onSite
      .map((x) => x.slice(BASE.length).replace(/#.*$/u, ""))
      .filter((f) => !existsSync(join(out, f)))
    expect(missing).toEqual([])
    expect(onSite).toContain(`${BASE}catalog.rdf`)
    const landing = turtle.filter((t) => t.p === `${DCAT}landingPage`).map((t) => t.o)
    expect(landing).toEqual(DATASETS.map((d) => `${BASE}datasets/${d.name}.html`))
    const downloads = turtle.filter((t) => t.p === `${DCAT}downloadURL`).map((t) => t.o)
    expect(downloads).toHaveLength(DATASETS.length * 3)
    expect(downloads.every((u) => u.startsWith(`${BASE}data/`))).toBe(true)
  })
})
