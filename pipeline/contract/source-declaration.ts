/**
 * A source declared by name: where its files come from, under which terms, the shape of its
 * files and which datasets they feed. A manifest entry then names the source instead of
 * repeating all of that: `{ "file", "source", "received", "sha256" }`.
 */
import type { ColumnMapping, Covers, Delivery, Dialect } from "./manifest-schema.ts"
import type { Problem } from "../problems/problem.ts"
import type { SourceRecord } from "./source-record.ts"

/** A change an adapter made to a source value, before the dataset's own normalization. */
export interface SourceCorrection {
  readonly line: number
  readonly column: number
  readonly columnName: string
  readonly field: string
  readonly from: string
  readonly to: string
  readonly reason: string
}

/** What one record of the file gives a dataset: records to normalize, changes made, problems. */
export interface AdaptedRecords {
  /** The file's record these come from: a rejected one counts once in the delivery's tally. */
  readonly from: SourceRecord
  readonly records: ReadonlyArray<SourceRecord>
  readonly corrections: ReadonlyArray<SourceCorrection>
  readonly problems: ReadonlyArray<Problem>
}

/**
 * What an adapter gets besides the record: the file as problems name it, and `redact`, which
 * removes personal data from free text. The personal columns themselves are gone by then.
 */
export interface AdapterContext {
  readonly file: string
  readonly redact: (text: string) => { readonly text: string; readonly removed: number }
}

/**
 * Code for a source whose files need more than a column mapping: the file's records (personal
 * columns gone) in, a dataset's records out, grouped by the record they come from. Pure.
 */
export type SourceAdapter = (
  dataset: string,
  records: ReadonlyArray<SourceRecord>,
  ctx: AdapterContext,
) => ReadonlyArray<AdaptedRecords>

/** A dataset the source feeds: the adapter's output names (or the file's columns) to fields. */
export interface SourceFeed {
  readonly dataset: string
  /** With an adapter: its output names to fields. Without, the source's `columns` are used. */
  readonly columns: Readonly<Record<string, ColumnMapping>>
  readonly constants?: Readonly<Record<string, string>>
  readonly categories?: Delivery["categories"]
  readonly layout?: Delivery["layout"]
  /** What each of the source's files covers of the dataset, where not just the values its rows have. */
  readonly covers?: Covers
}

/**
 * Where `snapshot` fetches a source that can be fetched, and in which kind of answer; only
 * `snapshot` uses the network, and holds the code that reads each kind.
 */
export interface RemoteSource {
  /** The name the file is filed under. */
  readonly fileName: string
  /** The first address to ask, from the source's own (or a mirror's) base address. */
  readonly url: (base: string) => string
  /** `kolada-v3`: JSON pages of `values`, each naming the next in `next_url`, joined into one file. */
  readonly answer: "kolada-v3"
}

export interface SourceDeclaration {
  readonly name: string
  readonly title: string
  /** Where the files come from: the page or API a person or `snapshot` fetches them from. */
  readonly origin: string
  readonly publisher: string
  /** The licence the source grants, or null where it states none (then `rights` is required). */
  readonly licence: Delivery["licence"]
  /** The terms that are known where the source grants no licence: whose data it is, what they allow. */
  readonly rights?: string
  /** How the release credits the source, where its terms ask for it. */
  readonly attribution: string
  readonly description: string
  /**
   * What each snapshot covers, in words (Kolada: the KPIs × municipalities asked for), as its
   * feeds' `covers` declare it, or the values its rows have. A newer snapshot speaks for all it
   * covers: a row an older one had there and it has not is removed, and the change record lists
   * it; an older one's rows it does not cover stay published.
   */
  readonly scope: string
  readonly format: Delivery["format"]
  readonly dialect: Dialect
  /** Every column of the file: the field it feeds (or "adapter"), or that it is personal or ignored. */
  readonly columns: Readonly<Record<string, ColumnMapping>>
  readonly feeds: ReadonlyArray<SourceFeed>
  /**
   * A column holding the day (or time) the source was read for the file: its latest value is the
   * day the snapshot's data is as of, which `snapshot` records in the entry.
   */
  readonly asOfColumn?: string
  /**
   * Columns of free text that may name people: personal data is removed from them when a
   * snapshot is filed, and again when it is read.
   */
  readonly freeText?: ReadonlyArray<string>
  readonly adapter?: SourceAdapter
  readonly remote?: RemoteSource
  readonly invalidRows?: Delivery["invalidRows"]
}

/** A delivery as the build plans it: from the manifest, or one dataset's share of a source's file. */
export type PlannedDelivery = Omit<Delivery, "kind"> & {
  /** A source's file is a snapshot; a delivery declared in full says how it came to be. */
  readonly kind: Delivery["kind"] | "snapshot"
  /** Set when the entry named a source. */
  readonly source?: string
  /** For an adapted source: the file's own columns, checked against its header. */
  readonly fileColumns?: Readonly<Record<string, ColumnMapping>>
}

/** The deliveries a manifest entry naming a source stands for: one per dataset it feeds. */
export const deliveriesOfSource = (
  source: SourceDeclaration,
  entry: {
    readonly file: string
    readonly received: string
    readonly asOf?: string | undefined
    readonly retrieved?: string | undefined
    readonly sha256: string
    readonly description?: string | undefined
  },
): PlannedDelivery[] =>
  source.feeds.map((feed) => ({
    file: entry.file,
    dataset: feed.dataset,
    kind: "snapshot",
    publisher: source.publisher,
    licence: source.licence,
    ...(source.rights === undefined ? {} : { rights: source.rights }),
    received: entry.received,
    ...(entry.asOf === undefined ? {} : { asOf: entry.asOf }),
    ...(entry.retrieved === undefined ? {} : { retrieved: entry.retrieved }),
    sha256: entry.sha256,
    description: entry.description ?? source.description,
    format: source.format,
    dialect: source.dialect,
    columns: source.adapter === undefined ? source.columns : feed.columns,
    ...(feed.constants === undefined ? {} : { constants: feed.constants }),
    ...(feed.categories === undefined ? {} : { categories: feed.categories }),
    ...(feed.layout === undefined ? {} : { layout: feed.layout }),
    ...(feed.covers === undefined ? {} : { covers: feed.covers }),
    ...(source.invalidRows === undefined ? {} : { invalidRows: source.invalidRows }),
    source: source.name,
    ...(source.adapter === undefined ? {} : { fileColumns: source.columns }),
  }))
