/**
 * The DCAT-AP-SE catalogue of a release: the catalogue, a dataset per published dataset and a
 * distribution per file format, with publisher, contact point, licence, themes, spatial and
 * temporal coverage, sizes and checksums. Every resource has an IRI under the configured base
 * URL, and every vocabulary term it refers to is declared with its type, so the catalogue
 * validates on its own. Pure: the facts in, the graph out.
 */
import { createHash } from "node:crypto"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { PlannedDelivery } from "../sources/source.ts"
import { combinedLicence, datasetLicence, type Licence, LICENCES } from "./licences.ts"
import type { CataloguedPublication } from "./publication.ts"
import { Graph, iri, named, ref, text, typed } from "./rdf.ts"

const EU = "http://publications.europa.eu/resource/authority"
const EU_LICENCE: Record<Licence, string> = { "CC0-1.0": `${EU}/licence/CC0`, "CC-BY-4.0": `${EU}/licence/CC_BY_4_0` }
const FORMATS = {
  csv: { fileType: `${EU}/file-type/CSV`, mediaType: "https://www.iana.org/assignments/media-types/text/csv", label: "CSV" },
  json: { fileType: `${EU}/file-type/JSON`, mediaType: "https://www.iana.org/assignments/media-types/application/json", label: "JSON" },
  parquet: { fileType: `${EU}/file-type/PARQUET`, mediaType: "https://www.iana.org/assignments/media-types/application/vnd.apache.parquet", label: "Parquet" },
} as const

/** RFC 4122 version 5 (SHA-1, name-based) UUID: the same name gives the same identifier, build after build. */
export const uuidV5 = (name: string, namespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"): string => {
  const hash = createHash("sha1").update(Buffer.from(namespace.replaceAll("-", ""), "hex")).update(name, "utf8").digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString("hex")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export interface DatasetFacts {
  readonly definition: DatasetDefinition
  readonly deliveries: ReadonlyArray<PlannedDelivery>
  /** The first and last day the data covers, where it has dates or years. */
  readonly temporal: { readonly start: string; readonly end: string } | undefined
  /** Municipalities the rows are about: code and name. */
  readonly municipalities: ReadonlyArray<{ readonly code: string; readonly name: string }>
  readonly files: Readonly<Record<"csv" | "json" | "parquet", { readonly bytes: number; readonly sha1: string }>>
}

export const dcatCatalog = (options: {
  readonly publication: CataloguedPublication
  readonly version: string
  readonly datasets: ReadonlyArray<DatasetFacts>
}): Graph => {
  const { publication: p, version } = options
  const base = p.baseUrl
  const g = new Graph()
  const catalog = `${base}catalog`
  const publisher = `${base}catalog#publisher`
  const contact = `${base}catalog#contact-point`
  const dates = options.datasets.flatMap((d) => d.deliveries.map((x) => x.received)).sort()
  const all = options.datasets.flatMap((d) => d.deliveries)

  const licence = (l: Licence) => {
    g.add(LICENCES[l].path, "rdf:type", named("dcterms:LicenseDocument"))
      .add(LICENCES[l].path, "rdfs:label", text(LICENCES[l].title, "en"))
      .add(LICENCES[l].path, "skos:exactMatch", ref(EU_LICENCE[l]))
    return ref(LICENCES[l].path)
  }
  const concept = (value: string, label: string, scheme?: string) => {
    g.add(value, "rdf:type", named("skos:Concept")).add(value, "skos:prefLabel", text(label, "en"))
    if (scheme !== undefined) g.add(value, "skos:inScheme", ref(scheme))
    return ref(value)
  }
  const typedTerm = (value: string, type: Parameters<typeof named>[0], label?: string) => {
    g.add(value, "rdf:type", named(type))
    if (label !== undefined) g.add(value, "rdfs:label", text(label, "en"))
    return ref(value)
  }
  const sweden = () => typedTerm(`${EU}/country/SWE`, "dcterms:Location", "Sweden")
  const themeScheme = `${EU}/data-theme`

  g.add(catalog, "rdf:type", named("dcat:Catalog"))
    .add(catalog, "dcterms:title", [text(p.title.sv, "sv"), text(p.title.en, "en")])
    .add(catalog, "dcterms:description", [text(p.description.sv, "sv"), text(p.description.en, "en")])
    .add(catalog, "dcterms:publisher", ref(publisher))
    .add(catalog, "dcterms:license", licence(combinedLicence(all.map((d) => d.licence))))
    .add(catalog, "dcterms:language", [typedTerm(`${EU}/language/SWE`, "dcterms:LinguisticSystem", "Swedish"), typedTerm(`${EU}/language/ENG`, "dcterms:LinguisticSystem", "English")])
    .add(catalog, "foaf:homepage", typedTerm(p.homepage ?? base, "foaf:Document"))
    .add(catalog, "dcterms:spatial", sweden())
    .add(catalog, "dcat:themeTaxonomy", typedTerm(themeScheme, "skos:ConceptScheme"))
  if (dates.length > 0) {
    g.add(catalog, "dcterms:issued", typed(dates[0]!, "xsd:date")).add(catalog, "dcterms:modified", typed(dates.at(-1)!, "xsd:date"))
  }
  g.add(themeScheme, "dcterms:title", text("Data theme", "en"))

  g.add(publisher, "rdf:type", [named("foaf:Agent"), named("foaf:Organization")])
    .add(publisher, "foaf:name", text(p.publisher.name, "sv"))
    .add(publisher, "dcterms:type", concept("http://purl.org/adms/publishertype/LocalAuthority", "Local Authority", "http://purl.org/adms/publishertype/1.0"))
  if (p.publisher.organisationNumber !== undefined) g.add(publisher, "dcterms:identifier", text(p.publisher.organisationNumber))
  g.add(contact, "rdf:type", [named("vcard:Kind"), named("vcard:Organization")]).add(contact, "vcard:fn", text(p.contact.name))
  if (p.contact.email !== undefined) g.add(contact, "vcard:hasEmail", ref(`mailto:${p.contact.email}`))

  for (const d of options.datasets) {
    const def = d.definition
    const dataset = `${base}datasets/${def.name}`
    const received = d.deliveries.map((x) => x.received).sort()
    const licenceOfDataset = datasetLicence(def, all)
    g.add(catalog, "dcat:dataset", ref(dataset))
    g.add(dataset, "rdf:type", named("dcat:Dataset"))
      .add(dataset, "dcterms:identifier", text(uuidV5(dataset)))
      .add(dataset, "dcterms:title", [text(def.title.sv, "sv"), text(def.title.en, "en")])
      .add(dataset, "dcterms:description", [text(def.description.sv, "sv"), text(def.description.en, "en")])
      .add(dataset, "dcterms:publisher", ref(publisher))
      .add(dataset, "dcat:contactPoint", ref(contact))
      .add(dataset, "dcat:keyword", def.keywords.map((k) => text(k)))
      .add(dataset, "dcat:theme", def.themes.map((t) => concept(`${themeScheme}/${t}`, t, themeScheme)))
      .add(dataset, "dcterms:spatial", sweden())
      .add(dataset, "dcterms:accrualPeriodicity", typedTerm(`${EU}/frequency/IRREG`, "dcterms:Frequency", "irregular"))
      .add(dataset, "dcterms:accessRights", typedTerm(`${EU}/access-right/PUBLIC`, "dcterms:RightsStatement", "public"))
      .add(dataset, "dcterms:conformsTo", typedTerm(`${base}schemas/${def.name}.schema.json`, "dcterms:Standard", `JSON Schema of ${def.name}.json`))
      .add(dataset, "dcat:version", text(version))
      .add(dataset, "dcat:landingPage", typedTerm(`${base}data/${def.name}.md`, "foaf:Document"))
    if (received.length > 0) g.add(dataset, "dcterms:issued", typed(received[0]!, "xsd:date")).add(dataset, "dcterms:modified", typed(received.at(-1)!, "xsd:date"))
    for (const m of d.municipalities) {
      const place = `${base}municipalities/${m.code}`
      g.add(dataset, "dcterms:spatial", ref(place))
      g.add(place, "rdf:type", named("dcterms:Location")).add(place, "skos:prefLabel", text(m.name, "sv")).add(place, "dcterms:identifier", text(m.code))
    }
    if (d.temporal !== undefined) {
      const period = `${dataset}#temporal`
      g.add(dataset, "dcterms:temporal", ref(period))
      g.add(period, "rdf:type", named("dcterms:PeriodOfTime")).add(period, "dcat:startDate", typed(d.temporal.start, "xsd:date")).add(period, "dcat:endDate", typed(d.temporal.end, "xsd:date"))
    }
    for (const format of ["csv", "json", "parquet"] as const) {
      const f = FORMATS[format]
      const distribution = `${dataset}/${format}`
      const checksum = `${distribution}#sha1`
      const file = `${base}data/${def.name}.${format}`
      g.add(dataset, "dcat:distribution", ref(distribution))
      g.add(distribution, "rdf:type", named("dcat:Distribution"))
        .add(distribution, "dcterms:title", [text(`${def.title.sv} (${f.label})`, "sv"), text(`${def.title.en} (${f.label})`, "en")])
        .add(distribution, "dcat:accessURL", ref(file))
        .add(distribution, "dcat:downloadURL", ref(file))
        .add(distribution, "dcterms:format", typedTerm(f.fileType, "dcterms:MediaTypeOrExtent", f.label))
        .add(distribution, "dcat:mediaType", typedTerm(f.mediaType, "dcterms:MediaType"))
        .add(distribution, "dcat:byteSize", typed(String(d.files[format].bytes), "xsd:nonNegativeInteger"))
        .add(distribution, "spdx:checksum", ref(checksum))
        .add(distribution, "dcterms:license", licence(licenceOfDataset))
        .add(distribution, "dcterms:conformsTo", ref(`${base}schemas/${def.name}.schema.json`))
      g.add(checksum, "rdf:type", named("spdx:Checksum"))
        .add(checksum, "spdx:algorithm", typedTerm(iri("spdx:checksumAlgorithm_sha1"), "spdx:ChecksumAlgorithm"))
        .add(checksum, "spdx:checksumValue", typed(d.files[format].sha1, "xsd:hexBinary"))
    }
  }
  return g
}
