/**
 * How raw/ is laid out: the manifest and the register of publishers beside the deliveries, each
 * delivery in its publisher's folder, a snapshot's sidecar beside its file.
 */

export const MANIFEST_FILE = "manifest.json"

/** Who owns which folder of raw/, and which GitHub accounts deliver for them (publisher-register.ts). */
export const PUBLISHERS_FILE = "publishers.json"

/** The folder of raw/ a delivery sits in: the first part of its path, or undefined for a file at raw/'s top. */
export const folderOf = (file: string): string | undefined => (file.includes("/") ? file.split("/")[0] : undefined)

/** Beside a snapshot's file: where it came from, when, and what was received (written by `snapshot`). */
export const sidecarOf = (file: string): string => `${file}.snapshot.json`

/**
 * A plain name of a file or folder in raw/: letters (å, ä, ö and every other), digits, `_`, `.`
 * and `-`, and single spaces between them; not beginning with `-` (read as an option where a
 * name is pasted into a command). A name is printed on terminals, in pull requests, Markdown and
 * addresses, and anything more (a control character, a newline, an escape sequence, a quote, a
 * colon) would need escaping in one of them.
 */
const NAME = "[\\p{L}\\p{M}\\p{N}_.][\\p{L}\\p{M}\\p{N}_.-]*(?: [\\p{L}\\p{M}\\p{N}_.-]+)*"

/** A path relative to raw/: plain names joined by `/`. */
export const PLAIN_PATH = new RegExp(`^${NAME}(?:/${NAME})*$`, "u")

/** What a plain path may hold, in words, for the messages that refuse one. */
export const PLAIN_PATH_WORDS =
  "letters, digits, _ . - and single spaces between them, with / between folders (no control characters, quotes, colons or brackets)"
