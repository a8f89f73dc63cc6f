/**
 * A JSON parser that keeps where each value stands (line and column), so a problem in a JSON
 * delivery or in the manifest can be pointed at. Numbers keep their source text: nothing is
 * converted before the declared schema says how.
 */
import { MAX_JSON_DEPTH, MAX_JSON_VALUES } from "./limits.ts"

export type JsonNode =
  | {
      readonly kind: "object"
      readonly line: number
      readonly column: number
      readonly entries: ReadonlyArray<JsonEntry>
    }
  | { readonly kind: "array"; readonly line: number; readonly column: number; readonly items: ReadonlyArray<JsonNode> }
  | { readonly kind: "string"; readonly line: number; readonly column: number; readonly value: string }
  | { readonly kind: "number"; readonly line: number; readonly column: number; readonly text: string }
  | { readonly kind: "boolean"; readonly line: number; readonly column: number; readonly value: boolean }
  | { readonly kind: "null"; readonly line: number; readonly column: number }

export interface JsonEntry {
  readonly key: string
  readonly keyLine: number
  readonly keyColumn: number
  readonly value: JsonNode
}

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

export const parseJsonText = (text: string): JsonNode => {
  // Sticky: matched where the value starts, on the text itself, so a number of any length is
  // read whole without copying the rest of the file.
  const numberAt = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y
  let i = 0
  let line = 1
  let lineStart = 0
  const col = () => i - lineStart + 1
  const fail = (message: string, at: { line: number; column: number } = { line, column: col() }): never => {
    throw new JsonSyntaxError(message, at.line, at.column)
  }
  // Where the last comma between entries stood, so a comma before a closing bracket is named there.
  let comma = { line: 0, column: 0 }
  const skipComma = () => {
    comma = { line, column: col() }
    i++
    skipSpace()
  }
  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 10) {
        i++
        line++
        lineStart = i
      } else if (c === 32 || c === 9 || c === 13) i++
      else return
    }
  }
  const parseString = (): string => {
    i++ // opening quote
    let out = ""
    for (;;) {
      if (i >= text.length) fail("unterminated string")
      const c = text[i]!
      if (c === '"') {
        i++
        return out
      }
      if (c.charCodeAt(0) < 0x20) fail(rawControlMessage(c.charCodeAt(0)))
      if (c === "\\") {
        const e = text[i + 1]
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        }
        if (e !== undefined && e in simple) {
          out += simple[e]
          i += 2
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
          i += 6
        } else fail("invalid escape in string")
      } else {
        out += c
        i++
      }
    }
  }
  // Arrays and objects open around the value being read, and the values read so far.
  let depth = 0
  let values = 0
  const parseValue = (): JsonNode => {
    skipSpace()
    const at = { line, column: col() }
    const c = text[i]
    if ((c === "{" || c === "[") && depth === MAX_JSON_DEPTH)
      throw new JsonLimitError("json/too-deep", `arrays and objects nested more than ${MAX_JSON_DEPTH} levels deep`, at)
    if (++values > MAX_JSON_VALUES)
      throw new JsonLimitError("json/too-many-values", `more than ${MAX_JSON_VALUES.toLocaleString("en")} values`, at)
    if (c === "{") {
      i++
      const entries: JsonEntry[] = []
      skipSpace()
      if (text[i] === "}") {
        i++
        return { kind: "object", ...at, entries }
      }
      for (;;) {
        skipSpace()
        if (text[i] === "}" && entries.length > 0)
          fail("a comma after the last property: JSON allows none before '}'; remove this comma", comma)
        if (text[i] !== '"')
          fail(
            text[i] === "'"
              ? 'a property name in single quotes: JSON needs double quotes (")'
              : "expected a property name in double quotes",
          )
        const keyAt = { keyLine: line, keyColumn: col() }
        const key = parseString()
        skipSpace()
        if (text[i] !== ":") fail("expected ':' after a property name")
        i++
        entries.push({ key, ...keyAt, value: nested() })
        skipSpace()
        if (text[i] === ",") skipComma()
        else if (text[i] === "}") {
          i++
          return { kind: "object", ...at, entries }
        } else
          fail(
            text[i] === '"'
              ? "a comma is missing before this property: separate the properties of an object with ','"
              : "expected ',' or '}' in an object",
          )
      }
    }
    if (c === "[") {
      i++
      const items: JsonNode[] = []
      skipSpace()
      if (text[i] === "]") {
        i++
        return { kind: "array", ...at, items }
      }
      for (;;) {
        if (text[i] === "]" && items.length > 0)
          fail("a comma after the last item: JSON allows none before ']'; remove this comma", comma)
        items.push(nested())
        skipSpace()
        if (text[i] === ",") skipComma()
        else if (text[i] === "]") {
          i++
          return { kind: "array", ...at, items }
        } else
          fail(
            text[i] === "{" || text[i] === "["
              ? "a comma is missing before this item: separate the items of an array with ','"
              : "expected ',' or ']' in an array",
          )
      }
    }
    if (c === '"') return { kind: "string", ...at, value: parseString() }
    numberAt.lastIndex = i
    const number = numberAt.exec(text)
    if (number !== null) {
      i += number[0].length
      return { kind: "number", ...at, text: number[0] }
    }
    for (const [word, node] of [
      ["true", { kind: "boolean", ...at, value: true }],
      ["false", { kind: "boolean", ...at, value: false }],
      ["null", { kind: "null", ...at }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length
        return node
      }
    }
    return fail(i >= text.length ? "unexpected end of the file" : `unexpected character ${JSON.stringify(c)}`)
  }
  const nested = (): JsonNode => {
    depth++
    const node = parseValue()
    depth--
    return node
  }
  const root = parseValue()
  skipSpace()
  if (i < text.length) fail("unexpected text after the JSON value")
  return root
}

/** The plain JavaScript value of a node (numbers converted). */
export const toPlain = (node: JsonNode): unknown => {
  switch (node.kind) {
    case "object":
      return Object.fromEntries(node.entries.map((e) => [e.key, toPlain(e.value)]))
    case "array":
      return node.items.map(toPlain)
    case "number":
      return Number(node.text)
    case "null":
      return null
    default:
      return node.value
  }
}

/** Each object's entries by key (the first of a repeated key), made when one is first looked up in. */
const entriesByKey = new WeakMap<JsonNode, Map<string, JsonEntry>>()

const entryOf = (node: JsonNode & { kind: "object" }, key: string): JsonEntry | undefined => {
  let byKey = entriesByKey.get(node)
  if (byKey === undefined) {
    byKey = new Map()
    for (const e of node.entries) if (!byKey.has(e.key)) byKey.set(e.key, e)
    entriesByKey.set(node, byKey)
  }
  return byKey.get(key)
}

/**
 * The node at a path of keys and indexes, with the nearest position found on the way. Each step
 * takes the same time however many entries an object has, so locating every finding of a
 * document costs in proportion to their number.
 */
export const locate = (root: JsonNode, path: ReadonlyArray<PropertyKey>): { line: number; column: number } => {
  let node: JsonNode = root
  let at = { line: root.line, column: root.column }
  for (const key of path) {
    if (node.kind === "object") {
      const entry = entryOf(node, String(key))
      if (entry === undefined) return at
      node = entry.value
      at = { line: node.line, column: node.column }
    } else if (node.kind === "array") {
      const item = node.items[Number(key)]
      if (item === undefined) return at
      node = item
      at = { line: node.line, column: node.column }
    } else return at
  }
  return at
}
