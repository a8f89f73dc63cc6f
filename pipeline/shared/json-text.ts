/**
 * A JSON parser that keeps where each value stands (line and column), so a problem in a JSON
 * delivery or in the manifest can be pointed at. Numbers keep their source text: nothing is
 * converted before the declared schema says how.
 */
import { MAX_JSON_DEPTH, MAX_JSON_VALUES } from "./limits.ts"
import type { JsonEntry, JsonNode } from "./json-nodes.ts"

export { locate, toPlain, type JsonEntry, type JsonNode } from "./json-nodes.ts"

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message)
  }
}

/**
 * A document past a limit of what is read, at the value that passes it: arrays and objects
 * nested deeper than MAX_JSON_DEPTH, or more than MAX_JSON_VALUES values. `message` says which.
 */
export class JsonLimitError extends JsonSyntaxError {
  constructor(
    readonly code: "json/too-deep" | "json/too-many-values",
    message: string,
    at: { line: number; column: number },
  ) {
    super(message, at.line, at.column)
  }
}

/** Control characters JSON has a short escape for, by name. */
const CONTROL_NAMES: Readonly<Record<number, readonly [string, string]>> = {
  8: ["backspace", "\\b"],
  9: ["tab character", "\\t"],
  10: ["line break", "\\n"],
  12: ["form feed", "\\f"],
  13: ["carriage return", "\\r"],
}

/**
 * JSON forbids U+0000–U+001F raw inside a string (JSON.parse refuses them too): a tab or a
 * carriage return there is usually an editor's or an export's, and would be published as
 * data. Says how to write it instead.
 */
const rawControlMessage = (code: number): string => {
  const hex = code.toString(16).toUpperCase().padStart(4, "0")
  const [name, written] = CONTROL_NAMES[code] ?? [`control character U+${hex}`, `\\u${hex.toLowerCase()}`]
  return `a raw ${name} inside a string: write it as ${written}`
}

/** JSON's short escapes inside a string, by the character after the backslash. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
}

const LITERALS = [
  ["true", { kind: "boolean", value: true }],
  ["false", { kind: "boolean", value: false }],
  ["null", { kind: "null" }],
] as const

/** One pass over a document's text, keeping the line and column of where it stands. */
class JsonReader {
  // Sticky: matched where the value starts, on the text itself, so a number of any length is
  // read whole without copying the rest of the file.
  private readonly numberAt = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y
  private i = 0
  private line = 1
  private lineStart = 0
  // Where the last comma between entries stood, so a comma before a closing bracket is named there.
  private comma = { line: 0, column: 0 }
  // Arrays and objects open around the value being read, and the values read so far.
  private depth = 0
  private values = 0

  constructor(private readonly text: string) {}

  document(): JsonNode {
    const root = this.value()
    this.skipSpace()
    if (this.i < this.text.length) this.fail("unexpected text after the JSON value")
    return root
  }

  private get at() {
    return { line: this.line, column: this.i - this.lineStart + 1 }
  }

  private fail(message: string, at: { line: number; column: number } = this.at): never {
    throw new JsonSyntaxError(message, at.line, at.column)
  }

  private skipSpace() {
    for (;;) {
      const c = this.text.charCodeAt(this.i)
      if (c === 10) {
        this.i++
        this.line++
        this.lineStart = this.i
      } else if (c === 32 || c === 9 || c === 13) this.i++
      else return
    }
  }

  private skipComma() {
    this.comma = this.at
    this.i++
    this.skipSpace()
  }

  private string(): string {
    const text = this.text
    this.i++ // opening quote
    let out = ""
    for (;;) {
      if (this.i >= text.length) this.fail("unterminated string")
      const c = text[this.i]!
      if (c === '"') {
        this.i++
        return out
      }
      if (c.charCodeAt(0) < 0x20) this.fail(rawControlMessage(c.charCodeAt(0)))
      if (c !== "\\") {
        out += c
        this.i++
        continue
      }
      const e = text[this.i + 1]
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[e]
        this.i += 2
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 2, this.i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(this.i + 2, this.i + 6), 16))
        this.i += 6
      } else this.fail("invalid escape in string")
    }
  }

  private value(): JsonNode {
    this.skipSpace()
    const at = this.at
    const c = this.text[this.i]
    if ((c === "{" || c === "[") && this.depth === MAX_JSON_DEPTH)
      throw new JsonLimitError("json/too-deep", `arrays and objects nested more than ${MAX_JSON_DEPTH} levels deep`, at)
    if (++this.values > MAX_JSON_VALUES)
      throw new JsonLimitError("json/too-many-values", `more than ${MAX_JSON_VALUES.toLocaleString("en")} values`, at)
    if (c === "{") return this.object(at)
    if (c === "[") return this.array(at)
    if (c === '"') return { kind: "string", ...at, value: this.string() }
    this.numberAt.lastIndex = this.i
    const number = this.numberAt.exec(this.text)
    if (number !== null) {
      this.i += number[0].length
      return { kind: "number", ...at, text: number[0] }
    }
    for (const [word, node] of LITERALS) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length
        return { ...node, ...at }
      }
    }
    return this.fail(
      this.i >= this.text.length ? "unexpected end of the file" : `unexpected character ${JSON.stringify(c)}`,
    )
  }

  private nested(): JsonNode {
    this.depth++
    const node = this.value()
    this.depth--
    return node
  }

  private object(at: { line: number; column: number }): JsonNode {
    const text = this.text
    this.i++
    const entries: JsonEntry[] = []
    this.skipSpace()
    if (text[this.i] === "}") {
      this.i++
      return { kind: "object", ...at, entries }
    }
    for (;;) {
      this.skipSpace()
      if (text[this.i] === "}" && entries.length > 0)
        this.fail("a comma after the last property: JSON allows none before '}'; remove this comma", this.comma)
      if (text[this.i] !== '"')
        this.fail(
          text[this.i] === "'"
            ? 'a property name in single quotes: JSON needs double quotes (")'
            : "expected a property name in double quotes",
        )
      const { line: keyLine, column: keyColumn } = this.at
      const key = this.string()
      this.skipSpace()
      if (text[this.i] !== ":") this.fail("expected ':' after a property name")
      this.i++
      entries.push({ key, keyLine, keyColumn, value: this.nested() })
      this.skipSpace()
      if (text[this.i] === ",") this.skipComma()
      else if (text[this.i] === "}") {
        this.i++
        return { kind: "object", ...at, entries }
      } else
        this.fail(
          text[this.i] === '"'
            ? "a comma is missing before this property: separate the properties of an object with ','"
            : "expected ',' or '}' in an object",
        )
    }
  }

  private array(at: { line: number; column: number }): JsonNode {
    const text = this.text
    this.i++
    const items: JsonNode[] = []
    this.skipSpace()
    if (text[this.i] === "]") {
      this.i++
      return { kind: "array", ...at, items }
    }
    for (;;) {
      if (text[this.i] === "]" && items.length > 0)
        this.fail("a comma after the last item: JSON allows none before ']'; remove this comma", this.comma)
      items.push(this.nested())
      this.skipSpace()
      if (text[this.i] === ",") this.skipComma()
      else if (text[this.i] === "]") {
        this.i++
        return { kind: "array", ...at, items }
      } else
        this.fail(
          text[this.i] === "{" || text[this.i] === "["
            ? "a comma is missing before this item: separate the items of an array with ','"
            : "expected ',' or ']' in an array",
        )
    }
  }
}

export const parseJsonText = (text: string): JsonNode => new JsonReader(text).document()
