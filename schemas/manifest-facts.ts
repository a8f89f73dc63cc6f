/**
 * What the manifest says of a delivery, as the pipeline reads it (pipeline/manifest/
 * declared-delivery.ts): the facts a field of a dataset made from the manifest may hold. `state`
 * is where the delivery stands (current, superseded, partly superseded, withdrawn), `reading`
 * the checksum of how its file is read, `line` the line of the manifest its entry begins on.
 */
export type DeliveryFact =
  | "file"
  | "kind"
  | "source"
  | "documents"
  | "publisher"
  | "licence"
  | "rights"
  | "via"
  | "asOf"
  | "retrieved"
  | "received"
  | "sha256"
  | "reading"
  | "state"
  | "supersededBy"
  | "stillPublished"
  | "withdrawnReason"
  | "erased"
  | "description"
  | "line"
