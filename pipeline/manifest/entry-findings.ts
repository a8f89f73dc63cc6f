/**
 * What an entry may not say of itself, whatever else the manifest holds: its days out of their
 * order (data as of, retrieved, received), no licence without the terms known, documents
 * naming a source or a field that does not exist, or coverage in a field its dataset does not
 * give coverage in. Pure: an entry in, each finding with its path inside the entry out.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import type { ManifestEntry } from "../contract/manifest-schema.ts"
import type { SourceDeclaration } from "../contract/source-declaration.ts"

export interface EntryFinding {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

const dayFindings = (entry: ManifestEntry): EntryFinding[] => [
  ...(entry.asOf !== undefined && entry.retrieved !== undefined && entry.asOf > entry.retrieved
    ? [
        {
          path: ["asOf"],
          message: `asOf ${entry.asOf} is after retrieved ${entry.retrieved}: a file cannot hold data of a day after it was taken`,
        },
      ]
    : []),
  ...(entry.retrieved !== undefined && entry.retrieved > entry.received
    ? [
        {
          path: ["retrieved"],
          message: `retrieved ${entry.retrieved} is after received ${entry.received}: a file is filed after it is taken from its source`,
        },
      ]
    : []),
  ...(entry.asOf !== undefined && entry.asOf > entry.received
    ? [
        {
          path: ["asOf"],
          message: `asOf ${entry.asOf} is after received ${entry.received}: a file cannot hold data of a day after it was filed`,
        },
      ]
    : []),
]

const documentFindings = (
  entry: ManifestEntry,
  datasets: ReadonlyArray<DatasetDefinition>,
  sources: ReadonlyMap<string, SourceDeclaration>,
): EntryFinding[] => {
  if ("source" in entry) return []
  const fed = datasets.find((x) => x.name === entry.dataset)
  const fields = new Set(fed === undefined ? [] : columnsOf(fed).map((c) => c.name))
  return (entry.documents ?? []).flatMap((doc, j) => [
    ...(doc.source !== undefined && !sources.has(doc.source)
      ? [
          {
            path: ["documents", j, "source"],
            message: `unknown source ${JSON.stringify(doc.source)}: a document names the source it is a record of, one of ${[...sources.keys()].join(", ")}`,
          },
        ]
      : []),
    // An unknown dataset is reported on its own; its fields are not checked then.
    ...(fed === undefined ? [] : (doc.fields ?? []))
      .map((field, k) => ({ field, k }))
      .filter(({ field }) => !fields.has(field))
      .map(({ field, k }) => ({
        path: ["documents", j, "fields", k],
        message: `${JSON.stringify(field)} is not a field of ${entry.dataset}: a document's fields name the fields the transcription took from it`,
      })),
  ])
}

/** No licence is ever assumed: an entry that grants none says what terms are known. */
const termsFindings = (entry: ManifestEntry): EntryFinding[] =>
  "source" in entry || entry.licence !== null || entry.rights !== undefined
    ? []
    : [
        {
          path: ["licence"],
          message: `no licence is given ("licence": null): say in "rights" what terms are known, e.g. "rights": "a public register; the agency states no licence; credit the agency"`,
        },
      ]

/** `covers` names only the fields the dataset's definition gives coverage in (manifest/coverage.ts). */
const coverFindings = (entry: ManifestEntry, datasets: ReadonlyArray<DatasetDefinition>): EntryFinding[] => {
  if ("source" in entry || entry.covers === undefined) return []
  const fed = datasets.find((x) => x.name === entry.dataset)
  if (fed === undefined) return []
  const fields = fed.coverage ?? []
  return Object.keys(entry.covers)
    .filter((field) => !fields.includes(field))
    .map((field) => ({
      path: ["covers", field],
      message:
        fields.length === 0
          ? `${entry.dataset} is covered whole by a newer delivery, whatever its rows: "covers" has nothing to say there; take it out`
          : `${JSON.stringify(field)} is not a field ${entry.dataset} gives coverage in: "covers" names ${fields.join(", ")}`,
    }))
}

export const entryFindings = (
  entry: ManifestEntry,
  datasets: ReadonlyArray<DatasetDefinition>,
  sources: ReadonlyMap<string, SourceDeclaration>,
): EntryFinding[] => [
  ...dayFindings(entry),
  ...termsFindings(entry),
  ...documentFindings(entry, datasets, sources),
  ...coverFindings(entry, datasets),
]
