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
export type ReleaseFileRole = "content" | "description" | "site" | "checksums"

export interface ReleaseFile {
  readonly path: string
  readonly role: ReleaseFileRole
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
  { path: CHANGELOG_FILE, role: "description", listed: true },
  { path: CITATION_FILE, role: "description", listed: true },
  { path: CHANGES_FILE, role: "description", listed: true },
  { path: CORRECTIONS_CSV, role: "content", listed: true },
  { path: CORRECTIONS_JSON, role: "content", listed: true },
  { path: QUALITY_FILE, role: "content", listed: true },
  { path: VALIDATION_FILE, role: "content", listed: true },
  { path: "catalog.rdf", role: "description", listed: true, catalogue: true },
  { path: "catalog.ttl", role: "description", listed: true, catalogue: true },
  { path: "catalog.jsonld", role: "description", listed: true, catalogue: true },
  { path: DATAPACKAGE_FILE, role: "description" },
  { path: "index.html", role: "site" },
  { path: "style.css", role: "site" },
  { path: SUMS_FILE, role: "checksums" },
]

/** What the layout needs of a dataset: its name, and whether it is where another's rows come from. */
export interface DatasetOfRelease {
  readonly name: string
  readonly provenanceOf?: string
}

/**
 * Whether a dataset has a workbook for a spreadsheet: a provenance dataset has none, being read
 * by joining it to its dataset, not on its own.
 */
export const hasWorkbook = (d: DatasetOfRelease): boolean => d.provenanceOf === undefined

/** The files of one dataset. */
export const datasetFiles = (d: DatasetOfRelease): ReadonlyArray<ReleaseFile> => [
  { path: `data/${d.name}.csv`, role: "content" },
  { path: `data/${d.name}.json`, role: "content" },
  { path: `data/${d.name}.parquet`, role: "content" },
  ...(hasWorkbook(d) ? [{ path: `data/${d.name}.xlsx`, role: "content" } as const] : []),
  { path: `schemas/${d.name}.schema.json`, role: "content" },
  { path: `data/${d.name}.md`, role: "description" },
  { path: `datasets/${d.name}.html`, role: "site" },
]

export const projectPageFile = (projectId: string): string => `projects/${projectId}.html`

/** What a release holds, given its datasets, whether it has a catalogue, and its project pages. */
export const releaseFiles = (
  datasets: ReadonlyArray<DatasetOfRelease>,
  o: { readonly catalogue: boolean; readonly projects: ReadonlyArray<string> },
): ReadonlyArray<ReleaseFile> => [
  ...RELEASE_FILES.filter((f) => o.catalogue || f.catalogue !== true),
  ...datasets.flatMap(datasetFiles),
  ...o.projects.map((id): ReleaseFile => ({ path: projectPageFile(id), role: "site" })),
]

/** The role of a file of a release, by its path; undefined for a path no release holds. */
export const roleOf = (path: string): ReleaseFileRole | undefined => {
  const fixed = RELEASE_FILES.find((f) => f.path === path)
  if (fixed !== undefined) return fixed.role
  const dataset = /^(?:data|schemas|datasets)\/([^/]+?)\.(?:csv|json|parquet|xlsx|schema\.json|md|html)$/u.exec(path)
  if (dataset !== undefined && dataset !== null)
    return datasetFiles({ name: dataset[1]! }).find((f) => f.path === path)?.role
  return /^projects\/[^/]+\.html$/u.test(path) ? "site" : undefined
}

/** Files whose content makes a release different from another (a file no release of today holds counts too). */
export const isContent = (path: string): boolean => (roleOf(path) ?? "content") === "content"
