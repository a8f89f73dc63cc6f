/** The JSON reader's records and problems, located where each value stands in the file. */
import { describe, expect, it } from "vitest"
import { resolveDialect } from "../../pipeline/contract/manifest-schema.ts"
import type { Problem } from "../../pipeline/problems/problem.ts"
import { readJsonRecords } from "../../pipeline/read/read-json.ts"

const read = (text: string, dialect: Parameters<typeof resolveDialect>[0] = {}) => {
  const problems: Problem[] = []
  const records = readJsonRecords(new TextEncoder().encode(text), "d.json", resolveDialect(dialect), (p) =>
    problems.push(p),
  )
  const cells = records.map((r) => [r.line, Object.fromEntries(r.cells.map((c) => [c.name, c.value]))])
  const found = problems.map((p) => [p.code, p.line, p.column, p.columnName, p.message])
  return { cells, found }
}

describe("readJsonRecords", () => {
  it("reads an array of flat records, numbers as written, and names a value that is not one", () => {
    const { cells, found } = read('[\n {"a": 1.50, "b": "x"},\n {"a": null, "b": [1]},\n 7\n]')
    expect(cells).toEqual([
      [2, { a: "1.50", b: "x" }],
      [3, { a: null }],
    ])
    expect(found).toEqual([
      ["cell/type", 3, 19, "b", "expected a single value, found array"],
      ["file/json", 4, 2, undefined, "expected a record (an object), found number"],
    ])
  })

  it("takes the records from the declared property, and unnests each record's nested array", () => {
    const text = `{"rows": [
 {"id": "p1", "v": [{"y": 2008}, {"y": 2009, "id": "p2"}, "no"]},
 {"id": "p3", "v": 5},
 {"id": "p4"}
]}`
    const { cells, found } = read(text, { records: "rows", unnest: "v" })
    expect(cells).toEqual([
      [2, { id: "p1", y: "2008" }],
      [2, { id: "p1", y: "2009" }],
    ])
    expect(found).toEqual([
      ["cell/type", 2, 52, "id", '"id" is both in the record and in its "v"'],
      ["file/json", 2, 59, "v", 'expected an object in "v", found string'],
      ["file/json", 3, 20, "v", 'expected the record\'s "v" to hold an array of objects'],
      ["file/json", 4, 2, "v", 'expected the record\'s "v" to hold an array of objects'],
    ])
  })

  it("says what is wrong with a document that holds no records", () => {
    expect(read("  ").found).toEqual([["file/empty", 1, 1, undefined, expect.stringContaining("empty")]])
    expect(read('{"rows": 1}', { records: "rows" }).found).toEqual([
      ["file/json", 1, 1, undefined, 'expected property "rows" to hold an array of records'],
    ])
    expect(read("[]").found).toEqual([["file/no-rows", 1, 1, undefined, "the array holds no records"]])
    expect(read('[{"a": 1,}]').found).toEqual([["file/json", 1, 9, undefined, expect.stringContaining("comma")]])
  })
})
