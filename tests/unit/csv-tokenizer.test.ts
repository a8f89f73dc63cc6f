import { describe, expect, it } from "vitest"
import { CsvTokenizer } from "../../pipeline/read/csv-tokenizer.ts"
import { MAX_CELL_LENGTH, MAX_COLUMNS } from "../../pipeline/shared/limits.ts"

/** Feeds text in chunks of a given size, as a stream would. */
const tokenize = (text: string, chunk = 3, delimiter = ";") => {
  const t = new CsvTokenizer(delimiter, '"')
  const rows = []
  for (let i = 0; i < text.length; i += chunk) rows.push(...t.push(text.slice(i, i + chunk)))
  rows.push(...t.end())
  return { rows, faults: t.faults }
}

describe("CsvTokenizer", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, whatever the chunking", () => {
    for (const chunk of [1, 2, 5, 100]) {
      const { rows, faults } = tokenize('a;b\r\n"x;y";"say ""hi""\nthere"\r\n', chunk)
      expect(faults).toEqual([])
      expect(rows.map((r) => r.fields.map((f) => f.value))).toEqual([
        ["a", "b"],
        ["x;y", 'say "hi"\nthere'],
      ])
    }
  })

  it("gives each record its physical line, after embedded line breaks", () => {
    const { rows } = tokenize('h1;h2\n1;"a\nb\nc"\n2;z\n')
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5])
  })

  it("gives each field its line and column", () => {
    const { rows } = tokenize('h1;h2\n1;"a\nb";x\n')
    expect(rows[1]!.fields.map((f) => [f.line, f.column])).toEqual([
      [2, 1],
      [2, 3],
      [3, 4],
    ])
  })

  it("records the line ending of each record", () => {
    const { rows } = tokenize("a\r\nb\nc\rd")
    expect(rows.map((r) => r.ending)).toEqual(["\r\n", "\n", "\r", ""])
  })

  it("skips blank lines but keeps a quoted empty field", () => {
    const { rows } = tokenize('a\n\n""\n\n')
    expect(rows.map((r) => [r.line, r.fields.map((f) => f.value)])).toEqual([
      [1, ["a"]],
      [3, [""]],
    ])
  })

  it("reports an unclosed quote where it opens", () => {
    const { rows, faults } = tokenize('a;b\n1;2\n3;"open\n4;5\n')
    expect(rows).toHaveLength(2)
    expect(faults).toEqual([{ kind: "unclosed-quote", line: 3, column: 3, field: 2 }])
  })

  it("reports a stray quote and drops its record", () => {
    const { rows, faults } = tokenize('a;b\n1;x"y\n2;3\n')
    expect(rows.map((r) => r.fields[0]!.value)).toEqual(["a", "2"])
    expect(faults).toMatchObject([{ kind: "stray-quote", line: 2, field: 2 }])
  })

  it("reports text after a closing quote", () => {
    const { faults } = tokenize('a;b\n"x"y;1\n')
    expect(faults).toMatchObject([{ kind: "text-after-quote", line: 2, field: 1 }])
  })

  it("works with a comma delimiter", () => {
    const { rows } = tokenize('a,b\n"1,5",2\n', 4, ",")
    expect(rows[1]!.fields.map((f) => f.value)).toEqual(["1,5", "2"])
  })

  it("builds no field past the cell limit: the field is refused where it starts, its record dropped", () => {
    const long = "x".repeat(MAX_CELL_LENGTH + 1)
    for (const chunk of [1000, 1 << 16]) {
      const { rows, faults } = tokenize(`a;b\n1;${long}\n2;"${long}"\n3;${"x".repeat(MAX_CELL_LENGTH)}\n`, chunk)
      expect(rows.map((r) => r.fields[0]!.value)).toEqual(["a", "3"])
      expect(rows[1]!.fields[1]!.value).toHaveLength(MAX_CELL_LENGTH)
      expect(faults).toEqual([
        { kind: "too-long", line: 2, column: 3, field: 2, value: `${"x".repeat(40)}…` },
        { kind: "too-long", line: 3, column: 3, field: 2, value: `${"x".repeat(40)}…` },
      ])
    }
  })

  it("skips the rest of a field past the limit, keeping lines right, and still finds a quote left open", () => {
    const long = "x".repeat(2 * MAX_CELL_LENGTH)
    for (const chunk of [7, 1000, 1 << 20]) {
      const { rows, faults } = tokenize(`a;b\n1;"${long}\n${long}\n";2\n3;4\n5;"${long}\n${long}`, chunk)
      expect(rows.map((r) => [r.line, ...r.fields.map((f) => f.value)])).toEqual([
        [1, "a", "b"],
        [5, "3", "4"],
      ])
      expect(faults).toEqual([
        { kind: "too-long", line: 2, column: 3, field: 2, value: `${"x".repeat(40)}…` },
        { kind: "too-long", line: 6, column: 3, field: 2, value: `${"x".repeat(40)}…` },
        { kind: "unclosed-quote", line: 6, column: 3, field: 2 },
      ])
    }
  })

  it("counts characters, not UTF-16 units: a field of the limit's length in emoji is not too long", () => {
    const { rows, faults } = tokenize(`a\n${"😀".repeat(MAX_CELL_LENGTH)}\n`, 1 << 16)
    expect(faults).toEqual([])
    expect(rows[1]!.fields[0]!.value).toHaveLength(2 * MAX_CELL_LENGTH)
  })

  it("keeps a record's first fields, one past the column limit, and counts the rest", () => {
    const { rows } = tokenize(`a;b\n${";".repeat(5000)}\n`, 1 << 16)
    expect(rows[1]!.width).toBe(5001)
    expect(rows[1]!.fields).toHaveLength(MAX_COLUMNS + 1)
    expect(rows[0]!.width).toBe(2)
  })
})
