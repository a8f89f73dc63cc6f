/** How raw/ is laid out: the manifest beside the deliveries, a snapshot's sidecar beside its file. */

export const MANIFEST_FILE = "manifest.json"

/** Beside a snapshot's file: where it came from, when, and what was received (written by `snapshot`). */
export const sidecarOf = (file: string): string => `${file}.snapshot.json`
