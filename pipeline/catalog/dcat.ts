/**
 * The DCAT-AP-SE catalogue of a release: the catalogue, a dataset per published dataset and a
 * distribution per file format; a supporting table (a code list, the deliveries) is described
 * as a dataset too, but linked from the datasets it supports (dcterms:relation) instead of
 * listed as one of the catalogue's; with publisher, contact point, licences, themes, spatial and
 * temporal coverage, sizes and checksums: every mandatory property of DCAT-AP-SE 3.0.1 and the
 * recommended ones the release can state truthfully. Every resource on the site has an IRI
 * that names a file of the site (the catalogue is catalog.rdf, a dataset a place in its page),
 * and every vocabulary term it refers to is declared with its type, so the catalogue validates
 * on its own. Pure: the facts in, the graph out.
 */
import { dataFile, datasetPageFile, schemaFile } from "../contract/release-layout.ts"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { supportingOf } from "../../schemas/derive/supporting.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import type { Place } from "./coverage.ts"
import { EU, EU_LICENCE, FILE_TEXT, FORMATS, THEMES, uuidV5 } from "./dcat-vocabulary.ts"
import { datasetTerms, type Licence, LICENCES } from "./licences.ts"
import type { CataloguedPublication } from "./publication.ts"
import { Graph, iri, named, ref, text, typed } from "./rdf.ts"

export interface DatasetFacts {
  readonly definition: DatasetDefinition
  readonly deliveries: ReadonlyArray<PlannedDelivery>
  /** The first and last day the data covers: its dates or years, or the periods of its projects. */
  readonly temporal: { readonly start: string; readonly end: string } | undefined
  /** The places its rows are about, by name: the municipalities where few, and their counties. */
  readonly places: ReadonlyArray<Place>
  readonly files: Readonly<Record<"csv" | "json" | "parquet", { readonly bytes: number; readonly sha1: string }>>
}

/**
 * The publisher's IRI: the one dataportal.se matches organisations by, when the organisation
 * number is known; otherwise a fragment of the catalogue's own file.
 */
export const publisherIri = (p: CataloguedPublication): string =>
  p.publisher.organisationNumber === undefined
    ? `${p.baseUrl}catalog.rdf#publisher`
    : `http://dataportal.se/organisation/SE${p.publisher.organisationNumber.replace("-", "")}`

/** The vocabulary terms a catalogue refers to, each declared in the graph with its type as it is used. */
const termsOf = (g: Graph) => {
  const licence = (l: Licence) => {
    g.add(LICENCES[l].path, "rdf:type", named("dcterms:LicenseDocument"))
      .add(LICENCES[l].path, "rdfs:label", text(LICENCES[l].title, "en"))
      .add(LICENCES[l].path, "skos:exactMatch", ref(EU_LICENCE[l]))
    return ref(LICENCES[l].path)
  }
  const concept = (value: string, labels: { readonly sv?: string; readonly en: string }, scheme?: string) => {
    g.add(value, "rdf:type", named("skos:Concept")).add(value, "skos:prefLabel", [
      ...(labels.sv === undefined ? [] : [text(labels.sv, "sv")]),
      text(labels.en, "en"),
    ])
    if (scheme !== undefined) g.add(value, "skos:inScheme", ref(scheme))
    return ref(value)
  }
  const typedTerm = (value: string, type: Parameters<typeof named>[0], label?: string) => {
    g.add(value, "rdf:type", named(type))
    if (label !== undefined) g.add(value, "rdfs:label", text(label, "en"))
    return ref(value)
  }
  const sweden = () => typedTerm(`${EU}/country/SWE`, "dcterms:Location", "Sweden")
  return { licence, concept, typedTerm, sweden, themeScheme: `${EU}/data-theme` }
}

type Terms = ReturnType<typeof termsOf>

/** What every dataset's record refers to: the catalogue, its publisher and contact point, the release's version. */
interface CatalogueParts {
  readonly base: string
  readonly catalog: string
  readonly publisher: string
  readonly contact: string
  readonly version: string
  readonly all: ReadonlyArray<PlannedDelivery>
  readonly definitions: ReadonlyArray<DatasetDefinition>
}

export const dcatCatalog = (options: {
  readonly publication: CataloguedPublication
  readonly version: string
  readonly datasets: ReadonlyArray<DatasetFacts>
}): Graph => {
  const { publication: p, version } = options
  const base = p.baseUrl
  const g = new Graph()
  const t = termsOf(g)
  // Every IRI of a resource on the site names a file of the site (or a place in one), so it loads.
  const parts: CatalogueParts = {
    base,
    catalog: `${base}catalog.rdf`,
    publisher: publisherIri(p),
    contact: `${base}catalog.rdf#contact-point`,
    version,
    all: options.datasets.flatMap((d) => d.deliveries),
    definitions: options.datasets.map((d) => d.definition),
  }
  const { catalog, publisher, contact } = parts
  const dates = options.datasets.flatMap((d) => d.deliveries.map((x) => x.received)).sort()

  // The catalogue's own record is CC0, whatever the licences of the data it describes.
  g.add(catalog, "rdf:type", named("dcat:Catalog"))
    .add(catalog, "dcterms:title", [text(p.title.sv, "sv"), text(p.title.en, "en")])
    .add(catalog, "dcterms:description", [text(p.description.sv, "sv"), text(p.description.en, "en")])
    .add(catalog, "dcterms:publisher", ref(publisher))
    .add(catalog, "dcterms:license", t.licence("CC0-1.0"))
    .add(catalog, "dcterms:language", [
      t.typedTerm(`${EU}/language/SWE`, "dcterms:LinguisticSystem", "Swedish"),
      t.typedTerm(`${EU}/language/ENG`, "dcterms:LinguisticSystem", "English"),
    ])
    .add(catalog, "foaf:homepage", t.typedTerm(p.homepage ?? `${base}index.html`, "foaf:Document"))
    .add(catalog, "dcterms:spatial", t.sweden())
    .add(catalog, "dcat:themeTaxonomy", t.typedTerm(t.themeScheme, "skos:ConceptScheme"))
  if (dates.length > 0) {
    g.add(catalog, "dcterms:issued", typed(dates[0]!, "xsd:date")).add(
      catalog,
      "dcterms:modified",
      typed(dates.at(-1)!, "xsd:date"),
    )
  }
  g.add(t.themeScheme, "dcterms:title", text("Data theme", "en"))

  const publisherType = `http://purl.org/adms/publishertype/${p.publisher.type}`
  g.add(publisher, "rdf:type", [named("foaf:Agent"), named("foaf:Organization")])
    .add(publisher, "foaf:name", text(p.publisher.name, "sv"))
    .add(
      publisher,
      "dcterms:type",
      t.concept(
        publisherType,
        { en: p.publisher.type.replace(/(?<=[a-z])(?=[A-Z])/gu, " ") },
        "http://purl.org/adms/publishertype/1.0",
      ),
    )
  if (p.publisher.organisationNumber !== undefined)
    g.add(publisher, "dcterms:identifier", text(p.publisher.organisationNumber))
  // One type, as DIGG asks; the vCard ontology's own axiom makes it a vcard:Kind, as DCAT-AP's shapes ask.
  g.add(contact, "rdf:type", named("vcard:Organization"))
    .add(contact, "vcard:fn", text(p.contact.name))
    .add(contact, "vcard:hasEmail", ref(`mailto:${p.contact.email}`))
  g.add(iri("vcard:Organization"), "rdfs:subClassOf", named("vcard:Kind"))

  for (const d of options.datasets) addDataset(g, t, parts, d)
  return g
}

/** A dataset's record: its facts, places, period and the supporting tables it relates to, and a distribution per format. */
const addDataset = (g: Graph, t: Terms, parts: CatalogueParts, d: DatasetFacts) => {
  const { base, catalog, publisher, contact, version, all, definitions } = parts
  const def = d.definition
  const page = `${base}${datasetPageFile(def.name)}`
  const dataset = `${page}#dataset`
  // Made from the manifest, the deliveries dataset dates from all of them.
  const received = (def.fromManifest === true ? all : d.deliveries).map((x) => x.received).sort()
  const terms = datasetTerms(def, all)
  // Where no licence is granted, the rights known are stated instead, once per dataset.
  const rights = `${page}#rights`
  if (terms.licence === null)
    g.add(rights, "rdf:type", named("dcterms:RightsStatement")).add(rights, "rdfs:label", text(terms.rights!, "en"))
  const termsOfFile =
    terms.licence === null
      ? (["dcterms:rights", ref(rights)] as const)
      : (["dcterms:license", t.licence(terms.licence)] as const)
  if (def.supporting !== true) g.add(catalog, "dcat:dataset", ref(dataset))
  g.add(dataset, "rdf:type", named("dcat:Dataset"))
    // The same name-based UUID in every build, whatever the address's layout.
    .add(dataset, "dcterms:identifier", text(uuidV5(`${base}datasets/${def.name}`)))
    .add(dataset, "dcterms:title", [text(def.title.sv, "sv"), text(def.title.en, "en")])
    .add(dataset, "dcterms:description", [text(def.description.sv, "sv"), text(def.description.en, "en")])
    .add(dataset, "dcterms:publisher", ref(publisher))
    .add(dataset, "dcat:contactPoint", ref(contact))
    .add(dataset, "dcat:keyword", [
      ...def.keywords.sv.map((k) => text(k, "sv")),
      ...def.keywords.en.map((k) => text(k, "en")),
    ])
    .add(
      dataset,
      "dcat:theme",
      def.themes.map((th) => t.concept(`${t.themeScheme}/${th}`, THEMES[th], t.themeScheme)),
    )
    .add(dataset, "dcterms:spatial", t.sweden())
    .add(dataset, "dcterms:accrualPeriodicity", t.typedTerm(`${EU}/frequency/IRREG`, "dcterms:Frequency", "irregular"))
    .add(dataset, "dcterms:accessRights", t.typedTerm(`${EU}/access-right/PUBLIC`, "dcterms:RightsStatement", "public"))
    .add(
      dataset,
      "dcterms:conformsTo",
      t.typedTerm(`${base}${schemaFile(def.name)}`, "dcterms:Standard", `JSON Schema of the records of ${def.name}`),
    )
    .add(dataset, "dcat:version", text(version))
    .add(dataset, "dcat:landingPage", t.typedTerm(page, "foaf:Document"))
  if (received.length > 0)
    g.add(dataset, "dcterms:issued", typed(received[0]!, "xsd:date")).add(
      dataset,
      "dcterms:modified",
      typed(received.at(-1)!, "xsd:date"),
    )
  // A place named by a public vocabulary (NUTS) has its IRI; any other, its row on the page of its dataset.
  for (const place of d.places) {
    const location = place.iri ?? `${base}${datasetPageFile(place.dataset)}#place-${place.key}`
    g.add(dataset, "dcterms:spatial", ref(location))
    g.add(location, "rdf:type", named("dcterms:Location")).add(location, "skos:prefLabel", text(place.name, "sv"))
  }
  for (const s of supportingOf(def, definitions))
    g.add(dataset, "dcterms:relation", ref(`${base}${datasetPageFile(s.name)}#dataset`))
  if (d.temporal !== undefined) {
    const period = `${page}#temporal`
    g.add(dataset, "dcterms:temporal", ref(period))
    g.add(period, "rdf:type", named("dcterms:PeriodOfTime"))
      .add(period, "dcat:startDate", typed(d.temporal.start, "xsd:date"))
      .add(period, "dcat:endDate", typed(d.temporal.end, "xsd:date"))
  }
  for (const format of ["csv", "json", "parquet"] as const)
    addDistribution(g, t, { base, page, dataset, def, file: d.files[format], format, termsOfFile })
}

/** One file of a dataset as a distribution: its address, format, size, checksum and terms. */
const addDistribution = (
  g: Graph,
  t: Terms,
  o: {
    readonly base: string
    readonly page: string
    readonly dataset: string
    readonly def: DatasetDefinition
    readonly file: { readonly bytes: number; readonly sha1: string }
    readonly format: "csv" | "json" | "parquet"
    readonly termsOfFile: readonly [Parameters<Graph["add"]>[1], Parameters<Graph["add"]>[2]]
  },
) => {
  const { base, page, dataset, def, format, termsOfFile } = o
  const f = FORMATS[format]
  const about = FILE_TEXT[format]
  const distribution = `${page}#${format}`
  const checksum = `${page}#${format}-sha1`
  const file = `${base}${dataFile(def.name, format)}`
  const standard =
    format === "json"
      ? { iri: `${base}${schemaFile(def.name)}`, label: `JSON Schema of the records of ${def.name}` }
      : about.standard
  g.add(dataset, "dcat:distribution", ref(distribution))
  g.add(distribution, "rdf:type", named("dcat:Distribution"))
    .add(distribution, "dcterms:title", [
      text(`${def.title.sv} (${f.label})`, "sv"),
      text(`${def.title.en} (${f.label})`, "en"),
    ])
    .add(distribution, "dcterms:description", [text(about.sv, "sv"), text(about.en, "en")])
    .add(distribution, "dcat:accessURL", ref(file))
    .add(distribution, "dcat:downloadURL", ref(file))
    .add(distribution, "dcterms:format", t.typedTerm(f.fileType, "dcterms:MediaTypeOrExtent", f.label))
    .add(distribution, "dcat:mediaType", t.typedTerm(f.mediaType, "dcterms:MediaType"))
    .add(distribution, "dcat:byteSize", typed(String(o.file.bytes), "xsd:nonNegativeInteger"))
    .add(distribution, "spdx:checksum", ref(checksum))
    .add(distribution, termsOfFile[0], termsOfFile[1])
    .add(
      distribution,
      "dcatap:availability",
      t.concept(`${EU}/planned-availability/STABLE`, { en: "stable" }, `${EU}/planned-availability`),
    )
  if (standard !== undefined)
    g.add(distribution, "dcterms:conformsTo", t.typedTerm(standard.iri, "dcterms:Standard", standard.label))
  g.add(checksum, "rdf:type", named("spdx:Checksum"))
    .add(checksum, "spdx:algorithm", t.typedTerm(iri("spdx:checksumAlgorithm_sha1"), "spdx:ChecksumAlgorithm"))
    .add(checksum, "spdx:checksumValue", typed(o.file.sha1, "xsd:hexBinary"))
}
