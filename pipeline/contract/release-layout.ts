/**
 * The files of a release, in one list, each with what it is. The writers name their files
 * from it, the version compares the content files of two releases, the site lists the
 * metadata files, and the release check expects exactly these files.
 */

/**
 * - `content`: what the release publishes; a change in one is a change of the release.
 * - `description`: follows from the content (metadata, codebooks); a change in it alone is none.
 * - `site`: the pages and their style, which also follow from the content.
 * - `checksums`: the sums of every other file.
 */
export type ReleaseFileUse = "content" | "description" | "site" | "checksums"

export interface ReleaseFile {
  readonly path: string
  readonly use: ReleaseFileUse
  /** Listed for download on the site's front page, in this order. */
  readonly listed?: true
  /** Written only when the publication is configured for the DCAT catalogue. */
  readonly catalogue?: true
}

export const CHANGELOG_FILE = "CHANGELOG.md"
export const CHANGES_FILE = "changes.json"
export const CITATION_FILE = "CITATION.cff"
export const CORRECTIONS_CSV = "corrections.csv"
export const CORRECTIONS_JSON = "corrections.json"
export const QUALITY_FILE = "quality-report.json"
export const VALIDATION_FILE = "validation-report.json"
export const DATAPACKAGE_FILE = "datapackage.json"
export const SUMS_FILE = "SHA256SUMS"
export const DCAT_FILES = ["catalog.jsonld", "catalog.rdf", "catalog.ttl"] as const

/** The files of every release besides those of each dataset and each project. */
export const RELEASE_FILES: ReadonlyArray<ReleaseFile> = [
  { path: CHANGELOG_FILE, use: "description", listed: true },
  { path: CITATION_FILE, use: "description", listed: true },
  { path: CHANGES_FILE, use: "description", listed: true },
  { path: CORRECTIONS_CSV, use: "content", listed: true },
  { path: CORRECTIONS_JSON, use: "content", listed: true },
  { path: QUALITY_FILE, use: "content", listed: true },
  { path: VALIDATION_FILE, use: "content", listed: true },
  { path: "catalog.rdf", use: "description", listed: true, catalogue: true },
  { path: "catalog.ttl", use: "description", listed: true, catalogue: true },
  { path: "catalog.jsonld", use: "description", listed: true, catalogue: true },
  { path: DATAPACKAGE_FILE, use: "description" },
  { path: "index.html", use: "site" },
  { path: "style.css", use: "site" },
  { path: SUMS_FILE, use: "checksums" },
]

/**
 * Up to how many rows a dataset has a workbook. A spreadsheet is where a municipal officer opens
 * a table of a few thousand rows; past this, opening and filtering it is slow in Excel and
 * LibreOffice alike, and CSV or Parquet serve better.
 */
export const WORKBOOK_ROWS = 100_000

/** Whether a dataset of `rows` rows has a workbook. */
export const hasWorkbook = (rows: number): boolean => rows <= WORKBOOK_ROWS

/**
 * Whether a dataset is read on its own, and so has a workbook where its rows are few enough: a
 * provenance dataset has none, being read joined to its dataset.
 */
export const readAlone = (d: { readonly provenanceOf?: string }): boolean => d.provenanceOf === undefined

/** The formats a dataset's rows are published in, and its codebook's. */
export type DataFormat = "csv" | "json" | "parquet" | "xlsx" | "md"

/** A dataset's files in the release without their extension, for writers that add their own. */
export const dataStem = (name: string): string => `data/${name}`

/** A dataset's file of rows in a format, or its codebook (`md`), in the release. */
export const dataFile = (name: string, format: DataFormat): string => `${dataStem(name)}.${format}`

/** The JSON Schema of a dataset's JSON records, in the release. */
export const schemaFile = (name: string): string => `schemas/${name}.schema.json`

/** A dataset's page of the site, in the release. */
export const datasetPageFile = (name: string): string => `datasets/${name}.html`

/** The files of one dataset; its workbook where it has one. */
export const datasetFiles = (name: string, workbook = true): ReadonlyArray<ReleaseFile> => [
  { path: dataFile(name, "csv"), use: "content" },
  { path: dataFile(name, "json"), use: "content" },
  { path: dataFile(name, "parquet"), use: "content" },
  ...(workbook ? [{ path: dataFile(name, "xlsx"), use: "content" } as const] : []),
  { path: schemaFile(name), use: "content" },
  { path: dataFile(name, "md"), use: "description" },
  { path: datasetPageFile(name), use: "site" },
]

/** The page of one row of a dataset that has a page per row, by the row's key. */
export const rowPageFile = (dataset: string, key: string): string => `${dataset}/${key}.html`

/**
 * What a release holds, given its datasets, whether it has a catalogue, its rows' pages, and
 * the datasets too large for a workbook.
 */
export const releaseFiles = (
  datasets: ReadonlyArray<string>,
  o: {
    readonly catalogue: boolean
    /** The pages of rows the site wrote (rowPageFile). */
    readonly rowPages: ReadonlyArray<string>
    readonly withoutWorkbook?: ReadonlyArray<string>
  },
): ReadonlyArray<ReleaseFile> => [
  ...RELEASE_FILES.filter((f) => o.catalogue || f.catalogue !== true),
  ...datasets.flatMap((name) => datasetFiles(name, !(o.withoutWorkbook ?? []).includes(name))),
  ...o.rowPages.map((path): ReleaseFile => ({ path, use: "site" })),
]

/** What a file of a release is for, by its path; undefined for a path no release holds. */
export const useOf = (path: string): ReleaseFileUse | undefined => {
  const fixed = RELEASE_FILES.find((f) => f.path === path)
  if (fixed !== undefined) return fixed.use
  const dataset = /^(?:data|schemas|datasets)\/([^/]+?)\.(?:csv|json|parquet|xlsx|schema\.json|md|html)$/u.exec(path)
  if (dataset !== undefined && dataset !== null) return datasetFiles(dataset[1]!).find((f) => f.path === path)?.use
  return /^[^/]+\/[^/]+\.html$/u.test(path) ? "site" : undefined
}

/** Files whose content makes a release different from another (a file no release of today holds counts too). */
export const isContent = (path: string): boolean => (useOf(path) ?? "content") === "content"
