/**
 * The sidecar filed beside each snapshot in raw/ (raw-layout.ts, `sidecarOf`): where the file came
 * from, when, under which terms, and what was removed from it. Written once, when the snapshot
 * is filed, and never changed: its keys are part of raw/'s record.
 */
export interface Sidecar {
  readonly source: string
  readonly origin: string
  /** The address fetched, or null for a file filed by hand. */
  readonly url: string | null
  /** Every address fetched for the file, one per page. */
  readonly pages: ReadonlyArray<string>
  /** When the file was fetched; null when it was downloaded by hand (the time is not known). */
  readonly retrieved_at: string | null
  readonly filed_at: string
  /** The name of the file filed by hand. */
  readonly filed_from: string | null
  readonly sha256: string
  readonly bytes: number
  /** The licence the source grants, or null where it states none; then `rights` says what is known. */
  readonly licence: string | null
  readonly rights: string | null
  readonly attribution: string
  /** The day the file's data is as of, where known, and how it is known. */
  readonly as_of: string | null
  readonly as_of_from: string | null
  /** The copy the file was taken from, where not its source directly. */
  readonly via: string | null
  /** What the snapshot covers, as the source declares it: the newer snapshot speaks for all of it. */
  readonly scope: string
  /** HTTP validators of a fetched file (ETag, Last-Modified), for conditional requests. */
  readonly http: { readonly etag: string | null; readonly last_modified: string | null } | null
  /**
   * For a source with personal columns: the file filed is the original with those columns'
   * cells emptied and personal data removed from its free text. The original's sha256 and size,
   * and how much was removed; never what.
   */
  readonly redaction: {
    readonly original_sha256: string
    readonly original_bytes: number
    readonly columns_emptied: ReadonlyArray<string>
    readonly values_removed: number
    readonly free_text_removals: number
    /** The removals from free text by what gave them away (a label, a verb of speech, a title…). */
    readonly free_text_removals_by_kind: Readonly<Record<string, number>>
  } | null
}
