/**
 * Supersession by coverage. A newer delivery (a correction, the next snapshot of a source)
 * takes the place of an older one's rows only where it covers them: in a dataset whose
 * definition gives coverage fields (indicator values: indicator, municipality, year), by the
 * values its entry or source declares (`covers`), or else the values its own rows have; in any
 * other dataset it feeds, all of them. What no newer delivery covers stays published from the
 * older one, which is then partly superseded; a row a newer delivery covers and does not have
 * is withdrawn. Pure: which rows are read and what covers them, and, once the rows are read
 * (load/supersede-covered.ts), where each delivery stands.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { counted } from "../shared/text.ts"
import type { Covers, ManifestEntry } from "../contract/manifest-schema.ts"
import type { PlannedDelivery, SourceDeclaration } from "../contract/source-declaration.ts"
import type { DeclaredDelivery } from "./declared-delivery.ts"
import type { Standing } from "./delivery-timeline.ts"

/** What a delivery covers of one field: every value, the values listed, or the values its rows have. */
export type FieldCoverage = "all" | "rows" | ReadonlyArray<string>

/** What a newer delivery covers of a dataset, field by field. */
export interface Coverage {
  readonly file: string
  readonly fields: Readonly<Record<string, FieldCoverage>>
}

/** An older delivery's rows in one dataset, read, with the newer deliveries that may cover them. */
export interface CoveredShare {
  readonly file: string
  readonly dataset: string
  /** Empty when no newer delivery feeds the dataset: its rows there all stay. */
  readonly coveredBy: ReadonlyArray<Coverage>
}

/** Whether a delivery's rows in a dataset are read, and, for a superseded one, what may cover them. */
export type Share = { readonly read: false } | { readonly read: true; readonly covered: CoveredShare | undefined }

const NOT_READ: Share = { read: false }

/** The coverage of each field: as declared (values compared as text), or the values of the delivery's rows. */
const coverageOf = (fields: ReadonlyArray<string>, declared: Covers | undefined) =>
  Object.fromEntries(
    fields.map((f): [string, FieldCoverage] => {
      const given = declared?.[f]
      return [f, given === undefined ? "rows" : given === "all" ? "all" : given.map(String)]
    }),
  )

/**
 * Decides, for the deliveries of the manifest, whether each one's rows in a dataset are read
 * (`shareOf`): a current delivery's are; a superseded one's are unless a newer delivery covers
 * them all whatever they are (a dataset without coverage fields, `covers` of "all" for each, a
 * newer delivery withdrawn or erased, whose rows cannot tell what it covers), or its file is
 * erased. `plan` adds a delivery's share to `planned` if it is read, and to `covered` if it is
 * superseded.
 */
export const sharePlanner = (
  entries: ReadonlyArray<ManifestEntry>,
  sources: ReadonlyMap<string, SourceDeclaration>,
  datasets: ReadonlyArray<DatasetDefinition>,
) => {
  const byFile = new Map<
    string,
    { readonly unread: boolean; readonly feeds: ReadonlyMap<string, Covers | undefined> }
  >()
  for (const e of entries) {
    if (byFile.has(e.file)) continue
    const feeds: Array<[string, Covers | undefined]> =
      "source" in e ? (sources.get(e.source)?.feeds ?? []).map((f) => [f.dataset, f.covers]) : [[e.dataset, e.covers]]
    byFile.set(e.file, { unread: e.withdrawn !== undefined || e.erased !== undefined, feeds: new Map(feeds) })
  }
  const shareOf = (entry: ManifestEntry, standing: Standing, dataset: string): Share => {
    if (standing.state === "current") return { read: true, covered: undefined }
    const definition = datasets.find((d) => d.name === dataset)
    if (standing.state !== "superseded" || entry.erased !== undefined || definition === undefined) return NOT_READ
    const fields = definition.coverage ?? []
    const coveredBy: Coverage[] = []
    for (const file of standing.successors) {
      const newer = byFile.get(file)
      if (newer === undefined || !newer.feeds.has(dataset)) continue
      if (newer.unread || fields.length === 0) return NOT_READ
      const coverage = coverageOf(fields, newer.feeds.get(dataset))
      if (fields.every((f) => coverage[f] === "all")) return NOT_READ
      coveredBy.push({ file, fields: coverage })
    }
    return { read: true, covered: { file: entry.file, dataset, coveredBy } }
  }
  const planned: Array<[number, PlannedDelivery]> = []
  const covered: CoveredShare[] = []
  const plan = (index: number, entry: ManifestEntry, standing: Standing, delivery: PlannedDelivery) => {
    const share = shareOf(entry, standing, delivery.dataset)
    if (!share.read) return
    planned.push([index, delivery])
    if (share.covered !== undefined) covered.push(share.covered)
  }
  return { shareOf, plan, planned, covered }
}

/** What of an older delivery's rows in a dataset is left once the rows its successors cover are out. */
export interface ShareLeft {
  readonly file: string
  readonly dataset: string
  readonly rows: number
  /** The values the rows left have, in each coverage field, in order. */
  readonly values: ReadonlyArray<{ readonly field: string; readonly values: ReadonlyArray<string> }>
}

/** How many values of a field the words of a partly superseded delivery list. */
const SHOWN_VALUES = 8

const valuesText = (values: ReadonlyArray<string>) =>
  values.length <= SHOWN_VALUES
    ? values.join(", ")
    : `${values.slice(0, SHOWN_VALUES).join(", ")} and ${values.length - SHOWN_VALUES} more`

/** "6 rows of indicator_values (indicator_id population; municipality_code 2401, 2403; year 2007)". */
export const shareText = (s: ShareLeft): string =>
  `${counted(s.rows, "row")} of ${s.dataset}${
    s.values.length === 0 ? "" : ` (${s.values.map((v) => `${v.field} ${valuesText(v.values)}`).join("; ")})`
  }`

/**
 * Where each delivery stands once its rows are read: a superseded delivery with rows left is
 * partly superseded, and says which.
 */
export const standingAfterCoverage = (
  history: ReadonlyArray<DeclaredDelivery>,
  left: ReadonlyArray<ShareLeft>,
): DeclaredDelivery[] =>
  history.map((d) => {
    const shares = left.filter((s) => s.file === d.file && s.rows > 0)
    return d.state !== "superseded" || shares.length === 0
      ? d
      : { ...d, state: "partly superseded", stillPublished: shares.map(shareText).join(", ") }
  })

/**
 * The manifest as the release publishes it once the rows newer deliveries cover are out: the
 * deliveries with rows left in their dataset (the sources of the release, its date), and where
 * each declared delivery stands.
 */
export const publishedAfterCoverage = <
  M extends {
    readonly deliveries: ReadonlyArray<{ readonly file: string; readonly dataset: string }>
    readonly history: ReadonlyArray<DeclaredDelivery>
  },
>(
  manifest: M,
  left: ReadonlyArray<ShareLeft>,
): M => {
  const gone = new Set(left.filter((s) => s.rows === 0).map((s) => JSON.stringify([s.file, s.dataset])))
  return {
    ...manifest,
    deliveries: manifest.deliveries.filter((d) => !gone.has(JSON.stringify([d.file, d.dataset]))),
    history: standingAfterCoverage(manifest.history, left),
  }
}
