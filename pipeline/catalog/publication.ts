/**
 * The publication's own facts, from `publication.json`: its name, titles, publisher, contact
 * and, once known, its address. Nothing here is invented: a fact not configured is left out
 * of the metadata, and the build says which.
 */
import { readFile } from "node:fs/promises"
import { Schema } from "effect"
import { dataFile, type DataFormat } from "../contract/release-layout.ts"
import type { Problem } from "../problems/problem.ts"
import { decodeDocument, decoderOf } from "../problems/schema-issues.ts"

const Bilingual = Schema.Struct({
  sv: Schema.String.check(Schema.isMinLength(1)),
  en: Schema.String.check(Schema.isMinLength(1)),
})

const Version = Schema.String.check(
  Schema.isPattern(/^[0-9]+\.[0-9]+\.[0-9]+$/u, { expected: "a version such as 1.2.0" }),
)

export const Erratum = Schema.Struct({
  /** The version whose changelog entry states what was withdrawn. */
  version: Version,
  /** The version that withdrew it. */
  withdrawnIn: Version,
  /** The words of the entry that it withdraws: the entry is marked only where they stand. */
  states: Schema.String.check(Schema.isMinLength(1)),
  /** What was withdrawn and why, in one line. */
  note: Schema.String.check(Schema.isMinLength(1), Schema.isPattern(/^[^\n\r]*$/u, { expected: "one line" })),
})
export type Erratum = typeof Erratum.Type

/** The ADMS publisher types (http://purl.org/adms/publishertype/…). */
export const PUBLISHER_TYPES = [
  "Academia-ScientificOrganisation",
  "Company",
  "IndustryConsortium",
  "LocalAuthority",
  "NationalAuthority",
  "NonGovernmentalOrganisation",
  "NonProfitOrganisation",
  "PrivateIndividual(s)",
  "RegionalAuthority",
  "StandardisationBody",
  "SupraNationalAuthority",
] as const

export const Publication = Schema.Struct({
  /** The data package's name: lower case, digits, "-", "_", ".". */
  name: Schema.String.check(
    Schema.isPattern(/^[a-z0-9._-]+$/u, { expected: "lower-case letters, digits, '-', '_' or '.'" }),
  ),
  title: Bilingual,
  description: Bilingual,
  /**
   * Who publishes the release and answers for it: whoever runs the publication, never assumed.
   * Until it is configured, the release says it is published by the repository's maintainers.
   */
  publisher: Schema.optionalKey(
    Schema.Struct({
      name: Schema.String.check(Schema.isMinLength(1)),
      /** The kind of organisation, in the ADMS publisher-type vocabulary (DCAT-AP-SE asks for it). */
      type: Schema.Literals(PUBLISHER_TYPES),
      /** Swedish organisation number (organisationsnummer), NNNNNN-NNNN. */
      organisationNumber: Schema.optionalKey(
        Schema.String.check(
          Schema.isPattern(/^[0-9]{6}-[0-9]{4}$/u, { expected: "an organisation number NNNNNN-NNNN" }),
        ),
      ),
    }),
  ),
  /** An organisation, never a person. */
  contact: Schema.optionalKey(
    Schema.Struct({
      name: Schema.String.check(Schema.isMinLength(1)),
      /** A functional address (registrator@…), not a person's. */
      email: Schema.optionalKey(
        Schema.String.check(Schema.isPattern(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/u, { expected: "an e-mail address" })),
      ),
    }),
  ),
  /** Where the release is published: the base of every link and IRI. */
  baseUrl: Schema.optionalKey(
    Schema.String.check(Schema.isPattern(/^https:\/\/[^\s]+\/$/u, { expected: "an https URL ending in /" })),
  ),
  /**
   * The repository that holds raw/ and the release, on GitHub (https://github.com/OWNER/NAME):
   * each delivery is linked at the release's tag there.
   */
  repository: Schema.optionalKey(
    Schema.String.check(
      Schema.isPattern(/^https:\/\/[^\s]+[^/\s]$/u, { expected: "an https URL without a closing slash" }),
    ),
  ),
  /** A page about the publication. */
  homepage: Schema.optionalKey(
    Schema.String.check(Schema.isPattern(/^https?:\/\/[^\s]+$/u, { expected: "an http(s) URL" })),
  ),
  keywords: Schema.Array(Schema.String),
  /**
   * What a later version withdrew of an earlier version's changelog entry (dates it stated that
   * were not true): the entry stays as it was published, marked with the erratum.
   */
  errata: Schema.optionalKey(Schema.Array(Erratum)),
})
export type Publication = typeof Publication.Type

export const PUBLICATION_FILE = "publication.json"

const decode = decoderOf(Publication)

export const parsePublication = (
  text: string,
  file: string,
): { publication: Publication; problems: [] } | { publication: undefined; problems: Problem[] } => {
  const read = decodeDocument(text, decode, { code: "manifest/invalid", file, what: "the publication's configuration" })
  return read.ok ? { publication: read.value, problems: [] } : { publication: undefined, problems: read.problems }
}

export const loadPublication = async (path: string, file: string) =>
  parsePublication(await readFile(path, "utf8"), file)

/** Who compiles and publishes the release, in words: the configured publisher, or its maintainers. */
export const publisherName = (p: Publication): string => p.publisher?.name ?? `the maintainers of ${p.name}`

/** What the metadata lacks because it is not configured, in words for the progress output. */
export const unconfigured = (p: Publication): string[] => [
  ...(p.publisher === undefined ? [`publisher (the release says it is published by ${publisherName(p)})`] : []),
  ...(p.contact === undefined ? ["contact"] : []),
  ...(p.baseUrl === undefined ? ["baseUrl (links and identifiers are relative)"] : []),
  ...(p.homepage === undefined ? ["homepage"] : []),
  ...(p.publisher !== undefined && p.publisher.organisationNumber === undefined
    ? ["the publisher's organisationNumber"]
    : []),
  ...(p.contact !== undefined && p.contact.email === undefined ? ["the contact's email"] : []),
]

/** A publication the DCAT catalogue can describe: its address, publisher and contact's e-mail known. */
export type CataloguedPublication = Publication & {
  readonly baseUrl: string
  readonly publisher: NonNullable<Publication["publisher"]>
  readonly contact: NonNullable<Publication["contact"]> & { readonly email: string }
}

/** What the DCAT catalogue still needs, or nothing when it can be written. */
export const catalogueNeeds = (p: Publication): string[] => [
  ...(p.baseUrl === undefined ? ["the release's address (baseUrl, or --base-url)"] : []),
  ...(p.publisher === undefined ? ["its publisher (publisher.name and publisher.type)"] : []),
  ...(p.contact === undefined
    ? ["its contact (contact.name and contact.email)"]
    : p.contact.email === undefined
      ? ["the contact's e-mail (contact.email)"]
      : []),
]

/**
 * A delivery's file in the repository at the release's tag (`v<version>`, which the nightly run
 * makes), or undefined when the repository's address is not configured.
 */
export const deliveryUrl = (p: Publication, version: string, file: string): string | undefined =>
  p.repository === undefined
    ? undefined
    : `${p.repository}/blob/v${version}/raw/${file.split("/").map(encodeURIComponent).join("/")}`

/**
 * Where a snippet reads a dataset's file from: its address where the release's is configured,
 * else its name, as beside the codebook or once downloaded.
 */
export const fileAddress = (p: Publication, name: string, format: DataFormat): string =>
  p.baseUrl === undefined ? `${name}.${format}` : `${p.baseUrl}${dataFile(name, format)}`
