/**
 * Writes the release's metadata into the staging folder, after its data: the version (from
 * the previous release in the output folder), the change record, a codebook per dataset,
 * CITATION.cff, the DCAT catalogue (when a base URL is configured) and datapackage.json. When no content changed since the previous release, its
 * version and change record stand. Returns the sha256 of every file it hashed, for SHA256SUMS.
 */
import { createHash } from "node:crypto"
import { createReadStream, existsSync } from "node:fs"
import { readFile, stat, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { jsonSchemaOf } from "../../schemas/derive/json-schema.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import { columnsOf } from "../../schemas/derive/columns.ts"
import { listFiles } from "../build/inventory.ts"
import type { PlannedDelivery } from "../sources/source.ts"
import { deliveryLabel, historyOf, type DeclaredDelivery } from "../manifest/declared-delivery.ts"
import { datasetLicence } from "./licences.ts"
import type { Database } from "../write/duckdb.ts"
import { jsonText } from "../write/write-release.ts"
import { changelog, type ChangeRecord, type DeliveryNote } from "./changelog.ts"
import { datasetChanges, type DatasetChanges } from "./changes.ts"
import { citationFile } from "./citation.ts"
import { codebook, type CorrectionCount } from "./codebook.ts"
import { dataPackage, type FileFacts } from "./datapackage.ts"
import { dcatCatalog, type DatasetFacts } from "./dcat.ts"
import { toJsonLd, toRdfXml, toTurtle } from "./rdf.ts"
import { writeSite } from "../site/write-site.ts"
import { catalogueNeeds, type CataloguedPublication, type Publication } from "./publication.ts"
import { bumpOf, nextVersion, schemaChanges } from "./version.ts"

export const CATALOG_FILES = ["datapackage.json", "CHANGELOG.md", "changes.json", "CITATION.cff", "catalog.ttl", "catalog.rdf", "catalog.jsonld", "index.html", "style.css"]

/** The DCAT catalogue's files, written when a base URL is configured. */
export const DCAT_FILES = ["catalog.jsonld", "catalog.rdf", "catalog.ttl"]

/** sha256, and sha1 (which DCAT-AP-SE offers) when the catalogue needs it, of a file in one read. */
const digests = async (path: string, withSha1: boolean) => {
  const sha256 = createHash("sha256")
  const sha1 = withSha1 ? createHash("sha1") : undefined
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    sha256.update(chunk as Buffer)
    sha1?.update(chunk as Buffer)
  }
  return { sha256: sha256.digest("hex"), sha1: sha1?.digest("hex") ?? "" }
}

/**
 * What the DCAT catalogue says of a dataset's rows: the period they cover (their own dates or
 * years, or, for rows about projects, the projects' periods) and the NUTS 3 regions of the
 * municipalities they are about.
 */
const coverage = async (db: Database, stagingDir: string, d: DatasetDefinition, datasets: ReadonlyArray<DatasetDefinition>) => {
  const file = (name: string) => `read_parquet(${sqlString(join(stagingDir, "data", `${name}.parquet`))})`
  const has = (name: string) => datasets.some((x) => x.name === name)
  const columns = columnsOf(d)
  const dates = columns.filter((c) => c.type === "DATE").map((c) => quoteIdent(c.name))
  const year = columns.find((c) => c.name === "year" && c.type === "INTEGER")
  const bounds = [
    ...dates.flatMap((c) => [`min(${c})`, `max(${c})`]),
    ...(year === undefined ? [] : ["make_date(min(year), 1, 1)", "make_date(max(year), 12, 31)"]),
  ]
  const period = async (sql: string) => {
    const [row] = await db.rows(sql)
    return row?.["s"] === null || row?.["s"] === undefined ? undefined : { start: String(row["s"]), end: String(row["e"]) }
  }
  const temporal = bounds.length > 0
    ? await period(`SELECT CAST(least(${bounds.join(", ")}) AS VARCHAR) AS s, CAST(greatest(${bounds.join(", ")}) AS VARCHAR) AS e FROM ${file(d.name)}`)
    : d.primaryKey.includes("project_id") && d.name !== "projects" && has("projects")
      ? await period(`SELECT CAST(min(p.start_date) AS VARCHAR) AS s, CAST(max(p.end_date) AS VARCHAR) AS e FROM ${file(d.name)} x JOIN ${file("projects")} p USING (project_id)`)
      : undefined
  // The list of all municipalities covers Sweden, not each of its regions.
  const coded = d.name !== "municipalities" && columns.some((c) => c.name === "municipality_code") && has("municipalities") && has("counties")
  const regions = !coded ? [] : (await db.rows(
    `SELECT DISTINCT c.nuts3_code AS region FROM ${file(d.name)} x JOIN ${file("municipalities")} m USING (municipality_code) JOIN ${file("counties")} c ON c.county_code = m.county_code ORDER BY region`,
  )).map((r) => String(r["region"]))
  return { temporal, regions }
}

const isCatalogued = (p: Publication): p is CataloguedPublication => catalogueNeeds(p).length === 0

/** Files whose content makes a release different from another; metadata follows from them. */
const isContent = (path: string) => !CATALOG_FILES.includes(path) && path !== "SHA256SUMS" && !/^data\/[^/]+\.md$/u.test(path) && !/^(datasets|projects)\/[^/]+\.html$/u.test(path)

/** What the change record says of each delivery its changes name. */
const deliveryNotes = (history: ReadonlyArray<DeclaredDelivery>, changes: ReadonlyArray<DatasetChanges>): Record<string, DeliveryNote> => {
  const named = new Set(changes.flatMap((c) => c.by_delivery.flatMap((t) => [t.delivery_before, t.delivery_after])))
  for (const d of history) if (named.has(d.file) && d.supersededBy !== null) named.add(d.supersededBy)
  return Object.fromEntries(history.filter((d) => named.has(d.file)).sort((a, b) => (a.file < b.file ? -1 : 1)).map((d) => [d.file, {
    label: deliveryLabel(d), status: d.status, superseded_by: d.supersededBy, withdrawn_reason: d.withdrawnReason,
  }]))
}

interface PreviousRelease {
  readonly version: string | undefined
  readonly sums: ReadonlyMap<string, string>
  readonly schemas: Record<string, Record<string, unknown>>
  readonly changelog: string | undefined
  readonly changes: string | undefined
}

const readPrevious = async (outDir: string): Promise<PreviousRelease | undefined> => {
  const sumsPath = join(outDir, "SHA256SUMS")
  if (!existsSync(sumsPath)) return undefined
  const sums = new Map((await readFile(sumsPath, "utf8")).trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)] as const))
  const text = async (f: string) => (existsSync(join(outDir, f)) ? await readFile(join(outDir, f), "utf8") : undefined)
  const descriptor = await text("datapackage.json")
  const schemas: Record<string, Record<string, unknown>> = {}
  for (const f of [...sums.keys()].filter((x) => /^schemas\/.+\.schema\.json$/u.test(x))) {
    const name = f.slice("schemas/".length, -".schema.json".length)
    const body = await text(f)
    if (body !== undefined) schemas[name] = JSON.parse(body) as Record<string, unknown>
  }
  return {
    version: descriptor === undefined ? undefined : ((JSON.parse(descriptor) as { version?: string }).version ?? undefined),
    sums,
    schemas,
    changelog: await text("CHANGELOG.md"),
    changes: await text("changes.json"),
  }
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
}

/**
 * `written`: the files it wrote whose names depend on the release (the DCAT catalogue, the
 * projects' pages), for the release check's list of expected files.
 */
export const writeCatalog = async (input: CatalogInput): Promise<{ version: string; changed: boolean; hashes: Map<string, FileFacts>; written: string[] }> => {
  const { db, stagingDir, outDir, datasets, deliveries, publication } = input
  const hashes = new Map<string, FileFacts & { readonly sha1: string }>()
  const hash = async (path: string) => {
    const full = join(stagingDir, path)
    const [{ sha256, sha1 }, { size }] = await Promise.all([digests(full, isCatalogued(publication)), stat(full)])
    hashes.set(path, { sha256, sha1, bytes: size })
  }
  // The release's date: the latest day a current delivery was received (the release has no clock).
  const releaseDate = deliveries.map((d) => d.received).sort().at(-1) ?? ""
  // A release without a version predates versioning: the first version is compared with nothing.
  const found = await readPrevious(outDir)
  const previous = found?.version === undefined ? undefined : found
  // While the files are hashed (JavaScript), DuckDB compares the datasets with the previous
  // release (its own threads): the comparison is needed unless nothing changed.
  const comparing = (async () => {
    const all = []
    // One query at a time: the datasets share DuckDB's connection.
    for (const d of datasets) {
      all.push(await datasetChanges(db, d, previous === undefined ? undefined : join(outDir, "data", `${d.name}.parquet`), join(stagingDir, "data", `${d.name}.parquet`)))
    }
    return all
  })()
  const [datasetsChanged] = await Promise.all([comparing, Promise.all((await listFiles(stagingDir)).map(hash))])
  const content = [...hashes.keys()].filter(isContent)
  const previousContent = [...(previous?.sums.keys() ?? [])].filter(isContent)
  const changed = previous === undefined || content.length !== previousContent.length || content.some((f) => previous.sums.get(f) !== hashes.get(f)!.sha256)
  const schemas = Object.fromEntries(datasets.map((d) => [d.name, jsonSchemaOf(d)]))
  const schemaDiff = previous === undefined ? [] : schemaChanges(previous.schemas, schemas)
  const keep = !changed && previous?.version !== undefined && previous.changelog !== undefined && previous.changes !== undefined
  const bump = bumpOf(schemaDiff, changed)
  const version = keep ? previous.version! : nextVersion(previous?.version, previous?.version === undefined ? "major" : bump === "none" ? "patch" : bump)

  if (keep) {
    await writeFile(join(stagingDir, "CHANGELOG.md"), previous.changelog!)
    await writeFile(join(stagingDir, "changes.json"), previous.changes!)
  } else {
    const record: ChangeRecord = {
      version,
      previous_version: previous?.version ?? null,
      bump: previous?.version === undefined ? "first" : bump === "none" ? "patch" : bump,
      data_received_until: releaseDate,
      schema_changes: schemaDiff,
      datasets: datasetsChanged,
      deliveries: deliveryNotes(input.history, datasetsChanged),
    }
    await writeFile(join(stagingDir, "changes.json"), jsonText(record))
    await writeFile(join(stagingDir, "CHANGELOG.md"), changelog(record, previous?.changelog))
  }

  // The comparison with the previous release counted each dataset's rows.
  const rows = new Map(datasetsChanged.map((c) => [c.dataset, c.rows_after]))
  const corrections = await db.rows(`SELECT dataset, field, reason, count(*) AS n FROM corrections GROUP BY ALL ORDER BY dataset, n DESC, field, reason`)
  for (const d of datasets) {
    const mine: CorrectionCount[] = corrections.filter((c) => c["dataset"] === d.name).map((c) => ({ field: String(c["field"]), reason: String(c["reason"]), rows: Number(c["n"]) }))
    const text = codebook({ publication, version, date: releaseDate, dataset: d, rows: rows.get(d.name)!, licence: datasetLicence(d, deliveries), deliveries: historyOf(input.history, d.name), corrections: mine })
    await writeFile(join(stagingDir, "data", `${d.name}.md`), text)
  }
  await writeFile(join(stagingDir, "CITATION.cff"), citationFile(publication, version, releaseDate, deliveries.map((d) => d.licence), input.history.filter((d) => d.status === "current")))
  await Promise.all(["CHANGELOG.md", "changes.json", "CITATION.cff", ...datasets.map((d) => `data/${d.name}.md`)].map(hash))

  const catalogued = isCatalogued(publication) ? publication : undefined
  if (catalogued !== undefined) {
    const facts: DatasetFacts[] = []
    for (const d of datasets) {
      const file = (format: "csv" | "json" | "parquet") => {
        const h = hashes.get(`data/${d.name}.${format}`)!
        return { bytes: h.bytes, sha1: h.sha1 }
      }
      facts.push({ definition: d, deliveries: deliveries.filter((x) => x.dataset === d.name), ...(await coverage(db, stagingDir, d, datasets)), files: { csv: file("csv"), json: file("json"), parquet: file("parquet") } })
    }
    const graph = dcatCatalog({ publication: catalogued, version, datasets: facts })
    await writeFile(join(stagingDir, "catalog.ttl"), toTurtle(graph))
    await writeFile(join(stagingDir, "catalog.rdf"), toRdfXml(graph))
    await writeFile(join(stagingDir, "catalog.jsonld"), jsonText(toJsonLd(graph)))
    await Promise.all(DCAT_FILES.map(hash))
  }

  const site = await writeSite({ db, stagingDir, publication, version, date: releaseDate, datasets, rows, deliveries, history: input.history, hashes, changelog: await readFile(join(stagingDir, "CHANGELOG.md"), "utf8") })
  await Promise.all(site.map(hash))

  const descriptor = dataPackage({ publication, version, datasets, files: hashes, deliveries, history: input.history, origin: input.origin })
  await writeFile(join(stagingDir, "datapackage.json"), jsonText(descriptor))
  await hash("datapackage.json")
  return { version, changed, hashes, written: [...(catalogued === undefined ? [] : DCAT_FILES), ...site.filter((f) => f.startsWith("projects/"))] }
}
