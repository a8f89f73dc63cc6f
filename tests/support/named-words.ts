/**
 * Where a TypeScript module names a word: inside a string or template literal (SQL included),
 * as a property access (`.word`, `?.word`), or as the key of an object literal or a type literal
 * (`word:`, `word?:`). Identifiers the code declares for itself (variables, parameters,
 * functions) and comments are not names of anything outside the module, and are not looked at.
 *
 * A small scanner rather than a parser: it knows comments, the three kinds of quote, template
 * literals nested in each other, regular expressions and brackets, which is all it takes to
 * tell those places apart in the code Biome formats.
 */

export interface NamedWord {
  readonly line: number
  readonly word: string
  readonly as: "literal" | "property" | "key"
  /** Of a literal: whether it reads as words (two or more, and no SQL). */
  readonly prose: boolean
}

const SQL = /\b(?:SELECT|FROM|WHERE|JOIN|USING|PIVOT|GROUP BY|ORDER BY|INSERT|DELETE|UPDATE|CREATE|COPY|WITH)\b/u
const isProse = (text: string): boolean =>
  !SQL.test(text) && (text.match(/(?:^|\s)\p{L}+(?=[\s,.;:!?)]|$)/gu) ?? []).length >= 2

const IDENTIFIER_START = /[\p{L}_$]/u
const IDENTIFIER_PART = /[\p{L}\p{N}_$]/u
/** Keywords after which a `/` begins a regular expression rather than a division. */
const BEFORE_REGEX = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "yield",
  "await",
])

/**
 * The words of a literal's text, identifier-bounded (escapes taken as boundaries). An attribute
 * of HTML markup (`role="img"`: a name, `=` and a double quote) is the markup's vocabulary and
 * not a word of the text.
 */
const wordsOfText = (text: string): string[] =>
  text
    .replace(/\\./gu, " ")
    .replace(/[\p{L}\p{N}_-]+="/gu, '"')
    .match(/[\p{L}\p{N}_]+/gu) ?? []

export const namedWords = (source: string, words: ReadonlySet<string>): NamedWord[] => {
  const found: NamedWord[] = []
  // Line of each offset, found by counting as the scan goes.
  let line = 1
  let lineStart = true
  /** `(`, `[`, `{`, or "`" for a template's `${`. */
  const stack: string[] = []
  /** The last token: an identifier's text, or a punctuator, "literal", "number". */
  let last = ""
  let i = 0

  /** A literal's text, in parts (a template's between its `${…}`), each from its line. */
  const literal = (parts: ReadonlyArray<{ readonly text: string; readonly line: number }>) => {
    const prose = isProse(parts.map((p) => p.text).join(" "))
    for (const part of parts) {
      let at = part.line
      for (const text of part.text.split("\n")) {
        for (const w of wordsOfText(text)) if (words.has(w)) found.push({ line: at, word: w, as: "literal", prose })
        at++
      }
    }
  }
  /** The parts read so far of each template being read, innermost last. */
  const templates: Array<Array<{ readonly text: string; readonly line: number }>> = []
  const advanceLines = (text: string) => {
    for (const c of text) if (c === "\n") line++
  }
  /** Reads a template's text from i (just past "`" or a `}` closing `${`) to its end or next `${`. */
  const templateText = () => {
    const start = i
    const startLine = line
    while (i < source.length && source[i] !== "`" && !(source[i] === "$" && source[i + 1] === "{")) {
      i += source[i] === "\\" ? 2 : 1
    }
    const text = source.slice(start, i)
    templates.at(-1)!.push({ text, line: startLine })
    advanceLines(text)
    if (source[i] === "`") {
      literal(templates.pop()!)
      i++
    } else {
      stack.push("`")
      i += 2
    }
    last = "literal"
  }

  while (i < source.length) {
    const c = source[i]!
    if (c === "\n") {
      line++
      lineStart = true
      i++
      continue
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++
      continue
    }
    const atLineStart: boolean = lineStart
    lineStart = false
    if (c === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++
      lineStart = atLineStart
      continue
    }
    if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2)
      const stop = end === -1 ? source.length : end + 2
      advanceLines(source.slice(i, stop))
      i = stop
      lineStart = atLineStart
      continue
    }
    if (c === '"' || c === "'") {
      let j = i + 1
      while (j < source.length && source[j] !== c && source[j] !== "\n") j += source[j] === "\\" ? 2 : 1
      literal([{ text: source.slice(i + 1, j), line }])
      i = j + 1
      last = "literal"
      continue
    }
    if (c === "`") {
      i++
      templates.push([])
      templateText()
      continue
    }
    if (c === "/" && (last === "" || BEFORE_REGEX.has(last) || !/^[\p{L}\p{N}_$)\]}]|^literal$|^number$/u.test(last))) {
      // A regular expression: its body is a pattern, not a name, and may hold quotes.
      let j = i + 1
      let inClass = false
      while (j < source.length && source[j] !== "\n" && (inClass || source[j] !== "/")) {
        if (source[j] === "\\") j++
        else if (source[j] === "[") inClass = true
        else if (source[j] === "]") inClass = false
        j++
      }
      j++
      while (j < source.length && IDENTIFIER_PART.test(source[j]!)) j++
      i = j
      last = "literal"
      continue
    }
    if (IDENTIFIER_START.test(c)) {
      let j = i + 1
      while (j < source.length && IDENTIFIER_PART.test(source[j]!)) j++
      const word = source.slice(i, j)
      if (words.has(word)) {
        const rest = /^[ \t]*(\?[ \t]*)?:/u.exec(source.slice(j, j + 80))
        const keyPlace =
          stack.at(-1) === "{" && (atLineStart || last === "{" || last === "," || last === ";" || last === "readonly")
        if (last === ".") found.push({ line, word, as: "property", prose: false })
        else if (keyPlace && rest !== null && !source.slice(j).startsWith("::"))
          found.push({ line, word, as: "key", prose: false })
      }
      last = word
      i = j
      continue
    }
    if (/[0-9]/u.test(c)) {
      let j = i + 1
      while (j < source.length && /[\p{L}\p{N}_.]/u.test(source[j]!)) j++
      i = j
      last = "number"
      continue
    }
    if (c === "." && source.startsWith("...", i)) {
      i += 3
      last = "..."
      continue
    }
    if (c === "(" || c === "[" || c === "{") stack.push(c)
    else if (c === ")" || c === "]") stack.pop()
    else if (c === "}") {
      if (stack.pop() === "`") {
        i++
        templateText()
        continue
      }
    }
    last = c
    i++
  }
  return found
}
