/** How raw/ is laid out: the manifest beside the deliveries, a snapshot's sidecar beside its file. */

export const MANIFEST_FILE = "manifest.json"

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
