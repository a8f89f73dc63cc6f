/**
 * The DCAT-AP-SE catalogue of a release: the catalogue, a dataset per published dataset and a
 * distribution per file format, with publisher, contact point, licences, themes, spatial and
 * temporal coverage, sizes and checksums: every mandatory property of DCAT-AP-SE 3.0.1 and the
 * recommended ones the release can state truthfully. Every resource on the site has an IRI
 * that names a file of the site (the catalogue is catalog.rdf, a dataset a place in its page),
 * and every vocabulary term it refers to is declared with its type, so the catalogue validates
 * on its own. Pure: the facts in, the graph out.
 */
import { createHash } from "node:crypto"
import type { DatasetDefinition, DataTheme } from "../../schemas/dataset.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import { datasetTerms, type Licence, LICENCES } from "./licences.ts"
import type { CataloguedPublication } from "./publication.ts"
import { provenanceStatement } from "./provenance-statement.ts"
import { Graph, iri, named, ref, text, typed } from "./rdf.ts"

const EU = "http://publications.europa.eu/resource/authority"
const EU_LICENCE: Record<Licence, string> = { "CC0-1.0": `${EU}/licence/CC0`, "CC-BY-4.0": `${EU}/licence/CC_BY_4_0` }
const FORMATS = {
  csv: {
    fileType: `${EU}/file-type/CSV`,
    mediaType: "https://www.iana.org/assignments/media-types/text/csv",
    label: "CSV",
  },
  json: {
    fileType: `${EU}/file-type/JSON`,
    mediaType: "https://www.iana.org/assignments/media-types/application/json",
    label: "JSON",
  },
  parquet: {
    fileType: `${EU}/file-type/PARQUET`,
    mediaType: "https://www.iana.org/assignments/media-types/application/vnd.apache.parquet",
    label: "Parquet",
  },
} as const

/** RFC 4122 version 5 (SHA-1, name-based) UUID: the same name gives the same identifier, build after build. */
export const uuidV5 = (name: string, namespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"): string => {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString("hex")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export interface DatasetFacts {
  readonly definition: DatasetDefinition
  readonly deliveries: ReadonlyArray<PlannedDelivery>
  /** The first and last day the data covers: its dates or years, or the periods of its projects. */
  readonly temporal: { readonly start: string; readonly end: string } | undefined
  /** The NUTS 3 regions (counties) of the municipalities its rows are about. */
  readonly regions: ReadonlyArray<string>
  readonly files: Readonly<Record<"csv" | "json" | "parquet", { readonly bytes: number; readonly sha1: string }>>
  /**
   * The dataset that says where each row comes from (schemas/provenance.ts): not a dataset of
   * the catalogue, but the dataset's provenance statement, which names it.
   */
  readonly provenance?: string
}

/** The EU data themes the definitions use, with their labels in the EU vocabulary. */
const THEMES: Record<DataTheme, { readonly sv: string; readonly en: string }> = {
  AGRI: { sv: "Jordbruk, fiske, skogsbruk och livsmedel", en: "Agriculture, fisheries, forestry and food" },
  ECON: { sv: "Ekonomi och finans", en: "Economy and finance" },
  EDUC: { sv: "Utbildning, kultur och sport", en: "Education, culture and sport" },
  ENER: { sv: "Energi", en: "Energy" },
  ENVI: { sv: "Miljö", en: "Environment" },
  GOVE: { sv: "Regeringen och den offentliga sektorn", en: "Government and public sector" },
  HEAL: { sv: "Hälsa", en: "Health" },
  INTR: { sv: "Internationella frågor", en: "International issues" },
  JUST: { sv: "Rättvisa, rättssystem och allmän säkerhet", en: "Justice, legal system and public safety" },
  REGI: { sv: "Regioner och städer", en: "Regions and cities" },
  SOCI: { sv: "Befolkning och samhälle", en: "Population and society" },
  TECH: { sv: "Vetenskap och teknik", en: "Science and technology" },
  TRAN: { sv: "Transport", en: "Transport" },
}

/** What each format's file is, for the distribution's description and its standard. */
const FILE_TEXT: Record<
  keyof typeof FORMATS,
  { readonly sv: string; readonly en: string; readonly standard?: { readonly iri: string; readonly label: string } }
> = {
  csv: {
    sv: "CSV-fil: UTF-8, komma, en rubrikrad, tomt fält för ett saknat värde; samma rader som JSON- och Parquet-filen, i nyckelordning.",
    en: "CSV file: UTF-8, comma, a header row, an empty field for a missing value; the same rows as the JSON and Parquet files, in key order.",
    standard: {
      iri: "https://www.rfc-editor.org/rfc/rfc4180",
      label: "RFC 4180: Common Format and MIME Type for Comma-Separated Values (CSV) Files",
    },
  },
  json: {
    sv: "JSON-fil: en lista av platta poster med datamängdens fältnamn, null för ett saknat värde; samma rader som CSV- och Parquet-filen.",
    en: "JSON file: an array of flat records with the dataset's field names, null for a missing value; the same rows as the CSV and Parquet files.",
  },
  parquet: {
    sv: "Parquet-fil (zstd) med typade kolumner; samma rader som CSV- och JSON-filen, i nyckelordning.",
    en: "Parquet file (zstd) with typed columns; the same rows as the CSV and JSON files, in key order.",
    standard: { iri: "https://parquet.apache.org/docs/file-format/", label: "Apache Parquet file format" },
  },
}

/**
 * The publisher's IRI: the one dataportal.se matches organisations by, when the organisation
 * number is known; otherwise a fragment of the catalogue's own file.
 */
export const publisherIri = (p: CataloguedPublication): string =>
  p.publisher.organisationNumber === undefined
    ? `${p.baseUrl}catalog.rdf#publisher`
    : `http://dataportal.se/organisation/SE${p.publisher.organisationNumber.replace("-", "")}`

export const dcatCatalog = (options: {
  readonly publication: CataloguedPublication
  readonly version: string
  readonly datasets: ReadonlyArray<DatasetFacts>
}): Graph => {
  const { publication: p, version } = options
  const base = p.baseUrl
  const g = new Graph()
  // Every IRI of a resource on the site names a file of the site (or a place in one), so it loads.
  const catalog = `${base}catalog.rdf`
  const publisher = publisherIri(p)
  const contact = `${base}catalog.rdf#contact-point`
  const dates = options.datasets.flatMap((d) => d.deliveries.map((x) => x.received)).sort()
  const all = options.datasets.flatMap((d) => d.deliveries)

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
  const themeScheme = `${EU}/data-theme`

  // The catalogue's own record is CC0, whatever the licences of the data it describes.
  g.add(catalog, "rdf:type", named("dcat:Catalog"))
    .add(catalog, "dcterms:title", [text(p.title.sv, "sv"), text(p.title.en, "en")])
    .add(catalog, "dcterms:description", [text(p.description.sv, "sv"), text(p.description.en, "en")])
    .add(catalog, "dcterms:publisher", ref(publisher))
    .add(catalog, "dcterms:license", licence("CC0-1.0"))
    .add(catalog, "dcterms:language", [
      typedTerm(`${EU}/language/SWE`, "dcterms:LinguisticSystem", "Swedish"),
      typedTerm(`${EU}/language/ENG`, "dcterms:LinguisticSystem", "English"),
    ])
    .add(catalog, "foaf:homepage", typedTerm(p.homepage ?? `${base}index.html`, "foaf:Document"))
    .add(catalog, "dcterms:spatial", sweden())
    .add(catalog, "dcat:themeTaxonomy", typedTerm(themeScheme, "skos:ConceptScheme"))
  if (dates.length > 0) {
    g.add(catalog, "dcterms:issued", typed(dates[0]!, "xsd:date")).add(
      catalog,
      "dcterms:modified",
      typed(dates.at(-1)!, "xsd:date"),
    )
  }
  g.add(themeScheme, "dcterms:title", text("Data theme", "en"))

  const publisherType = `http://purl.org/adms/publishertype/${p.publisher.type}`
  g.add(publisher, "rdf:type", [named("foaf:Agent"), named("foaf:Organization")])
    .add(publisher, "foaf:name", text(p.publisher.name, "sv"))
    .add(
      publisher,
      "dcterms:type",
      concept(
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

  for (const d of options.datasets) {
    const def = d.definition
    const page = `${base}datasets/${def.name}.html`
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
        : (["dcterms:license", licence(terms.licence)] as const)
    g.add(catalog, "dcat:dataset", ref(dataset))
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
        def.themes.map((t) => concept(`${themeScheme}/${t}`, THEMES[t], themeScheme)),
      )
      .add(dataset, "dcterms:spatial", sweden())
      .add(dataset, "dcterms:accrualPeriodicity", typedTerm(`${EU}/frequency/IRREG`, "dcterms:Frequency", "irregular"))
      .add(dataset, "dcterms:accessRights", typedTerm(`${EU}/access-right/PUBLIC`, "dcterms:RightsStatement", "public"))
      .add(
        dataset,
        "dcterms:conformsTo",
        typedTerm(
          `${base}schemas/${def.name}.schema.json`,
          "dcterms:Standard",
          `JSON Schema of the records of ${def.name}`,
        ),
      )
      .add(dataset, "dcat:version", text(version))
      .add(dataset, "dcat:landingPage", typedTerm(page, "foaf:Document"))
    if (received.length > 0)
      g.add(dataset, "dcterms:issued", typed(received[0]!, "xsd:date")).add(
        dataset,
        "dcterms:modified",
        typed(received.at(-1)!, "xsd:date"),
      )
    for (const region of d.regions)
      g.add(
        dataset,
        "dcterms:spatial",
        typedTerm(`http://data.europa.eu/nuts/code/${region}`, "dcterms:Location", `NUTS 3 region ${region}`),
      )
    if (d.provenance !== undefined) provenanceStatement(g, dataset, `${page}#provenance`, `${base}data/${d.provenance}`)
    if (d.temporal !== undefined) {
      const period = `${page}#temporal`
      g.add(dataset, "dcterms:temporal", ref(period))
      g.add(period, "rdf:type", named("dcterms:PeriodOfTime"))
        .add(period, "dcat:startDate", typed(d.temporal.start, "xsd:date"))
        .add(period, "dcat:endDate", typed(d.temporal.end, "xsd:date"))
    }
    for (const format of ["csv", "json", "parquet"] as const) {
      const f = FORMATS[format]
      const about = FILE_TEXT[format]
      const distribution = `${page}#${format}`
      const checksum = `${page}#${format}-sha1`
      const file = `${base}data/${def.name}.${format}`
      const standard =
        format === "json"
          ? { iri: `${base}schemas/${def.name}.schema.json`, label: `JSON Schema of the records of ${def.name}` }
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
        .add(distribution, "dcterms:format", typedTerm(f.fileType, "dcterms:MediaTypeOrExtent", f.label))
        .add(distribution, "dcat:mediaType", typedTerm(f.mediaType, "dcterms:MediaType"))
        .add(distribution, "dcat:byteSize", typed(String(d.files[format].bytes), "xsd:nonNegativeInteger"))
        .add(distribution, "spdx:checksum", ref(checksum))
        .add(distribution, termsOfFile[0], termsOfFile[1])
        .add(
          distribution,
          "dcatap:availability",
          concept(`${EU}/planned-availability/STABLE`, { en: "stable" }, `${EU}/planned-availability`),
        )
      if (standard !== undefined)
        g.add(distribution, "dcterms:conformsTo", typedTerm(standard.iri, "dcterms:Standard", standard.label))
      g.add(checksum, "rdf:type", named("spdx:Checksum"))
        .add(checksum, "spdx:algorithm", typedTerm(iri("spdx:checksumAlgorithm_sha1"), "spdx:ChecksumAlgorithm"))
        .add(checksum, "spdx:checksumValue", typed(d.files[format].sha1, "xsd:hexBinary"))
    }
  }
  return g
}
