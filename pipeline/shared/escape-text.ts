/**
 * Text that came from a delivery, the manifest or the data, written so that it stays text where
 * it lands: a line of a terminal (which GitHub Actions also reads for workflow commands), and
 * Markdown (the change record, the codebooks, the job summaries, the release notes). Pure.
 * HTML has its own (`esc` in pipeline/site/html.ts); JSON, CSV and XML have their writers'.
 */

/**
 * What a line cannot show as itself: control characters (C0, DEL, C1), the line and paragraph
 * separators, and the marks that reorder text for display (bidirectional embeddings,
 * overrides and isolates), with which a line can be made to read as something it is not.
 */
export const UNPRINTABLE_CLASS = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069"
const UNPRINTABLE = new RegExp(`[${UNPRINTABLE_CLASS}]`, "gu")

const NAMED: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" }

/** Each character a line cannot show as itself written as its escape (`\n`, `\u001b`): one line. */
export const visible = (s: string): string =>
  s.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/**
 * A line for a terminal. GitHub Actions reads every line a step prints for workflow commands:
 * one that begins with `::` (after white space), and the older form `##[command]` anywhere in
 * a line. So besides being one line of visible characters, neither is left in it: a leading
 * `::` becomes `\u003a:`, and `##[` becomes `#\u0023[`.
 */
export const terminalLine = (s: string): string =>
  visible(s)
    .replaceAll("##[", "#\\u0023[")
    .replace(/^( *)::/u, "$1\\u003a:")

/**
 * The characters that make inline Markdown of text: the backslash, code, emphasis (an
 * underscore only where it can open or close it, not inside a word like `kolada_n00999`),
 * links, raw HTML and autolinks, an entity (`&amp;`), a table's cell and strikethrough.
 */
const MARKDOWN_SPECIAL = /[\\`*[\]|~]|<(?=[\p{L}/!?])|&(?=#|[A-Za-z0-9]+;)|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu

/**
 * Text as inline Markdown that reads as the characters it is: one line (see `visible`), and
 * every character that Markdown would read as markup escaped with a backslash, so no link,
 * code, emphasis, heading or table cell can be made from it. For text inside a line: what a
 * line may begin with (`#`, `>`, `-`, `1.`) is not escaped.
 */
export const markdownText = (s: string): string => visible(s).replace(MARKDOWN_SPECIAL, "\\$&")

/** An address as a Markdown autolink if it is a plain http(s) one, else as escaped text. */
export const markdownUrl = (u: string): string => (/^https?:\/\/[^\s<>]+$/iu.test(u) ? `<${u}>` : markdownText(u))

/** A name (a file's, a field's) as inline code; as escaped text when it holds a backtick. */
export const markdownCode = (s: string): string => {
  const v = visible(s)
  return v === "" || v.includes("`") ? markdownText(s) : `\`${v}\``
}

/** Lines as a Markdown code block, fenced by more backticks than any line holds in a row. */
export const markdownCodeBlock = (lines: ReadonlyArray<string>): string[] => {
  const longest = Math.max(2, ...lines.flatMap((l) => (l.match(/`+/gu) ?? []).map((run) => run.length)))
  const fence = "`".repeat(longest + 1)
  return [fence, ...lines.map(visible), fence]
}
