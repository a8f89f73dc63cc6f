/**
 * The Markdown this project writes (the change record) as HTML for the site: headings,
 * paragraphs, lists, tables, and inline backslash escapes, code and links. The text in it came
 * partly from deliveries (escaped where it was written, pipeline/shared/escape-text.ts); what is
 * not markup is text here, and a link leads only to an http(s) address or within the site. Pure.
 */
import { esc, table } from "./html.ts"

/** ASCII punctuation: what a backslash escapes in Markdown. */
const PUNCTUATION = /^[!-/:-@[-`{-~]$/u

/**
 * Whether a link may lead there: an http(s) address, or a path within the site (no scheme, so
 * no `javascript:`, `data:` or `vbscript:`). A browser drops tabs and line breaks from an
 * address and trims control characters and spaces around it, so a target that holds any is no
 * link either.
 */
export const safeHref = (url: string): boolean =>
  url !== "" && !/[\u0000-\u0020\u007f]/u.test(url) && (/^https?:\/\//iu.test(url) || !/^[^/?#]*:/u.test(url))

/** Where the run of exactly `n` backticks that closes a code span begins, from `from` on; -1 if none. */
const closingRun = (s: string, from: number, n: number): number => {
  for (let i = s.indexOf("`", from); i >= 0; i = s.indexOf("`", i)) {
    let end = i
    while (s[end] === "`") end++
    if (end - i === n) return i
    i = end
  }
  return -1
}

interface LinkLook {
  readonly link?: { readonly text: string; readonly target: string }
  readonly end: number
}

/**
 * A link at `i` (`[text](target)`): its text, its target and where it ends; or, when there is
 * none, how far the look went (`end`): a `[` before there has no link either, since its look
 * would stop at the same `]`. So a line of brackets costs no more than its length.
 */
const linkAt = (s: string, i: number): LinkLook => {
  let j = i + 1
  while (j < s.length && s[j] !== "]") j += s[j] === "\\" ? 2 : 1
  if (j >= s.length) return { end: s.length }
  if (j === i + 1 || s[j + 1] !== "(") return { end: j }
  let k = j + 2
  while (k < s.length && !/[\s()]/u.test(s[k]!)) k++
  if (s[k] !== ")" || k === j + 2) return { end: j }
  return { link: { text: s.slice(i + 1, j), target: s.slice(j + 2, k) }, end: k + 1 }
}

/** One line's inline Markdown as HTML. */
const inline = (s: string): string => {
  let out = ""
  let noLinkBefore = 0
  // A run of backticks that found no closing run of its length: none of that length is ahead.
  const unclosed = new Set<number>()
  for (let i = 0; i < s.length; ) {
    const c = s[i]!
    const look = c === "[" && i >= noLinkBefore ? linkAt(s, i) : undefined
    const link = look?.link
    if (look !== undefined && link === undefined) noLinkBefore = look.end
    if (c === "\\" && PUNCTUATION.test(s[i + 1] ?? "")) {
      out += esc(s[i + 1])
      i += 2
    } else if (c === "`") {
      let n = 1
      while (s[i + n] === "`") n++
      const close = unclosed.has(n) ? -1 : closingRun(s, i + n, n)
      if (close < 0) {
        unclosed.add(n)
        out += s.slice(i, i + n)
        i += n
      } else {
        const code = s.slice(i + n, close)
        out += `<code>${esc(/^ .*[^ ].* $/u.test(code) ? code.slice(1, -1) : code)}</code>`
        i = close + n
      }
    } else if (link !== undefined) {
      out += safeHref(link.target)
        ? `<a href="${esc(link.target)}">${inline(link.text)}</a>`
        : `[${inline(link.text)}](${esc(link.target)})`
      i = look!.end
    } else {
      out += esc(c)
      i++
    }
  }
  return out
}

export const markdown = (text: string, shift = 1): string => {
  const out: string[] = []
  const lines = text.split("\n")
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heading = /^(#{1,6}) (.*)$/u.exec(line)
    if (heading !== null) {
      const level = Math.min(6, heading[1]!.length + shift)
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`)
    } else if (line.startsWith("|")) {
      const block: string[][] = []
      while (i < lines.length && lines[i]!.startsWith("|")) {
        if (!/^\|[-:| ]+\|$/u.test(lines[i]!))
          block.push(
            lines[i]!.slice(1, -1)
              .split(" | ")
              .map((c) => inline(c.trim())),
          )
        i++
      }
      i--
      out.push(table({ caption: "", head: block[0] ?? [], rows: block.slice(1) }).replace("<caption></caption>\n", ""))
    } else if (line.startsWith("- ")) {
      const items: string[] = []
      while (i < lines.length && lines[i]!.startsWith("- ")) items.push(`<li>${inline(lines[i++]!.slice(2))}</li>`)
      i--
      out.push(`<ul>${items.join("")}</ul>`)
    } else if (line.trim() !== "") out.push(`<p>${inline(line)}</p>`)
  }
  return out.join("\n")
}
