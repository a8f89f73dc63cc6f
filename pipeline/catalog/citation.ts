/**
 * How to cite the release and its datasets: the bodies whose data it holds first, then who
 * compiled and published it, the version, its date and address; and `CITATION.cff` (Citation
 * File Format 1.2.0), which names the compilers and references every source. Pure.
 */
import { dataFile } from "../contract/release-layout.ts"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { DeclaredDelivery } from "../manifest/declared-delivery.ts"
import type { Licence } from "./licences.ts"
import { publisherName, type Publication } from "./publication.ts"

/** The bodies whose data the deliveries hold: each one's publisher, split where it names several. */
export const creatorsOf = (deliveries: ReadonlyArray<{ readonly publisher: string }>): string[] =>
  [...new Set(deliveries.flatMap((d) => d.publisher.split("; ").map((x) => x.trim())))].sort((a, b) =>
    a.localeCompare(b, "sv"),
  )

/** A citation in one line: "SCB; Tillväxtverket. Title: Dataset. Compiled by …. Version 1.2.0, 2026-11-29. address" */
export const citationOf = (options: {
  readonly publication: Publication
  readonly version: string
  /** The release's date: the latest day a current delivery was received. */
  readonly date: string
  /** Whose data it is; for the maintainers' own record (the deliveries), nobody else's. */
  readonly creators: ReadonlyArray<string>
  readonly dataset?: DatasetDefinition
}): string => {
  const { publication: p, dataset: d } = options
  const compiler = publisherName(p)
  const creators = options.creators.length === 0 ? [compiler] : options.creators
  const address = p.baseUrl === undefined ? "" : ` ${p.baseUrl}${d === undefined ? "" : dataFile(d.name, "md")}`
  return `${creators.join("; ")}. ${p.title.en}${d === undefined ? "" : `: ${d.title.en}`}. Compiled and published by ${compiler}. Version ${options.version}, ${options.date}.${address}`
}

const q = (s: string) => JSON.stringify(s)

/** What a current delivery came from, as a reference: a source, the documents transcribed, or its publisher's file. */
const referencesOf = (deliveries: ReadonlyArray<DeclaredDelivery>) => {
  const refs = new Map<
    string,
    {
      readonly type: string
      readonly title: string
      readonly authors: ReadonlyArray<string>
      readonly url: string | undefined
    }
  >()
  for (const d of deliveries) {
    const authors = creatorsOf([d])
    if (d.kind === "snapshot")
      refs.set(d.source!, { type: "data", title: d.sourceTitle ?? d.source!, authors, url: d.origin })
    else if (d.kind === "transcribed")
      for (const doc of d.documents)
        refs.set(doc.title, { type: "generic", title: doc.title, authors: [doc.publisher], url: doc.url })
    else
      refs.set(d.file, {
        type: "data",
        title: `${d.publisher}: ${d.file}, received ${d.received}`,
        authors,
        url: undefined,
      })
  }
  return [...refs.values()].sort((a, b) => a.title.localeCompare(b.title, "en"))
}

export const citationFile = (
  p: Publication,
  version: string,
  date: string,
  /** The licence all the release's data shares, or null: then the release as a whole claims none. */
  licence: Licence | null,
  current: ReadonlyArray<DeclaredDelivery>,
): string =>
  [
    "cff-version: 1.2.0",
    `message: ${q("If you use these data, please cite them as below, and credit the sources listed under references.")}`,
    "type: dataset",
    `title: ${q(p.title.en)}`,
    `abstract: ${q(p.description.en)}`,
    `version: ${q(version)}`,
    `date-released: ${q(date)}`,
    "authors:",
    `  - name: ${q(publisherName(p))}`,
    ...(licence === null ? [] : [`license: ${licence}`]),
    ...(p.baseUrl === undefined ? [] : [`url: ${q(p.baseUrl)}`]),
    "keywords:",
    ...p.keywords.map((k) => `  - ${q(k)}`),
    "references:",
    ...referencesOf(current).flatMap((r) => [
      `  - type: ${r.type}`,
      `    title: ${q(r.title)}`,
      "    authors:",
      ...r.authors.map((a) => `      - name: ${q(a)}`),
      ...(r.url === undefined ? [] : [`    url: ${q(r.url)}`]),
    ]),
    "",
  ].join("\n")
