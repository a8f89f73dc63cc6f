/**
 * The published history is immutable. The previous release's deliveries dataset is the record
 * of what it published: each delivery it lists stays declared, with the bytes it was published
 * with (`sha256`), read as it was (`reading_sha256`, where the release records it; reading.ts
 * says which fields that covers), of the same kind and, declared in full, the same publisher. A
 * change is a new delivery that replaces it. What only describes a delivery, and where it stands
 * in time (withdrawn, replaced, erased), may change. Pure.
 */
import { whose } from "../shared/text.ts"
import type { DeclaredDelivery } from "./declared-delivery.ts"

/**
 * A delivery as the previous release's deliveries dataset lists it: what it records is compared,
 * and a field an older release did not record yet (undefined) is not.
 */
export interface PublishedDelivery {
  readonly file: string
  readonly sha256: string
  readonly kind: string | undefined
  readonly publisher: string | undefined
  readonly reading: string | undefined
  readonly state: string | undefined
}

/** A finding in the manifest, at a path of it (["deliveries", 3, "sha256"]). */
export interface ManifestFinding {
  readonly code: "manifest/published" | "manifest/publisher" | "manifest/on-behalf"
  readonly path: ReadonlyArray<string | number>
  readonly message: string
  readonly value?: string
}

/** What to do instead of changing a published delivery: file the new one in its place. */
const instead = (d: Pick<DeclaredDelivery, "file" | "source">): string =>
  d.source === undefined
    ? `file the new version as a new delivery that replaces it: pipeline add NEWFILE --replaces ${d.file}`
    : `file the source's new file as a new snapshot: pipeline snapshot ${d.source} --from NEWFILE`

export const publishedFindings = (
  history: ReadonlyArray<DeclaredDelivery>,
  published: ReadonlyArray<PublishedDelivery>,
): ManifestFinding[] => {
  const declared = new Map(history.map((d) => [d.file, d]))
  const findings: ManifestFinding[] = []
  for (const p of published) {
    const d = declared.get(p.file)
    if (d === undefined) {
      findings.push({
        code: "manifest/published",
        path: ["deliveries"],
        value: p.file,
        message: `${p.file} was published, and the manifest no longer declares it: a published delivery stays declared, as the record of what was published. Put its entry back as it was; to take it out of the release, pipeline withdraw ${p.file} --reason TEXT, or let a new delivery replace it, pipeline add NEWFILE --replaces ${p.file}`,
      })
      continue
    }
    const at = (field: ReadonlyArray<string>, value: string | undefined, message: string) =>
      findings.push({
        code: "manifest/published",
        path: ["deliveries", d.index, ...field],
        ...(value === undefined ? {} : { value }),
        message: `${d.file} was published ${message}`,
      })
    if (d.sha256 !== p.sha256)
      at(
        ["sha256"],
        d.sha256,
        `with sha256 ${p.sha256}, and its entry now says ${d.sha256}: a published delivery's bytes never change. Restore the file as it was published, and its entry's sha256; ${instead(d)}`,
      )
    if (p.kind !== undefined && d.kind !== p.kind)
      at(
        [d.source === undefined ? "kind" : "source"],
        d.kind,
        `as ${p.kind}, and its entry now makes it ${d.kind}: how a published delivery came to be does not change. Restore its entry; ${instead(d)}`,
      )
    // A snapshot's publisher is its source's, declared in code: a change of it is reviewed as code.
    if (p.publisher !== undefined && d.source === undefined && d.publisher !== p.publisher)
      at(
        ["publisher"],
        d.publisher,
        `as ${whose(p.publisher)}, and its entry now says it is ${whose(d.publisher)}: whose a published delivery is does not change. Restore "publisher": ${JSON.stringify(p.publisher)}; data of another publisher is that publisher's own delivery, which may replace this one`,
      )
    if (p.reading !== undefined && d.reading !== p.reading)
      at(
        [],
        undefined,
        `read as its entry then said, and the entry now reads or feeds it otherwise (its ${d.source === undefined ? "dataset, format, dialect, columns, constants, corrections, categories, layout, invalidRows, replaces or covers" : "source or replaces"} changed): what a published delivery gave stays as it was given. Restore those fields as they were published; to read the file otherwise, ${instead(d)}`,
      )
  }
  return findings
}
