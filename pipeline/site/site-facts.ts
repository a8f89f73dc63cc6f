/** What the site's pages are written from, and the pieces they share. Pure. */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { Coverage } from "../catalog/coverage.ts"
import { LICENCES, type Licence, type Terms } from "../catalog/licences.ts"
import type { Publication } from "../catalog/publication.ts"
import type { DeclaredDelivery } from "../manifest/declared-delivery.ts"
import { formatNumber, type Series } from "./chart.ts"
import { bytes, esc, table } from "./html.ts"

export interface FileInfo {
  readonly path: string
  readonly bytes: number
  readonly sha256: string
  /** The id of its row on the page: the place the catalogue's distribution of the file names. */
  readonly id?: string
  /** Where the catalogue gives it: the file's SHA-1, at `<id>-sha1`. */
  readonly sha1?: string
}

export interface DatasetInfo {
  readonly definition: DatasetDefinition
  readonly rows: number
  readonly terms: Terms
  /** The deliveries that feed it, current and not, current first. */
  readonly deliveries: ReadonlyArray<DeclaredDelivery>
  readonly files: ReadonlyArray<FileInfo>
  readonly preview: ReadonlyArray<Record<string, unknown>>
  /** The period and places its rows cover. */
  readonly coverage: Coverage
  /** For a dataset of places: every place, by key and name, which the catalogue names by its row. */
  readonly places: ReadonlyArray<{ readonly key: string; readonly name: string }>
}

/** The municipalities a chart draws, of all it has values for, and why those. */
export interface ChartFocus {
  readonly codes: ReadonlyArray<string>
  readonly because: { readonly sv: string; readonly en: string }
  /** What the places are called, in the plural (their dataset's `places.called`). */
  readonly called: { readonly sv: string; readonly en: string }
}

export interface IndicatorChart {
  readonly indicatorId: string
  readonly labelSv: string
  readonly labelEn: string
  readonly measuredIn: string
  /** The key of the row whose page it belongs to (its project), or null. */
  readonly ofRow: string | null
  /** The places' values read: every place's when `complete`, else those drawn. */
  readonly series: ReadonlyArray<Series>
  /** How many places have values of it. */
  readonly placeCount: number
  readonly complete: boolean
  /** The deliveries its values come from. */
  readonly deliveries: ReadonlyArray<string>
}

export type Row = Record<string, unknown>

/** The rows of a dataset that refer to a row with a page, as its page shows them. */
export interface PageSectionRows {
  readonly definition: DatasetDefinition
  readonly rows: ReadonlyArray<Row>
}

/** A row with a page (a project), and what its page shows of the rows that refer to it. */
export interface RowPage {
  readonly key: string
  readonly row: Row
  readonly sections: ReadonlyArray<PageSectionRows>
  /** The keys of the places the row is paired with (a project's municipalities), which its charts draw. */
  readonly places: ReadonlyArray<string>
}

/** A dataset with a page per row (the projects), and the rows that have one. */
export interface PagedDataset {
  readonly definition: DatasetDefinition
  readonly pages: ReadonlyArray<RowPage>
}

export interface SiteFacts {
  readonly publication: Publication
  readonly version: string
  /** The release's date: the latest day a current delivery was received. */
  readonly date: string
  /** The licence every dataset shares, or null: then each dataset's page states its own terms. */
  readonly licence: Licence | null
  readonly datasets: ReadonlyArray<DatasetInfo>
  readonly charts: ReadonlyArray<IndicatorChart>
  /** The dataset with a page per row, where the release has one. */
  readonly paged: PagedDataset | undefined
  readonly changelog: string
  /** Metadata files of the release, linked from the front page. */
  readonly metadataFiles: ReadonlyArray<FileInfo>
  /** Whether the release has a DCAT catalogue, which every page links. */
  readonly catalogue: boolean
  readonly focus: ChartFocus
}

export const licenceLink = (l: Licence) => `<a href="${LICENCES[l].path}">${esc(LICENCES[l].title)}</a> (${l})`
/** A dataset's terms on a page: its licence linked, or that it has none and the rights known. */
export const termsHtml = (t: Terms) =>
  t.licence === null
    ? `<span id="rights">Ingen licens <span lang="en" class="en">No licence</span>: ${esc(t.rights ?? "")}</span>`
    : licenceLink(t.licence)
export const text = (v: unknown) => (v === null || v === undefined ? "" : String(v))
export const sek = (v: unknown) => (v === null || v === undefined ? "" : `${formatNumber(Number(v))} kr`)

export const downloads = (files: ReadonlyArray<FileInfo>, root: string, caption: string) =>
  table({
    caption,
    head: ['Fil <span lang="en" class="en">File</span>', 'Storlek <span lang="en" class="en">Size</span>', "SHA-256"],
    rows: files.map((f) => [
      `<a${f.id === undefined ? "" : ` id="${esc(f.id)}"`} href="${root}${esc(f.path)}" data-sha256="${f.sha256}">${esc(f.path)}</a>`,
      esc(bytes(f.bytes)),
      `<code>${f.sha256}</code>${f.sha1 === undefined || f.id === undefined ? "" : `<br>SHA-1: <code id="${esc(f.id)}-sha1">${f.sha1}</code>`}`,
    ]),
    numeric: [1],
  })
