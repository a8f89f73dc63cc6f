/** `CITATION.cff` for the data (Citation File Format 1.2.0). Pure. */
import { combinedLicence } from "./licences.ts"
import type { Licence } from "./licences.ts"
import type { Publication } from "./publication.ts"

const q = (s: string) => JSON.stringify(s)

export const citationFile = (p: Publication, version: string, licences: Iterable<Licence>): string =>
  [
    "cff-version: 1.2.0",
    `message: ${q("If you use these data, please cite them as below.")}`,
    "type: dataset",
    `title: ${q(p.title.en)}`,
    `abstract: ${q(p.description.en)}`,
    `version: ${q(version)}`,
    "authors:",
    `  - name: ${q(p.publisher.name)}`,
    `license: ${combinedLicence(licences)}`,
    ...(p.baseUrl === undefined ? [] : [`url: ${q(p.baseUrl)}`]),
    "keywords:",
    ...p.keywords.map((k) => `  - ${q(k)}`),
    "",
  ].join("\n")
