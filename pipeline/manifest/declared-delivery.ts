/**
 * Every delivery the manifest declares, current or not, with its standing in time: what the
 * release says of its deliveries (the dataset made from the manifest, codebooks, pages, change record).
 * Pure.
 */
import type { DatasetDefinition, DeliveryFact } from "../../schemas/dataset.ts"
import type { Standing } from "./delivery-timeline.ts"
import type { Delivery, SourceDocument } from "../contract/manifest-schema.ts"

/** A delivery as the manifest declares it, with its standing in time: one per entry. */
export interface DeclaredDelivery extends Standing {
  /** Its entry's place in the manifest's `deliveries`. */
  readonly index: number
  readonly file: string
  /** Received from its publisher, taken from a source by name, or typed by the maintainers from documents. */
  readonly kind: "delivered" | "snapshot" | "transcribed"
  /** What a transcription was transcribed from. */
  readonly documents: ReadonlyArray<SourceDocument>
  /** The source it is a snapshot of, or undefined for a delivery declared in full. */
  readonly source: string | undefined
  /** That source's title ("Kolada") and where its files come from. */
  readonly sourceTitle: string | undefined
  readonly origin: string | undefined
  /** The datasets it feeds (a source's file may feed several). */
  readonly datasets: ReadonlyArray<string>
  /** How the file is written: text (CSV, JSON) or a workbook. */
  readonly format: Delivery["format"]
  readonly publisher: string
  /** The licence granted, or null where none is stated (then `rights` says what is known). */
  readonly licence: Delivery["licence"]
  readonly rights: string | undefined
  /** The day the file was filed into raw/ (received, snapshot filed, or transcribed). */
  readonly received: string
  /** The day its data is as of, and the day it was retrieved from its source: undefined where not known. */
  readonly asOf: string | undefined
  readonly retrieved: string | undefined
  /** The copy a snapshot was taken from, where not its source directly. */
  readonly via: string | undefined
  /** Why its file is no longer in raw/, if it was erased. */
  readonly erased: string | undefined
  readonly sha256: string
  /** What defines it beside its bytes: how the file is read, what it feeds and replaces (reading.ts). */
  readonly reading: string
  /** The deliveries its entry says it replaces. */
  readonly replaces: ReadonlyArray<string>
  /** Where the maintainers replace or withdraw another publisher's delivery with it: why. */
  readonly onBehalf: string | undefined
  readonly description: string | undefined
  /** The line of the manifest where its entry begins. */
  readonly line: number
}

/** The day a delivery's data is as of, in words: "data as of 2016-10-14", or that it is not known. */
export const asOfText = (d: { readonly asOf: string | undefined }): string =>
  d.asOf === undefined ? "data as of a day not known" : `data as of ${d.asOf}`

/**
 * A delivery in words: "Kolada, snapshot filed 2026-11-02, data as of …", "Bjurholms kommun,
 * received 2011-05-16".
 */
export const deliveryLabel = (d: DeclaredDelivery): string =>
  d.kind === "snapshot"
    ? `${d.sourceTitle ?? d.source}, snapshot filed ${d.received}, ${asOfText(d)}`
    : d.kind === "transcribed"
      ? `transcribed on ${d.received} from ${d.documents.map((x) => x.title).join("; ")}`
      : `${d.publisher}, received ${d.received}`

/** Text, and an address, as written where they land (HTML, Markdown). */
export interface Writing {
  readonly text: (s: string) => string
  readonly url: (u: string) => string
}

/** As the deliveries dataset holds them: text as it is, an address in angle brackets. */
const AS_DATA: Writing = { text: (s) => s, url: (u) => `<${u}>` }

/** How a delivery came to be, in words: the source of a snapshot, the documents of a transcription. */
export const howText = (d: DeclaredDelivery, w: Writing): string =>
  d.kind === "snapshot"
    ? `snapshot of ${w.text(d.sourceTitle ?? d.source ?? "")}${d.origin === undefined ? "" : ` (${w.url(d.origin)})`}${d.via === undefined ? "" : `, taken from ${w.text(d.via)}`}`
    : d.kind === "transcribed"
      ? `transcribed by the maintainers from ${documentsText(d, w)}`
      : "delivered by its publisher"

/** The documents of a transcription in one line: "title <url>; title". */
export const documentsText = (d: DeclaredDelivery, w: Writing = AS_DATA): string | null =>
  d.documents.length === 0
    ? null
    : d.documents.map((x) => (x.url === undefined ? w.text(x.title) : `${w.text(x.title)} ${w.url(x.url)}`)).join("; ")

/**
 * Where a delivery stands, in words: "current", "superseded by `x`", "partly superseded by `x`;
 * still published: what", "withdrawn: why".
 */
export const standingText = (
  d: Standing,
  code: (file: string) => string = (f) => `\`${f}\``,
  text: (s: string) => string = (t) => t,
): string =>
  d.state === "withdrawn"
    ? `withdrawn: ${text(d.withdrawnReason ?? "")}`
    : d.state === "superseded"
      ? `superseded by ${code(d.supersededBy ?? "")}`
      : d.state === "partly superseded"
        ? `partly superseded by ${code(d.supersededBy ?? "")}; still published: ${text(d.stillPublished ?? "")}`
        : "current"

/** Whether rows of the delivery are published: it is current, or only partly superseded. */
export const isPublished = (d: Standing): boolean => d.state === "current" || d.state === "partly superseded"

/** The deliveries that feed a dataset, those published first, then the newest first. */
export const historyOf = (history: ReadonlyArray<DeclaredDelivery>, dataset: string): DeclaredDelivery[] =>
  history
    .filter((d) => d.datasets.includes(dataset))
    .sort(
      (a, b) =>
        Number(!isPublished(a)) - Number(!isPublished(b)) ||
        (a.received > b.received ? -1 : a.received < b.received ? 1 : a.file < b.file ? -1 : 1),
    )

/** Each fact as a dataset made from the manifest holds it: null where it is not known. */
const FACT_VALUE: Record<DeliveryFact, (d: DeclaredDelivery) => string | number | null> = {
  file: (d) => d.file,
  kind: (d) => d.kind,
  source: (d) => d.source ?? null,
  documents: (d) => documentsText(d),
  publisher: (d) => d.publisher,
  licence: (d) => d.licence,
  rights: (d) => (d.licence === null ? (d.rights ?? null) : null),
  via: (d) => d.via ?? null,
  asOf: (d) => d.asOf ?? null,
  retrieved: (d) => d.retrieved ?? null,
  received: (d) => d.received,
  sha256: (d) => d.sha256,
  reading: (d) => d.reading,
  state: (d) => d.state,
  supersededBy: (d) => d.supersededBy,
  stillPublished: (d) => d.stillPublished,
  withdrawnReason: (d) => d.withdrawnReason,
  erased: (d) => d.erased ?? null,
  description: (d) => (d.description === undefined || d.description.trim() === "" ? null : d.description),
  line: (d) => d.line,
}

/** Of the facts its definition names, those of a delivery, by field. */
export const factsOf = (
  definition: DatasetDefinition,
  d: DeclaredDelivery,
  facts?: ReadonlyArray<DeliveryFact>,
): Record<string, string | number | null> =>
  Object.fromEntries(
    Object.entries(definition.manifestFacts ?? {})
      .filter(([, fact]) => facts === undefined || facts.includes(fact))
      .map(([field, fact]) => [field, FACT_VALUE[fact](d)]),
  )

/** The rows of a dataset made from the manifest: one per entry, at the line the entry begins on. */
export const manifestRows = (definition: DatasetDefinition, history: ReadonlyArray<DeclaredDelivery>) =>
  history.map((d) => ({ row: factsOf(definition, d), line: d.line }))

/** The facts of where a delivery stands, which the change record gives of each delivery it names. */
export const STANDING_FACTS: ReadonlyArray<DeliveryFact> = [
  "state",
  "supersededBy",
  "stillPublished",
  "withdrawnReason",
]

/** The field of a dataset made from the manifest that holds a fact. */
export const factField = (definition: DatasetDefinition, fact: DeliveryFact): string | undefined =>
  Object.entries(definition.manifestFacts ?? {}).find(([, f]) => f === fact)?.[0]

/** The release's date: the latest day a current delivery was filed (the release has no clock). */
export const releaseDateOf = (current: ReadonlyArray<{ readonly received: string }>): string =>
  current
    .map((d) => d.received)
    .sort()
    .at(-1) ?? ""
