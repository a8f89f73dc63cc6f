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
  const text = textDecoder(dialect.encoding).decode(bytes)
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
    return []
  }
  let root: JsonNode
  try {
    root = parseJsonText(text)
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
    return []
  }
  let list: JsonNode | undefined = root
  if (dialect.records !== undefined) {
    list = root.kind === "object" ? root.entries.find((e) => e.key === dialect.records)?.value : undefined
  }
  if (list === undefined || list.kind !== "array") {
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
    return []
  }
  let problems = 0
  const found = (p: Problem) => {
    problems++
    report(p)
  }
  const records: SourceRecord[] = []
  for (const item of list.items) {
    if (item.kind !== "object") {
      found(
        problem({
          code: "file/json",
          file,
          line: item.line,
          column: item.column,
          message: `expected a record (an object), found ${item.kind}`,
        }),
      )
      continue
    }
    const cells: SourceCell[] = []
    let nested: JsonNode | undefined
    for (const entry of item.entries) {
      if (dialect.unnest !== undefined && entry.key === dialect.unnest) {
        nested = entry.value
        continue
      }
      const value = cellText(entry.value)
      if (value === undefined) {
        found(
          problem({
            code: "cell/type",
            file,
            line: entry.value.line,
            column: entry.value.column,
            columnName: entry.key,
            message: `expected a single value, found ${entry.value.kind}`,
          }),
        )
        continue
      }
      cells.push({ name: entry.key, line: entry.value.line, column: entry.value.column, value })
    }
    if (dialect.unnest === undefined) {
      records.push({ line: item.line, cells })
      continue
    }
    if (nested === undefined || nested.kind !== "array") {
      found(
        problem({
          code: "file/json",
          file,
          line: (nested ?? item).line,
          column: (nested ?? item).column,
          columnName: dialect.unnest,
          message: `expected the record's ${JSON.stringify(dialect.unnest)} to hold an array of objects`,
        }),
      )
      continue
    }
    // Each nested object is a record of its own, with the values of the record around it.
    for (const inner of nested.items) {
      if (inner.kind !== "object") {
        found(
          problem({
            code: "file/json",
            file,
            line: inner.line,
            column: inner.column,
            columnName: dialect.unnest,
            message: `expected an object in ${JSON.stringify(dialect.unnest)}, found ${inner.kind}`,
          }),
        )
        continue
      }
      const innerCells: SourceCell[] = []
      for (const entry of inner.entries) {
        const value = cellText(entry.value)
        if (value === undefined || cells.some((c) => c.name === entry.key)) {
          found(
            problem({
              code: "cell/type",
              file,
              line: entry.value.line,
              column: entry.value.column,
              columnName: entry.key,
              message:
                value === undefined
                  ? `expected a single value, found ${entry.value.kind}`
                  : `${JSON.stringify(entry.key)} is both in the record and in its ${JSON.stringify(dialect.unnest)}`,
            }),
          )
          continue
        }
        innerCells.push({ name: entry.key, line: entry.value.line, column: entry.value.column, value })
      }
      records.push({ line: inner.line, cells: [...cells, ...innerCells] })
    }
  }
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
