/**
 * Writes the release's metadata into the staging folder, after its data: the version (from the
 * previous release in the output folder), the change record, a codebook per dataset,
 * CITATION.cff and the DCAT catalogue (when the publication is configured for it). When no
 * content changed since the previous release, its version and change record stand. The site
 * follows (pipeline/site), and the data package, which describes every file, comes last.
 */
import { releaseDateOf } from "../manifest/declared-delivery.ts"
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { jsonSchemaOf } from "../../schemas/derive/json-schema.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import type { Database } from "../db/duckdb.ts"
import {
  deliveryLabel,
  factsOf,
  historyOf,
  isPublished,
  STANDING_FACTS,
  type DeclaredDelivery,
} from "../manifest/declared-delivery.ts"
import { listFiles } from "../shared/files.ts"
import { jsonText } from "../shared/json.ts"
import { changelog, markErrata, type ChangeRecord, type DeliveryNote } from "./changelog.ts"
import type { DatasetChanges } from "./changes.ts"
import { changesSincePrevious } from "./changes-since.ts"
import { citationFile } from "./citation.ts"
import { codebook, type CorrectionCount } from "./codebook.ts"
import { coverage, type Coverage, type FlaggedLine } from "./coverage.ts"
import { dataPackage } from "./datapackage.ts"
import { dcatCatalog, type DatasetFacts } from "./dcat.ts"
import type { FileHashes } from "./file-hashes.ts"
import type { SplicedRows } from "../write/splice-dataset.ts"
import { datasetTerms, releaseLicence } from "./licences.ts"
import { readPrevious } from "./previous-release.ts"
import type { ReleasePlan } from "../incremental/plan.ts"
import {
  CHANGELOG_FILE,
  CHANGES_FILE,
  CITATION_FILE,
  dataFile,
  DCAT_FILES,
  isContent,
} from "../contract/release-layout.ts"
import { catalogueNeeds, type CataloguedPublication, type Publication } from "./publication.ts"
import { toJsonLd, toRdfXml, toTurtle } from "./rdf.ts"
import { bumpOf, nextVersion, schemaChanges } from "./version.ts"

export const isCatalogued = (p: Publication): p is CataloguedPublication => catalogueNeeds(p).length === 0

/** What the change record says of each delivery its changes name. */
const deliveryNotes = (
  datasets: ReadonlyArray<DatasetDefinition>,
  history: ReadonlyArray<DeclaredDelivery>,
  changes: ReadonlyArray<DatasetChanges>,
): Record<string, DeliveryNote> => {
  const named = new Set(changes.flatMap((c) => c.by_delivery.flatMap((t) => [t.delivery_before, t.delivery_after])))
  for (const d of history) if (named.has(d.file) && d.supersededBy !== null) named.add(d.supersededBy)
  const record = datasets.find((d) => d.manifestFacts !== undefined)
  return Object.fromEntries(
    history
      .filter((d) => named.has(d.file))
      .sort((a, b) => (a.file < b.file ? -1 : 1))
      .map((d) => [
        d.file,
        { label: deliveryLabel(d), ...(record === undefined ? {} : factsOf(record, d, STANDING_FACTS)) },
      ]),
  )
}

export interface CatalogInput {
  readonly db: Database
  readonly stagingDir: string
  readonly outDir: string
  readonly datasets: ReadonlyArray<DatasetDefinition>
  readonly deliveries: ReadonlyArray<PlannedDelivery>
  /** Every declared delivery, current or not. */
  readonly history: ReadonlyArray<DeclaredDelivery>
  readonly publication: Publication
  readonly origin: (d: PlannedDelivery) => string | undefined
  /** The hashes of the staged release's files, taken as they are written. */
  readonly hashes: FileHashes
  /** The build's plan: the datasets carried over from the previous release have the same rows. */
  readonly plan?: ReleasePlan
  /**
   * The datasets spliced from the previous release, with the rows taken out and put in: every
   * row that differs, so the change record compares those alone.
   */
  readonly spliced?: ReadonlyMap<string, SplicedRows>
  /** The lines the build flagged as probably entry errors: their rows count in no dataset's coverage. */
  readonly flagged?: ReadonlyArray<FlaggedLine>
}

export interface CatalogResult {
  readonly version: string
  /** Whether the content changed since the previous release. */
  readonly changed: boolean
  /** The release's date: the latest day a current delivery was received (the release has no clock). */
  readonly date: string
  /** Each dataset's row count. */
  readonly rows: ReadonlyMap<string, number>
  /** The CHANGELOG.md written. */
  readonly changelog: string
  /** The files written whose names depend on the publication (the DCAT catalogue), for the release check. */
  readonly written: ReadonlyArray<string>
  /** Each dataset's period and places, as the catalogue states them and the site shows them. */
  readonly coverage: ReadonlyMap<string, Coverage>
}

export const writeCatalog = async (input: CatalogInput): Promise<CatalogResult> => {
  const { db, stagingDir, outDir, datasets, deliveries, publication, hashes } = input
  const releaseDate = releaseDateOf(deliveries)
  // A release without a version predates versioning: the first version is compared with nothing.
  const found = await readPrevious(outDir)
  const previous = found?.version === undefined ? undefined : found
  // While the files are hashed (JavaScript), DuckDB compares the datasets with the previous
  // release (its own threads): the comparison is needed unless nothing changed.
  const comparing = changesSincePrevious(input, previous)
  const [datasetsChanged] = await Promise.all([comparing, hashes.add(...(await listFiles(stagingDir)))])
  const content = [...hashes.files.keys()].filter(isContent)
  const previousContent = [...(previous?.sums.keys() ?? [])].filter(isContent)
  const changed =
    previous === undefined ||
    content.length !== previousContent.length ||
    content.some((f) => previous.sums.get(f) !== hashes.files.get(f)!.sha256)
  const schemas = Object.fromEntries(datasets.map((d) => [d.name, jsonSchemaOf(d)]))
  const schemaDiff = previous === undefined ? [] : schemaChanges(previous.schemas, schemas)
  const keep =
    !changed && previous?.version !== undefined && previous.changelog !== undefined && previous.changes !== undefined
  const bump = bumpOf(schemaDiff, changed)
  const version = keep
    ? previous.version!
    : nextVersion(previous?.version, previous?.version === undefined ? "major" : bump === "none" ? "patch" : bump)

  if (keep) {
    await writeFile(join(stagingDir, CHANGELOG_FILE), markErrata(previous.changelog!, publication.errata ?? []))
    await writeFile(join(stagingDir, CHANGES_FILE), previous.changes!)
  } else {
    const record: ChangeRecord = {
      version,
      previous_version: previous?.version ?? null,
      bump: previous?.version === undefined ? "first" : bump === "none" ? "patch" : bump,
      data_received_until: releaseDate,
      schema_changes: schemaDiff,
      datasets: datasetsChanged,
      deliveries: deliveryNotes(input.datasets, input.history, datasetsChanged),
    }
    await writeFile(join(stagingDir, CHANGES_FILE), jsonText(record))
    await writeFile(join(stagingDir, CHANGELOG_FILE), changelog(record, previous?.changelog, publication.errata ?? []))
  }

  // The comparison with the previous release counted each dataset's rows; a provenance dataset
  // has its dataset's.
  const counted = new Map(datasetsChanged.map((c) => [c.dataset, c.rows_after]))
  const rows = new Map(datasets.map((d) => [d.name, counted.get(d.provenanceOf ?? d.name)!]))
  await writeCodebooks(input, version, releaseDate, rows)
  await writeFile(
    join(stagingDir, CITATION_FILE),
    citationFile(
      publication,
      version,
      releaseDate,
      releaseLicence(datasets.map((d) => datasetTerms(d, deliveries))),
      input.history.filter(isPublished),
    ),
  )
  await hashes.add(CHANGELOG_FILE, CHANGES_FILE, CITATION_FILE, ...datasets.map((d) => dataFile(d.name, "md")))

  const covered = new Map<string, Coverage>()
  // A provenance dataset (listed after its dataset) covers the period and places its dataset covers.
  for (const d of datasets)
    covered.set(d.name, covered.get(d.provenanceOf ?? "") ?? (await coverage(db, d, datasets, input.flagged ?? [])))
  const catalogued = isCatalogued(publication) ? publication : undefined
  if (catalogued !== undefined) await writeDcat(input, catalogued, version, covered)
  return {
    version,
    changed,
    date: releaseDate,
    rows,
    changelog: await readFile(join(stagingDir, CHANGELOG_FILE), "utf8"),
    written: catalogued === undefined ? [] : [...DCAT_FILES],
    coverage: covered,
  }
}

/** datapackage.json, written last: it describes every other file of the release. */
export const writeDataPackage = async (input: CatalogInput, version: string): Promise<void> => {
  const { stagingDir, publication, datasets, deliveries, hashes } = input
  const descriptor = dataPackage({
    publication,
    version,
    datasets,
    files: hashes.files,
    deliveries,
    history: input.history,
    origin: input.origin,
  })
  await writeFile(join(stagingDir, "datapackage.json"), jsonText(descriptor))
  await hashes.add("datapackage.json")
}

/** A codebook per dataset, with the corrections the build made to its rows, counted. */
const writeCodebooks = async (
  input: CatalogInput,
  version: string,
  releaseDate: string,
  rows: ReadonlyMap<string, number>,
) => {
  const { db, stagingDir, datasets, deliveries, publication } = input
  const corrections = await db.rows(
    `SELECT dataset, field, reason, count(*) AS n FROM corrections GROUP BY ALL ORDER BY dataset, n DESC, field, reason`,
  )
  for (const d of datasets) {
    const mine: CorrectionCount[] = corrections
      .filter((c) => c["dataset"] === d.name)
      .map((c) => ({ field: String(c["field"]), reason: String(c["reason"]), rows: Number(c["n"]) }))
    const text = codebook({
      publication,
      version,
      date: releaseDate,
      dataset: d,
      rows: rows.get(d.name)!,
      terms: datasetTerms(d, deliveries),
      deliveries: historyOf(input.history, d.name),
      corrections: mine,
      datasets,
    })
    await writeFile(join(stagingDir, dataFile(d.name, "md")), text)
  }
}

/** The DCAT catalogue, in Turtle, RDF/XML and JSON-LD, of every dataset's facts and files. */
const writeDcat = async (
  input: CatalogInput,
  catalogued: CataloguedPublication,
  version: string,
  covered: ReadonlyMap<string, Coverage>,
) => {
  const { stagingDir, datasets, deliveries, hashes } = input
  const facts: DatasetFacts[] = datasets.map((d) => {
    const file = (format: "csv" | "json" | "parquet") => {
      const h = hashes.files.get(dataFile(d.name, format))!
      return { bytes: h.bytes, sha1: h.sha1 }
    }
    return {
      definition: d,
      deliveries: deliveries.filter((x) => x.dataset === (d.provenanceOf ?? d.name)),
      ...covered.get(d.name)!,
      files: { csv: file("csv"), json: file("json"), parquet: file("parquet") },
    }
  })
  const graph = dcatCatalog({ publication: catalogued, version, datasets: facts })
  await writeFile(join(stagingDir, "catalog.ttl"), toTurtle(graph))
  await writeFile(join(stagingDir, "catalog.rdf"), toRdfXml(graph))
  await writeFile(join(stagingDir, "catalog.jsonld"), jsonText(toJsonLd(graph)))
  await hashes.add(...DCAT_FILES)
}
