/**
 * Licences as granted. A delivery carries the licence its publisher or source grants, or none
 * where none is stated, with the terms that are known (`rights`). A dataset's terms follow its
 * deliveries': one licence where every delivery feeding it grants one, otherwise a rights
 * statement saying, part by part, what is known. Nothing here ever assumes a licence. Pure.
 */
import type { LICENCE_NAMES } from "../contract/manifest-schema.ts"

export type Licence = (typeof LICENCE_NAMES)[number]

export const LICENCES: Record<Licence, { readonly name: Licence; readonly path: string; readonly title: string }> = {
  "CC0-1.0": {
    name: "CC0-1.0",
    path: "http://creativecommons.org/publicdomain/zero/1.0/",
    title: "Creative Commons Zero v1.0 Universal",
  },
  "CC-BY-4.0": {
    name: "CC-BY-4.0",
    path: "http://creativecommons.org/licenses/by/4.0/",
    title: "Creative Commons Attribution 4.0 International",
  },
}

/** What a delivery states of its terms. */
export interface DeliveryTerms {
  readonly dataset: string
  readonly file: string
  readonly licence: Licence | null
  /** The terms known where no licence is granted. */
  readonly rights?: string | undefined
}

/** A dataset's terms: a licence every part of it grants, or none and a statement of its rights. */
export interface Terms {
  readonly licence: Licence | null
  /** Where there is no licence: what is known, part by part. */
  readonly rights: string | null
}

/** The terms of the maintainers' own record (the deliveries dataset): their work, under CC0. */
const OWN_WORK: Terms = { licence: "CC0-1.0", rights: null }

/** Data under several licences is published under the one that asks the most of its users. */
const strictest = (licences: ReadonlyArray<Licence>): Licence =>
  licences.includes("CC-BY-4.0") ? "CC-BY-4.0" : "CC0-1.0"

const termsText = (d: DeliveryTerms) =>
  d.licence === null
    ? (d.rights ?? "no licence stated, and no terms known")
    : `${LICENCES[d.licence].title} (${d.licence})`

/**
 * The terms of data from these deliveries: the strictest licence where each grants one; where
 * any grants none, no licence, and a statement naming the terms of each part.
 */
export const termsOf = (deliveries: ReadonlyArray<DeliveryTerms>): Terms => {
  if (deliveries.length === 0) return { licence: null, rights: "no delivery feeds it: no terms to state" }
  const licences = deliveries.flatMap((d) => (d.licence === null ? [] : [d.licence]))
  if (licences.length === deliveries.length) return { licence: strictest(licences), rights: null }
  // Part by part, in the order the deliveries come: each set of terms once, with the files it covers.
  const parts = new Map<string, string[]>()
  for (const d of deliveries) {
    const terms = termsText(d)
    parts.set(terms, [...(parts.get(terms) ?? []), d.file])
  }
  const statement =
    parts.size === 1
      ? [...parts.keys()][0]!
      : [...parts].map(([terms, files]) => `the rows of ${files.join(", ")}: ${terms}`).join("; ")
  return { licence: null, rights: statement }
}

/**
 * A dataset's terms: those of the current deliveries feeding it, or, for a dataset no delivery
 * feeds in this release, those of all of them. A dataset made from the manifest (the
 * deliveries) holds the maintainers' record of them: CC0. A provenance dataset holds its
 * dataset's keys: its dataset's terms.
 */
export const datasetTerms = (
  dataset: { readonly name: string; readonly fromManifest?: true; readonly provenanceOf?: string },
  deliveries: ReadonlyArray<DeliveryTerms>,
): Terms => {
  if (dataset.fromManifest === true) return OWN_WORK
  const feeding = deliveries.filter((d) => d.dataset === (dataset.provenanceOf ?? dataset.name))
  // A source's file feeds several datasets: each file's terms count once.
  const once = [...new Map((feeding.length > 0 ? feeding : deliveries).map((d) => [d.file, d])).values()]
  return termsOf(once)
}

/**
 * The release's licence as a whole: the one every dataset shares, or none. A release whose
 * datasets differ, or whose data includes a part without a licence, claims none as a whole.
 */
export const releaseLicence = (terms: ReadonlyArray<Terms>): Licence | null => {
  const first = terms[0]?.licence ?? null
  return first !== null && terms.every((t) => t.licence === first) ? first : null
}
