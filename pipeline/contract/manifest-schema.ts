/**
 * The manifest in raw/ declares every delivery: who sent it, under which licence, when, its
 * checksum, how to read it (dialect) and which dataset fields its columns feed.
 */
import { Schema } from "effect"
import { MISSING_LABELS } from "../../schemas/common-fields.ts"
import { UNPRINTABLE_CLASS } from "../shared/escape-text.ts"
import { PLAIN_PATH, PLAIN_PATH_WORDS } from "./raw-layout.ts"

/**
 * Text the release shows as a name, a title or a reason (on the site, in the change record, the
 * codebooks, the release notes, a terminal): one line, of characters that show as themselves.
 */
const Line = Schema.String.check(
  Schema.isPattern(new RegExp(`^[^${UNPRINTABLE_CLASS}]*$`, "u"), {
    expected: "text on one line, without control characters (a line break, a tab, an escape)",
  }),
)
export const NonEmptyLine = Line.check(Schema.isMinLength(1))

/** A file's path in raw/, as plain names (raw-layout.ts). */
const FilePath = Schema.String.check(
  Schema.isPattern(PLAIN_PATH, { expected: `a path relative to raw/ of plain names: ${PLAIN_PATH_WORDS}` }),
)
import { WideColumns } from "./wide-columns.ts"

/** Upper-case hex (PowerShell's Get-FileHash) is read as the same checksum. */
const Sha256 = Schema.String.check(Schema.isPattern(/^[0-9a-fA-F]{64}$/u, { expected: "64 hex digits" }))
const IsoDate = Schema.String.check(
  Schema.isPattern(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/u, { expected: "a date YYYY-MM-DD" }),
)

export const MissingMarker = Schema.Struct({
  /** The text that stands for a missing value, compared after trimming. */
  value: Schema.String,
  /** Why the value is missing, published with the null. */
  label: Schema.Literals(MISSING_LABELS),
})
export type MissingMarker = typeof MissingMarker.Type

export const Dialect = Schema.Struct({
  encoding: Schema.optionalKey(Schema.Literals(["utf-8", "windows-1252"])),
  delimiter: Schema.optionalKey(Schema.Literals([",", ";", "\t", "|"])),
  quote: Schema.optionalKey(Schema.Literals(['"', "'"])),
  header: Schema.optionalKey(Schema.Literal(true)),
  decimalSeparator: Schema.optionalKey(Schema.Literals([".", ","])),
  thousandsSeparator: Schema.optionalKey(Schema.Literals([" ", ",", ".", ""])),
  /** JSON only: the property of the top-level object holding the records. */
  records: Schema.optionalKey(Schema.String),
  /** JSON only: a property of each record holding an array of objects, each a record with its parent's values. */
  unnest: Schema.optionalKey(Schema.String),
  missingValues: Schema.optionalKey(Schema.Array(MissingMarker)),
  /** Excel only: the sheet to read (the first sheet without it). */
  sheet: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  /** Excel only: the row of the header, 1-based (1 without it); the rows above it are titles and notes. */
  headerRow: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1048576 }))),
  /** Excel only: the table's last row, 1-based; the rows below it (notes, sources) are not read. */
  lastRow: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 2, maximum: 1048576 }))),
})
export type Dialect = typeof Dialect.Type

export const ColumnMapping = Schema.Union([
  Schema.String,
  Schema.Struct({
    field: Schema.String,
    /** `code-name`: "2403 Bjurholm" gives the code; `municipality-name`: a name looked up to its code. */
    parse: Schema.optionalKey(Schema.Literals(["code-name", "municipality-name"])),
    /** Restore leading zeros of a code to this width, recording each repair. */
    zeroPad: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 12 }))),
  }),
  /** One of the columns whose values together choose a field's value (see `categories`). */
  Schema.Struct({ categoryOf: Schema.String }),
  /** A column of personal data: dropped when read, never seen by later stages. */
  Schema.Struct({ personal: Schema.Literal(true) }),
  /** A column the dataset does not use, with the reason. */
  Schema.Struct({ ignore: Line }),
])
export type ColumnMapping = typeof ColumnMapping.Type

/**
 * How a delivery stands in time: the files an entry replaces (corrected deliveries, kept in
 * raw/ as history and no longer published), and a reason when the delivery is withdrawn.
 */
const Replaces = Schema.Array(FilePath).check(Schema.isMinLength(1))
const Withdrawn = Line.check(Schema.isMinLength(1, { expected: "the reason the delivery is withdrawn" }))
/**
 * Why a delivery's file is no longer in raw/ (it held personal data, say): the entry stays as
 * the record of what was published, and only a delivery no longer published may be erased.
 */
const Erased = Line.check(Schema.isMinLength(1, { expected: "why the file was removed from raw/" }))

/**
 * A change to another publisher's delivery (a correction of it, its withdrawal) is the
 * maintainers' to make, and says so and why, on the entry that replaces it or on the entry
 * withdrawn: "maintainers: <why>" (at the publisher's request, or for a reason of their own).
 */
const OnBehalf = Schema.String.check(
  Schema.isPattern(new RegExp(`^maintainers: [^\\s${UNPRINTABLE_CLASS}][^${UNPRINTABLE_CLASS}]*$`, "u"), {
    expected: "who makes the change and why, on one line: maintainers: <why>",
  }),
).annotate({
  description:
    "Where the maintainers replace or withdraw another publisher's delivery: that they do it, and why (maintainers: <why>)",
})

/** The licences a delivery may be given under (SPDX). */
export const LICENCE_NAMES = ["CC0-1.0", "CC-BY-4.0"] as const
/**
 * The licence its publisher or source grants, or null where it states none: then `rights` says
 * what terms are known. No licence is ever assumed.
 */
const LicenceGranted = Schema.NullOr(Schema.Literals(LICENCE_NAMES)).annotate({
  description:
    "The licence the publisher or source grants the file under (SPDX), or null where it states none; then rights says what terms are known",
})
const Rights = NonEmptyLine.annotate({
  description:
    "The terms that are known where no licence is granted: who the data belongs to, what they allow and how to credit them",
})

/**
 * The dates a delivery's data is as of (a register read on a day, the reference day of the
 * newest statistics) and the day it was retrieved from its source, each where known; `received`
 * is the day it was filed into raw/. A date not given is not known.
 */
const AsOf = IsoDate.annotate({
  description:
    "The day the data describes, where known: a register's state on the day it was read, the reference day of its newest figures",
})
const Retrieved = IsoDate.annotate({ description: "The day the file was taken from its source, where known" })
/** The copy a snapshot was taken from, where it was not the source itself (a third party's scrape). */
const Via = NonEmptyLine.annotate({
  description: "The copy the file was taken from, where not from its source directly: who made it, and when",
})

/**
 * A document a delivery was transcribed from: its title, who made it, and its address where
 * known. Where the document is a record of a source the repository declares (a case in a
 * register), `source` names it, and `fields` lists the fields the transcription took from it:
 * a comparison of those fields with that source compares a copy with its original.
 */
export const SourceDocument = Schema.Struct({
  title: NonEmptyLine,
  publisher: NonEmptyLine,
  url: Schema.optionalKey(
    Schema.String.check(Schema.isPattern(/^https?:\/\/\S+$/u, { expected: "an http(s) address" })),
  ),
  source: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  fields: Schema.optionalKey(Schema.Array(Schema.String.check(Schema.isMinLength(1))).check(Schema.isMinLength(1))),
})
export type SourceDocument = typeof SourceDocument.Type

export const Correction = Schema.Struct({
  field: Schema.String,
  from: Schema.String,
  to: Schema.String,
  reason: NonEmptyLine,
})
export type Correction = typeof Correction.Type

export const Delivery = Schema.Struct({
  file: FilePath,
  dataset: Schema.String.annotate({ description: "The dataset the delivery feeds" }),
  /**
   * How the file came to be: `delivered` by its publisher, or `transcribed` by the
   * repository's maintainers from the `documents` named (a file taken from a source by name is
   * a snapshot, and its entry names the source instead).
   */
  kind: Schema.Literals(["delivered", "transcribed"]),
  /** Delivered: who sent the file. Transcribed: who made the documents it was transcribed from. */
  publisher: NonEmptyLine,
  /** What a transcription was transcribed from; `received` is then the day it was transcribed. */
  documents: Schema.optionalKey(Schema.Array(SourceDocument).check(Schema.isMinLength(1))),
  licence: LicenceGranted,
  rights: Schema.optionalKey(Rights),
  received: IsoDate.annotate({
    description: "The day the file was received and filed into raw/ (or transcribed), YYYY-MM-DD",
  }),
  asOf: Schema.optionalKey(AsOf),
  retrieved: Schema.optionalKey(Retrieved),
  sha256: Sha256.annotate({
    description: "The file's SHA-256, in hex; `npx pipeline add` writes it, and `sha256sum` or Get-FileHash give it",
  }),
  description: Schema.optionalKey(Line),
  format: Schema.Literals(["csv", "json", "xlsx"]),
  dialect: Schema.optionalKey(Dialect),
  columns: Schema.Record(Schema.String, ColumnMapping).annotate({
    description:
      "Each column's label in the file, to the dataset field it feeds (a name, or { field, parse, zeroPad }), or { personal: true }, or { ignore: reason }",
  }),
  constants: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  corrections: Schema.optionalKey(Schema.Array(Correction)),
  /**
   * Fields whose value follows from the values of several columns (each declared
   * `{ "categoryOf": field }`): the cells, in the order of `columns`, joined by " / ", to the
   * field's value. A combination not listed is an error.
   */
  categories: Schema.optionalKey(Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.String))),
  /**
   * `wide`: the header's columns that `columns` declares (a list of labels, a range of years, a
   * prefix) are one value each; the label feeds `labelField` (a year, say) and the cell `valueField`.
   */
  layout: Schema.optionalKey(
    Schema.Struct({
      wide: Schema.Struct({ columns: WideColumns, labelField: Schema.String, valueField: Schema.String }),
    }),
  ),
  /**
   * `refuse` (the default): any invalid row refuses the release. `exclude`: rows that fail a
   * row or table rule are left out and reported as warnings; file-level problems still refuse.
   */
  invalidRows: Schema.optionalKey(Schema.Literals(["refuse", "exclude"])),
  /** Deliveries this one corrects: they stay in raw/ and the manifest, and are not published. */
  replaces: Schema.optionalKey(Replaces),
  /** Why the delivery is no longer published: it stays in raw/ and the manifest as history. */
  withdrawn: Schema.optionalKey(Withdrawn),
  onBehalf: Schema.optionalKey(OnBehalf),
  erased: Schema.optionalKey(Erased),
})
export type Delivery = typeof Delivery.Type

/** A file of a source the repository declares by name: the source brings the rest. */
export const SourceDelivery = Schema.Struct({
  file: Delivery.fields.file,
  source: Schema.String,
  received: IsoDate,
  asOf: Schema.optionalKey(AsOf),
  retrieved: Schema.optionalKey(Retrieved),
  via: Schema.optionalKey(Via),
  sha256: Sha256,
  description: Schema.optionalKey(Line),
  replaces: Schema.optionalKey(Replaces),
  withdrawn: Schema.optionalKey(Withdrawn),
  onBehalf: Schema.optionalKey(OnBehalf),
  erased: Schema.optionalKey(Erased),
})
export type SourceDelivery = typeof SourceDelivery.Type

/** An entry is a source's file when it names a source, else a delivery declared in full. */
export type ManifestEntry = Delivery | SourceDelivery

export const Manifest = Schema.Struct({
  /** The manifest's JSON Schema, for editors; the pipeline does not read it. */
  $schema: Schema.optionalKey(Schema.String),
  deliveries: Schema.Array(Schema.Unknown),
})
export type Manifest = typeof Manifest.Type

/** The dialect with every default filled in. */
export interface ResolvedDialect {
  readonly encoding: "utf-8" | "windows-1252"
  readonly delimiter: string
  readonly quote: string
  readonly decimalSeparator: "." | ","
  readonly thousandsSeparator: string
  readonly records: string | undefined
  readonly unnest: string | undefined
  readonly missingValues: ReadonlyArray<MissingMarker>
  readonly sheet: string | undefined
  readonly headerRow: number
  readonly lastRow: number | undefined
}

export const resolveDialect = (d: Dialect | undefined): ResolvedDialect => ({
  encoding: d?.encoding ?? "utf-8",
  delimiter: d?.delimiter ?? ",",
  quote: d?.quote ?? '"',
  decimalSeparator: d?.decimalSeparator ?? ".",
  thousandsSeparator: d?.thousandsSeparator ?? "",
  records: d?.records,
  unnest: d?.unnest,
  missingValues: d?.missingValues ?? [],
  sheet: d?.sheet,
  headerRow: d?.headerRow ?? 1,
  lastRow: d?.lastRow,
})
