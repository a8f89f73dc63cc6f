/**
 * A JSON document as json-text.ts parses it: each value with the line and column it stands at,
 * numbers as their source text; and what is read from such a tree (a value's position by its
 * path, its plain JavaScript value).
 */
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
