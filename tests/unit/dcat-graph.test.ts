/**
 * dcatCatalog, given hand-made facts (a publication, a version, a dataset with its deliveries,
 * coverage and files), expected: the catalogue's IRI, its CC0 licence whatever the data's, the
 * publisher's IRI by organisation number, keywords tagged with their language, a distribution
 * per format with its download URL, size and checksum, places by name, and a supporting table
 * linked from the dataset it supports rather than listed.
 */
import { describe, expect, it } from "vitest"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { dcatCatalog, publisherIri, type DatasetFacts } from "../../pipeline/catalog/dcat.ts"
import type { CataloguedPublication } from "../../pipeline/catalog/publication.ts"
import { iri, type Graph, type Name, type Term } from "../../pipeline/catalog/rdf.ts"
import type { PlannedDelivery } from "../../pipeline/contract/source-declaration.ts"

const BASE = "https://data.example.org/kranskommuner/"
const CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
const CC_BY = "http://creativecommons.org/licenses/by/4.0/"

const dataset = (name: string) => {
  const found = DATASETS.find((d) => d.name === name)
  if (found === undefined) throw new Error(`no dataset ${name}`)
  return found
}

/** A made-up publisher; the organisation number is one of zeros, which belongs to no one. */
const publication = (organisationNumber?: string): CataloguedPublication => ({
  name: "exempel",
  title: { sv: "Exempeldata", en: "Example data" },
  description: { sv: "Data för ett test.", en: "Data for a test." },
  keywords: ["test"],
  baseUrl: BASE,
  publisher: {
    name: "Exempelkommunen",
    type: "LocalAuthority",
    ...(organisationNumber === undefined ? {} : { organisationNumber }),
  },
  contact: { name: "Exempelkommunens dataenhet", email: "data@example.org" },
})

const delivery = (
  file: string,
  licence: "CC0-1.0" | "CC-BY-4.0",
  received: string,
  datasetName = "indicator_values",
): PlannedDelivery => ({
  file,
  dataset: datasetName,
  kind: "delivered",
  publisher: "Test",
  licence,
  received,
  sha256: "0".repeat(64),
  format: "csv",
  columns: {},
})

const files = (n: number): DatasetFacts["files"] => ({
  csv: { bytes: 100 + n, sha1: "a".repeat(40) },
  json: { bytes: 200 + n, sha1: "b".repeat(40) },
  parquet: { bytes: 300 + n, sha1: "c".repeat(40) },
})

/** A dataset and the code list it refers to, every delivery of the data under CC BY 4.0. */
const FACTS: DatasetFacts[] = [
  {
    definition: dataset("indicator_values"),
    deliveries: [
      delivery("scb/pop.csv", "CC-BY-4.0", "2012-03-21"),
      delivery("scb/pop2009.csv", "CC-BY-4.0", "2011-02-01"),
    ],
    temporal: { start: "2007-01-01", end: "2011-12-31" },
    places: [
      { dataset: "municipalities", key: "2401", name: "Nordmaling", iri: undefined },
      { dataset: "counties", key: "24", name: "Västerbottens län", iri: "http://data.europa.eu/nuts/code/SE331" },
    ],
    files: files(1),
  },
  {
    definition: dataset("municipalities"),
    deliveries: [delivery("kommuner.csv", "CC-BY-4.0", "2010-05-05", "municipalities")],
    temporal: undefined,
    places: [],
    files: files(2),
  },
]

const objects = (g: Graph, subject: string, predicate: Name): Term[] =>
  g.triples.filter((t) => t.subject === subject && t.predicate === predicate).map((t) => t.object)
const iris = (g: Graph, subject: string, predicate: Name): string[] =>
  objects(g, subject, predicate).flatMap((o) => ("iri" in o ? [o.iri] : []))

describe("dcatCatalog", () => {
  const g = dcatCatalog({ publication: publication("000000-0000"), version: "1.2.0", datasets: FACTS })
  const catalog = `${BASE}catalog.rdf`
  const page = `${BASE}datasets/indicator_values.html`
  const datasetIri = `${page}#dataset`

  it("names the catalogue <base>catalog.rdf, a dcat:Catalog of the datasets, and links the supporting tables from them", () => {
    expect(iris(g, catalog, "rdf:type")).toEqual([iri("dcat:Catalog")])
    // The code list is described as a dataset, but linked from the dataset it supports, not listed.
    const codeList = `${BASE}datasets/municipalities.html#dataset`
    expect(iris(g, catalog, "dcat:dataset")).toEqual([datasetIri])
    expect(iris(g, codeList, "rdf:type")).toEqual([iri("dcat:Dataset")])
    expect(iris(g, datasetIri, "dcterms:relation")).toEqual([codeList])
    expect(objects(g, catalog, "dcterms:title")).toEqual([
      { value: "Exempeldata", lang: "sv" },
      { value: "Example data", lang: "en" },
    ])
    // Issued with the first delivery, modified with the last.
    expect(objects(g, catalog, "dcterms:issued")).toEqual([{ value: "2010-05-05", datatype: "xsd:date" }])
    expect(objects(g, catalog, "dcterms:modified")).toEqual([{ value: "2012-03-21", datatype: "xsd:date" }])
    // No blank nodes: every subject is an IRI.
    for (const t of g.triples) expect(t.subject).toMatch(/^(https?|mailto):/u)
  })

  it("licenses the catalogue's record CC0, whatever the licences of the data; the distributions carry the data's", () => {
    expect(iris(g, catalog, "dcterms:license")).toEqual([CC0])
    expect(iris(g, CC0, "rdf:type")).toEqual([iri("dcterms:LicenseDocument")])
    expect(iris(g, `${page}#csv`, "dcterms:license")).toEqual([CC_BY])
    // With CC0 data too, the catalogue is CC0.
    const open = dcatCatalog({
      publication: publication(),
      version: "1.2.0",
      datasets: FACTS.map((f) => ({
        ...f,
        deliveries: f.deliveries.map((d) => ({ ...d, licence: "CC0-1.0" as const })),
      })),
    })
    expect(iris(open, catalog, "dcterms:license")).toEqual([CC0])
    expect(iris(open, `${page}#csv`, "dcterms:license")).toEqual([CC0])
  })

  it("names the publisher http://dataportal.se/organisation/SE<digits> when its organisation number is known, else a place in the catalogue", () => {
    const publisher = "http://dataportal.se/organisation/SE0000000000"
    expect(publisherIri(publication("000000-0000"))).toBe(publisher)
    expect(iris(g, catalog, "dcterms:publisher")).toEqual([publisher])
    expect(iris(g, datasetIri, "dcterms:publisher")).toEqual([publisher])
    expect(iris(g, publisher, "rdf:type")).toEqual([iri("foaf:Agent"), iri("foaf:Organization")])
    expect(objects(g, publisher, "foaf:name")).toEqual([{ value: "Exempelkommunen", lang: "sv" }])
    expect(objects(g, publisher, "dcterms:identifier")).toEqual([{ value: "000000-0000" }])
    expect(iris(g, publisher, "dcterms:type")).toEqual(["http://purl.org/adms/publishertype/LocalAuthority"])

    const without = dcatCatalog({ publication: publication(), version: "1.2.0", datasets: FACTS })
    expect(iris(without, catalog, "dcterms:publisher")).toEqual([`${BASE}catalog.rdf#publisher`])
    expect(objects(without, `${BASE}catalog.rdf#publisher`, "dcterms:identifier")).toEqual([])
  })

  it("tags each keyword with its language, Swedish then English", () => {
    const def = dataset("indicator_values")
    expect(objects(g, datasetIri, "dcat:keyword")).toEqual([
      ...def.keywords.sv.map((value) => ({ value, lang: "sv" })),
      ...def.keywords.en.map((value) => ({ value, lang: "en" })),
    ])
    expect(objects(g, datasetIri, "dcat:keyword")).toEqual(
      expect.arrayContaining([
        { value: "indikatorer", lang: "sv" },
        { value: "indicators", lang: "en" },
      ]),
    )
  })

  it("gives each dataset a distribution per format, with its download URL, media type, size and checksum", () => {
    expect(iris(g, datasetIri, "dcat:distribution")).toEqual([`${page}#csv`, `${page}#json`, `${page}#parquet`])
    for (const [format, bytes, sha1, mediaType] of [
      ["csv", "101", "a".repeat(40), "https://www.iana.org/assignments/media-types/text/csv"],
      ["json", "201", "b".repeat(40), "https://www.iana.org/assignments/media-types/application/json"],
      ["parquet", "301", "c".repeat(40), "https://www.iana.org/assignments/media-types/application/vnd.apache.parquet"],
    ] as const) {
      const distribution = `${page}#${format}`
      const file = `${BASE}data/indicator_values.${format}`
      expect(iris(g, distribution, "rdf:type")).toEqual([iri("dcat:Distribution")])
      expect(iris(g, distribution, "dcat:downloadURL")).toEqual([file])
      expect(iris(g, distribution, "dcat:accessURL")).toEqual([file])
      expect(iris(g, distribution, "dcat:mediaType")).toEqual([mediaType])
      expect(objects(g, distribution, "dcat:byteSize")).toEqual([{ value: bytes, datatype: "xsd:nonNegativeInteger" }])
      expect(iris(g, distribution, "spdx:checksum")).toEqual([`${distribution}-sha1`])
      expect(objects(g, `${distribution}-sha1`, "spdx:checksumValue")).toEqual([
        { value: sha1, datatype: "xsd:hexBinary" },
      ])
    }
    // The other dataset's distributions are its own.
    expect(iris(g, `${BASE}datasets/municipalities.html#csv`, "dcat:downloadURL")).toEqual([
      `${BASE}data/municipalities.csv`,
    ])
  })

  it("states the dataset's coverage and version, and the same identifier in every build", () => {
    // Each place by name: a NUTS region by its IRI, a municipality by its row on the page of its list.
    const nordmaling = `${BASE}datasets/municipalities.html#place-2401`
    const nuts = "http://data.europa.eu/nuts/code/SE331"
    expect(iris(g, datasetIri, "dcterms:spatial")).toEqual([
      "http://publications.europa.eu/resource/authority/country/SWE",
      nordmaling,
      nuts,
    ])
    for (const [place, name] of [
      [nordmaling, "Nordmaling"],
      [nuts, "Västerbottens län"],
    ] as const) {
      expect(iris(g, place, "rdf:type")).toEqual([iri("dcterms:Location")])
      expect(objects(g, place, "skos:prefLabel")).toEqual([{ value: name, lang: "sv" }])
    }
    expect(iris(g, datasetIri, "dcterms:temporal")).toEqual([`${page}#temporal`])
    expect(objects(g, `${page}#temporal`, "dcat:startDate")).toEqual([{ value: "2007-01-01", datatype: "xsd:date" }])
    expect(objects(g, `${page}#temporal`, "dcat:endDate")).toEqual([{ value: "2011-12-31", datatype: "xsd:date" }])
    expect(objects(g, datasetIri, "dcat:version")).toEqual([{ value: "1.2.0" }])
    expect(objects(g, datasetIri, "dcterms:issued")).toEqual([{ value: "2011-02-01", datatype: "xsd:date" }])
    const again = dcatCatalog({ publication: publication("000000-0000"), version: "1.2.0", datasets: FACTS })
    expect(again.triples).toEqual(g.triples)
    expect(objects(g, datasetIri, "dcterms:identifier")).toEqual([
      { value: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u) },
    ])
  })
})
