/**
 * Writes the static site into the staging folder: the front page, a page per dataset and per
 * row of a dataset with row pages (a project with more than a register row), and the style sheet.
 * The facts come from the staged Parquet files (through DuckDB) and the hashes already computed.
 * Returns the files written, and the keys of the rows that have a page.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { quoteIdent, sqlString } from "../../schemas/derive/duckdb.ts"
import type { Coverage } from "../catalog/coverage.ts"
import { datasetTerms, releaseLicence } from "../catalog/licences.ts"
import type { Publication } from "../catalog/publication.ts"
import type { PlannedDelivery } from "../contract/source-declaration.ts"
import { historyOf, type DeclaredDelivery } from "../manifest/declared-delivery.ts"
import type { Database } from "../db/duckdb.ts"
import {
  dataFile,
  datasetPageFile,
  DCAT_FILES,
  hasWorkbook,
  readAlone,
  RELEASE_FILES,
  rowPageFile,
  schemaFile,
} from "../contract/release-layout.ts"
import { chartFocus, chartSources, indicatorCharts } from "./chart-data.ts"
import { datasetPage } from "./dataset-page.ts"
import { indexPage } from "./index-page.ts"
import { readRowPages } from "./read-row-pages.ts"
import { rowPage } from "./row-page.ts"
import type { FileInfo, SiteFacts } from "./site-facts.ts"
import { STYLE } from "./style.ts"

/** How many rows a dataset page previews. */
const PREVIEW_ROWS = 10

export const writeSite = async (options: {
  readonly db: Database
  readonly stagingDir: string
  readonly publication: Publication
  readonly version: string
  /** The release's date: the latest day a current delivery was received. */
  readonly date: string
  readonly datasets: ReadonlyArray<DatasetDefinition>
  /** Each dataset's row count. */
  readonly rows: ReadonlyMap<string, number>
  readonly deliveries: ReadonlyArray<PlannedDelivery>
  /** Every declared delivery, current or not. */
  readonly history: ReadonlyArray<DeclaredDelivery>
  /** With the SHA-1 where the catalogue gives it. */
  readonly hashes: ReadonlyMap<string, { readonly bytes: number; readonly sha256: string; readonly sha1?: string }>
  readonly changelog: string
  /** Each dataset's period and places. */
  readonly coverage: ReadonlyMap<string, Coverage>
}): Promise<{ readonly files: ReadonlyArray<string>; readonly rowPages: ReadonlyArray<string> }> => {
  const { db, stagingDir, datasets, deliveries, hashes } = options
  const from = (name: string) => `read_parquet(${sqlString(join(stagingDir, dataFile(name, "parquet")))})`
  const info = (path: string, id?: string): FileInfo => {
    const h = hashes.get(path)
    if (h === undefined) throw new Error(`no hash of ${path}`)
    return {
      path,
      bytes: h.bytes,
      sha256: h.sha256,
      ...(id === undefined ? {} : { id }),
      ...(h.sha1 === undefined || h.sha1 === "" ? {} : { sha1: h.sha1 }),
    }
  }

  const datasetInfos = []
  for (const d of datasets) {
    datasetInfos.push({
      definition: d,
      rows: options.rows.get(d.name)!,
      terms: datasetTerms(d, deliveries),
      deliveries: historyOf(options.history, d.name),
      // Each file's row is where the catalogue's distribution of it points.
      files: [
        info(dataFile(d.name, "csv"), "csv"),
        info(dataFile(d.name, "json"), "json"),
        info(dataFile(d.name, "parquet"), "parquet"),
        ...(readAlone(d) && hasWorkbook(options.rows.get(d.name)!) ? [info(dataFile(d.name, "xlsx"), "xlsx")] : []),
        info(schemaFile(d.name), "schema"),
        info(dataFile(d.name, "md"), "codebook"),
      ],
      preview: await db.rows(`SELECT * FROM ${from(d.name)} LIMIT ${PREVIEW_ROWS}`),
      coverage: options.coverage.get(d.name) ?? { temporal: undefined, places: [] },
      places:
        d.places === undefined
          ? []
          : (
              await db.rows(
                `SELECT ${quoteIdent(d.primaryKey[0]!)} AS k, ${quoteIdent(d.places.name)} AS n FROM ${from(d.name)} ORDER BY k`,
              )
            ).map((r) => ({ key: String(r["k"]), name: String(r["n"]) })),
    })
  }

  const paged = await readRowPages(db, from, datasets)
  const sources = chartSources(datasets)
  const focus = chartFocus(paged, sources?.places)
  const charts = sources === undefined ? [] : await indicatorCharts(db, from, sources, focus, paged)
  const metadata = RELEASE_FILES.filter((f) => f.listed === true).map((f) => f.path)
  const facts: SiteFacts = {
    publication: options.publication,
    version: options.version,
    date: options.date,
    licence: releaseLicence(datasetInfos.map((d) => d.terms)),
    datasets: datasetInfos,
    charts,
    paged,
    changelog: options.changelog,
    metadataFiles: metadata.filter((f) => hashes.has(f)).map((f) => info(f)),
    catalogue: DCAT_FILES.every((f) => hashes.has(f)),
    focus,
  }
  const written: string[] = []
  const write = async (path: string, text: string) => {
    await mkdir(join(stagingDir, path, ".."), { recursive: true })
    await writeFile(join(stagingDir, path), text)
    written.push(path)
  }
  await write("style.css", STYLE)
  await write("index.html", indexPage(facts))
  for (const d of datasetInfos) await write(datasetPageFile(d.definition.name), datasetPage(facts, d))
  const pages = paged?.pages ?? []
  const rowPages = pages.map((p) => rowPageFile(paged!.definition.name, p.key))
  for (const [i, p] of pages.entries()) await write(rowPages[i]!, rowPage(facts, paged!, p))
  return { files: written, rowPages }
}
