/**
 * Which fields a transcription took from a document of a source the repository declares (a
 * register's case), as its entry's `documents` say: a comparison of such a field with that
 * source compares a copy with its original. Pure.
 */
import type { DeclaredDelivery } from "./declared-delivery.ts"

export const takenFrom =
  (history: ReadonlyArray<DeclaredDelivery>) =>
  (file: string, field: string): { readonly source: string; readonly document: string } | undefined => {
    const d = history.find((x) => x.file === file)
    const doc = d?.documents.find((x) => x.source !== undefined && (x.fields ?? []).includes(field))
    return doc === undefined ? undefined : { source: doc.source!, document: doc.title }
  }
