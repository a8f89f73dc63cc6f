/**
 * The release's Frictionless Data Package (v2) descriptor: a resource per published file, the
 * datasets' files as tables with their Table Schema, with sizes, hashes, licences and sources.
 * Pure: the definitions, the files' sizes and hashes and the deliveries in; the descriptor out.
 */
import { dataFile } from "../contract/release-layout.ts"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { tableSchemaOf } from "../../schemas/derive/table-schema.ts"
import { CORRECTION_COLUMNS } from "../normalize/correction.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import { datasetTerms, LICENCES, releaseLicence, type Terms } from "./licences.ts"
import { publisherName, type Publication } from "./publication.ts"
import { creatorsOf } from "./citation.ts"
import { isPublished, type DeclaredDelivery } from "../manifest/declared-delivery.ts"

export const DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

export interface FileFacts {
  readonly bytes: number
  readonly sha256: string
}

export interface SourceFacts {
  readonly title: string
  readonly path?: string
}

const MEDIA: Record<string, { format: string; mediatype: string }> = {
  csv: { format: "csv", mediatype: "text/csv" },
  json: { format: "json", mediatype: "application/json" },
  parquet: { format: "parquet", mediatype: "application/vnd.apache.parquet" },
  md: { format: "md", mediatype: "text/markdown" },
  cff: { format: "cff", mediatype: "application/yaml" },
}

/** A resource's name from its path: `data/projects.csv` → `projects-csv`. */
export const resourceName = (path: string): string =>
  path
    .replace(/^(data|schemas)\//u, "")
    .replace(/\.schema\.json$/u, "-schema")
    .replace(/\.md$/u, "-codebook")
    .replace(/\.([a-z]+)$/u, "-$1")
    .toLowerCase()
    .replace(/[^a-z0-9._-]/gu, "-")

const CORRECTIONS_SCHEMA = {
  fields: CORRECTION_COLUMNS.map((name) => ({
    name,
    type: name === "line" || name === "column" ? "integer" : "string",
  })),
  missingValues: [{ value: "", label: "not applicable" }],
}

/** The deliveries behind a dataset, as Data Package sources. */
export const sourcesOf = (
  deliveries: ReadonlyArray<PlannedDelivery>,
  origin: (d: PlannedDelivery) => string | undefined,
): SourceFacts[] =>
  deliveries.map((d) => {
    const documents = d.documents ?? []
    const path = origin(d) ?? documents.find((x) => x.url !== undefined)?.url
    const how =
      d.kind === "snapshot"
        ? `snapshot filed ${d.received}`
        : d.kind === "transcribed"
          ? `transcribed by the maintainers on ${d.received} from ${documents.map((x) => x.title).join("; ")}`
          : `delivered on ${d.received}`
    const dates = `data as of ${d.asOf ?? "a day not known"}; retrieved ${d.retrieved ?? "on a day not known"}`
    const terms = d.licence ?? `no licence: ${d.rights ?? "no terms known"}`
    return { title: `${d.publisher}: ${d.file} (${how}; ${dates}; ${terms})`, ...(path === undefined ? {} : { path }) }
  })

/** The release's terms as a whole: a licence all its datasets share, or a pointer to theirs. */
const releaseTerms = (terms: ReadonlyArray<Terms>): Terms => {
  const licence = releaseLicence(terms)
  return licence !== null
    ? { licence, rights: null }
    : {
        licence: null,
        rights:
          "no one licence for the whole release: its datasets' licences differ, or some of their sources grant none; each resource states its own licence, or its rights where there is none",
      }
}

export const dataPackage = (options: {
  readonly publication: Publication
  readonly version: string
  readonly datasets: ReadonlyArray<DatasetDefinition>
  /** Every file of the release but datapackage.json and SHA256SUMS. */
  readonly files: ReadonlyMap<string, FileFacts>
  readonly deliveries: ReadonlyArray<PlannedDelivery>
  /** Every declared delivery, current or not. */
  readonly history: ReadonlyArray<DeclaredDelivery>
  readonly origin: (d: PlannedDelivery) => string | undefined
}): Record<string, unknown> => {
  const { publication: p, datasets, files, deliveries } = options
  const link = (path: string) => (p.baseUrl === undefined ? path : `${p.baseUrl}${path}`)
  // A licence is stated only where every part grants it; otherwise the statement of rights.
  const termsOf = (t: Terms) => (t.licence === null ? { "x-rights": t.rights } : { licenses: [LICENCES[t.licence]] })
  const terms = new Map(datasets.map((d) => [d.name, datasetTerms(d, deliveries)]))
  // A provenance dataset comes from its dataset's deliveries.
  const byDataset = new Map(
    datasets.map((d) => [d.name, deliveries.filter((x) => x.dataset === (d.provenanceOf ?? d.name))]),
  )
  const facts = (path: string) => {
    const f = files.get(path)
    if (f === undefined) throw new Error(`the release has no ${path}`)
    return { bytes: f.bytes, hash: `sha256:${f.sha256}` }
  }
  const resources: Record<string, unknown>[] = []
  const described = new Set<string>()
  for (const d of datasets) {
    const feeding = byDataset.get(d.name) ?? []
    const schema = tableSchemaOf(d)
    for (const format of ["csv", "json", "parquet"] as const) {
      const path = dataFile(d.name, format)
      described.add(path)
      resources.push({
        name: resourceName(path),
        type: "table",
        path: link(path),
        title: d.title.en,
        description: d.description.en,
        ...MEDIA[format],
        ...(format === "parquet" ? {} : { encoding: "utf-8" }),
        ...(format === "csv"
          ? { dialect: { delimiter: ",", lineTerminator: "\n", quoteChar: '"', doubleQuote: true, header: true } }
          : {}),
        ...facts(path),
        schema,
        ...termsOf(terms.get(d.name)!),
        sources: sourcesOf(feeding, options.origin),
      })
    }
  }
  for (const format of ["csv", "json"] as const) {
    const path = `corrections.${format}`
    described.add(path)
    resources.push({
      name: resourceName(path),
      type: "table",
      path: link(path),
      title: "Corrections",
      description: "Every change made to a source value: where, from what, to what, why.",
      ...MEDIA[format],
      encoding: "utf-8",
      ...facts(path),
      schema: CORRECTIONS_SCHEMA,
    })
  }
  for (const path of [...files.keys()].filter((f) => !described.has(f)).sort()) {
    const extension = path.slice(path.lastIndexOf(".") + 1)
    resources.push({
      name: resourceName(path),
      path: link(path),
      ...(MEDIA[extension] ?? { format: extension }),
      ...(path.endsWith(".schema.json") ? { mediatype: "application/schema+json" } : {}),
      ...facts(path),
    })
  }
  const creators = creatorsOf(options.history.filter(isPublished))
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: p.name,
    title: p.title.en,
    description: p.description.en,
    "x-title-sv": p.title.sv,
    "x-description-sv": p.description.sv,
    version: options.version,
    ...(p.homepage === undefined ? {} : { homepage: p.homepage }),
    keywords: [...p.keywords],
    ...termsOf(releaseTerms([...terms.values()])),
    contributors: [
      // The configured publisher, or the maintainers; they compile the release and write its summaries and translations.
      { title: publisherName(p), roles: ["publisher", "compiler"] },
      ...(p.contact === undefined
        ? []
        : [
            {
              title: p.contact.name,
              roles: ["contact"],
              ...(p.contact.email === undefined ? {} : { email: p.contact.email }),
            },
          ]),
      ...creators.map((title) => ({ title, roles: ["creator"] })),
    ],
    sources: sourcesOf(deliveries, options.origin),
    resources,
  }
}
