/**
 * Every delivery the manifest declares, current or not, with its standing in time: what the
 * release says of its deliveries (the `deliveries` dataset, codebooks, pages, change record).
 * Pure.
 */
import type { Delivery as DeliveryRow } from "../../schemas/types.ts"
import type { Standing } from "./delivery-timeline.ts"
import type { Delivery } from "./manifest-schema.ts"

/** A delivery as the manifest declares it, with its standing in time: one per entry. */
export interface DeclaredDelivery extends Standing {
  readonly file: string
  /** The source it is a snapshot of, or undefined for a delivery declared in full. */
  readonly source: string | undefined
  /** That source's title ("Kolada") and where its files come from. */
  readonly sourceTitle: string | undefined
  readonly origin: string | undefined
  /** The datasets it feeds (a source's file may feed several). */
  readonly datasets: ReadonlyArray<string>
  readonly publisher: string
  readonly licence: Delivery["licence"]
  readonly received: string
  readonly sha256: string
  readonly description: string | undefined
  /** The line of the manifest where its entry begins. */
  readonly line: number
}

/** A delivery in words: "Kolada, snapshot of 2026-11-02", "Bjurholms kommun, received 2011-05-16". */
export const deliveryLabel = (d: DeclaredDelivery): string =>
  d.sourceTitle === undefined ? `${d.publisher}, received ${d.received}` : `${d.sourceTitle}, snapshot of ${d.received}`

/** Where a delivery stands, in words: "current", "superseded by `x`", "withdrawn: why". */
export const standingText = (d: Standing, code: (file: string) => string = (f) => `\`${f}\``, text: (s: string) => string = (t) => t): string =>
  d.status === "withdrawn" ? `withdrawn: ${text(d.withdrawnReason ?? "")}` : d.status === "superseded" ? `superseded by ${code(d.supersededBy ?? "")}` : "current"

/** The deliveries that feed a dataset, current first, then the newest first. */
export const historyOf = (history: ReadonlyArray<DeclaredDelivery>, dataset: string): DeclaredDelivery[] =>
  history.filter((d) => d.datasets.includes(dataset)).sort((a, b) =>
    Number(a.status !== "current") - Number(b.status !== "current") || (a.received > b.received ? -1 : a.received < b.received ? 1 : a.file < b.file ? -1 : 1))

/** The rows of the `deliveries` dataset: one per manifest entry. */
export const deliveryRows = (history: ReadonlyArray<DeclaredDelivery>): DeliveryRow[] =>
  history.map((d) => ({
    file: d.file,
    source: d.source ?? null,
    publisher: d.publisher,
    licence: d.licence,
    received: d.received,
    sha256: d.sha256,
    status: d.status,
    superseded_by: d.supersededBy,
    withdrawn_reason: d.withdrawnReason,
    description: d.description === undefined || d.description.trim() === "" ? null : d.description,
    manifest_line: d.line,
  }))
