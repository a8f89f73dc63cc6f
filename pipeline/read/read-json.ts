/**
 * Reads a JSON delivery (an array of flat objects, or an object with the array under a
 * declared property) into located string records. Numbers keep their source text.
 */
import type { ResolvedDialect } from "../contract/manifest-schema.ts"
import type { Problem } from "../problems/problem.ts"
import { problem } from "../problems/problem.ts"
import { encodingProblem } from "./decode-text.ts"
import { textDecoder } from "./windows-1252.ts"
import { readWhole } from "./whole-file.ts"
import { MAX_JSON_BYTES } from "../shared/limits.ts"
import { JsonLimitError, JsonSyntaxError, parseJsonText, type JsonNode } from "../shared/json-text.ts"
import type { SourceCell, SourceRecord } from "../contract/source-record.ts"

const cellText = (node: JsonNode): string | null | undefined =>
  node.kind === "string"
    ? node.value
    : node.kind === "number"
      ? node.text
      : node.kind === "boolean"
        ? String(node.value)
        : node.kind === "null"
          ? null
          : undefined

/** The document's tree, or undefined once its problem is reported. */
const parseDocument = (text: string, file: string, report: (p: Problem) => void): JsonNode | undefined => {
  if (text.trim() === "") {
    report(
      problem({
        code: "file/empty",
        file,
        line: 1,
        column: 1,
        message: "the file is empty: expected a JSON array of records",
      }),
    )
    return undefined
  }
  try {
    return parseJsonText(text)
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e
    const where = { file, line: e.line, column: e.column }
    report(
      e instanceof JsonLimitError
        ? problem({
            code: e.code,
            ...where,
            message: `the file has ${e.message}, read no further: a delivery is an array of flat records, and a large one is delivered as CSV, which is read record by record`,
          })
        : problem({ code: "file/json", ...where, message: `not valid JSON: ${e.message}` }),
    )
    return undefined
  }
}

/** The array of records: the document, or its property the dialect names; else undefined, reported. */
const recordList = (
  root: JsonNode,
  file: string,
  dialect: ResolvedDialect,
  report: (p: Problem) => void,
): (JsonNode & { kind: "array" }) | undefined => {
  const list =
    dialect.records === undefined
      ? root
      : root.kind === "object"
        ? root.entries.find((e) => e.key === dialect.records)?.value
        : undefined
  if (list !== undefined && list.kind === "array") return list
  const where = dialect.records === undefined ? "the file" : `property ${JSON.stringify(dialect.records)}`
  report(
    problem({
      code: "file/json",
      file,
      line: root.line,
      column: root.column,
      message: `expected ${where} to hold an array of records`,
    }),
  )
  return undefined
}

/** A problem at a node of the document. */
const at = (file: string, node: JsonNode, code: "file/json" | "cell/type", message: string, columnName?: string) =>
  problem({ code, file, line: node.line, column: node.column, message, ...(columnName && { columnName }) })

/**
 * The records of one item of the array: the item itself, or with `unnest`, each object of its
 * nested array with the item's own values. `outer`: for an object of a nested array, the
 * property it is in and the cells of the record around it.
 */
const itemRecords = (
  item: JsonNode,
  file: string,
  unnest: string | undefined,
  found: (p: Problem) => void,
  outer?: { readonly property: string; readonly cells: ReadonlyArray<SourceCell> },
): SourceRecord[] => {
  if (item.kind !== "object") {
    found(
      outer === undefined
        ? at(file, item, "file/json", `expected a record (an object), found ${item.kind}`)
        : at(
            file,
            item,
            "file/json",
            `expected an object in ${JSON.stringify(outer.property)}, found ${item.kind}`,
            outer.property,
          ),
    )
    return []
  }
  const beside = outer?.cells ?? []
  const cells: SourceCell[] = []
  let nested: JsonNode | undefined
  for (const entry of item.entries) {
    if (unnest !== undefined && entry.key === unnest) {
      nested = entry.value
      continue
    }
    const value = cellText(entry.value)
    const repeated = value !== undefined && beside.some((c) => c.name === entry.key)
    if (value === undefined || repeated) {
      found(
        at(
          file,
          entry.value,
          "cell/type",
          value === undefined
            ? `expected a single value, found ${entry.value.kind}`
            : `${JSON.stringify(entry.key)} is both in the record and in its ${JSON.stringify(outer?.property)}`,
          entry.key,
        ),
      )
      continue
    }
    cells.push({ name: entry.key, line: entry.value.line, column: entry.value.column, value })
  }
  if (unnest === undefined) return [{ line: item.line, cells: [...beside, ...cells] }]
  if (nested === undefined || nested.kind !== "array") {
    const node = nested ?? item
    found(
      at(
        file,
        node,
        "file/json",
        `expected the record's ${JSON.stringify(unnest)} to hold an array of objects`,
        unnest,
      ),
    )
    return []
  }
  // Each nested object is a record of its own, with the values of the record around it.
  return nested.items.flatMap((inner) => itemRecords(inner, file, undefined, found, { property: unnest, cells }))
}

/**
 * Pure: the file's bytes in, its records out, its problems passed to `report` as they are met
 * (a file of a million faulty items costs the collector's cap, not a million problems). JSON
 * deliveries are small: at most MAX_JSON_BYTES.
 */
export const readJsonRecords = (
  bytes: Uint8Array,
  file: string,
  dialect: ResolvedDialect,
  report: (p: Problem) => void,
): SourceRecord[] => {
  const fault = encodingProblem(bytes, dialect.encoding, file)
  if (fault !== undefined) {
    report(fault)
    return []
  }
  const root = parseDocument(textDecoder(dialect.encoding).decode(bytes), file, report)
  const list = root && recordList(root, file, dialect, report)
  if (list === undefined) return []
  let problems = 0
  const found = (p: Problem) => {
    problems++
    report(p)
  }
  const records = list.items.flatMap((item) => itemRecords(item, file, dialect.unnest, found))
  if (records.length === 0 && problems === 0)
    report(
      problem({
        code: "file/no-rows",
        file,
        line: list.line,
        column: list.column,
        message: "the array holds no records",
      }),
    )
  return records
}

/** The JSON delivery at `path`: its records, its problems passed to `report`. */
export const readJson = async (
  path: string,
  file: string,
  dialect: ResolvedDialect,
  report: (p: Problem) => void,
): Promise<SourceRecord[]> => {
  const bytes = await readWhole(
    path,
    file,
    MAX_JSON_BYTES,
    "deliver it as CSV, which is read record by record whatever its size",
  )
  if (bytes instanceof Uint8Array) return readJsonRecords(bytes, file, dialect, report)
  report(bytes)
  return []
}
