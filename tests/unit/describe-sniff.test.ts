/** pipeline/describe/sniff-dialect.ts on made-up bytes: encodings, delimiters and line endings, with their evidence. */
import { describe, expect, it } from "vitest"
import { renderGuess } from "../../pipeline/describe/evidence.ts"
import { readTable, sniffDelimiter, sniffEncoding, sniffLineEndings } from "../../pipeline/describe/sniff-dialect.ts"

const latin1 = (s: string) => Buffer.from(s, "latin1")
const utf8 = (s: string) => Buffer.from(s, "utf8")

describe("the encoding", () => {
  it("is Windows-1252 when bytes are not UTF-8, naming them and the word they spell", () => {
    const found = sniffEncoding(latin1("Kommun;År;Antal\r\nVännäs;2010;1\r\n"))
    expect(found.encoding).toBe("windows-1252")
    expect(found.text).toContain("Vännäs")
    expect(renderGuess(found.guess)).toBe(
      'encoding: windows-1252 (bytes 0xC5 0xE4 are not UTF-8; "År" reads as Windows-1252)',
    )
  })

  it("reads 0x80–0x9F as Windows-1252's letters, not Latin-1's controls", () => {
    const found = sniffEncoding(Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0x96, 0x3b, 0x80, 0x0a]))
    expect(found.encoding).toBe("windows-1252")
    expect(found.text).toBe("a;b\n–;€\n")
  })

  it("is UTF-8 when every byte above 0x7F is valid UTF-8", () => {
    const found = sniffEncoding(utf8("Kommun;År\nVännäs;2010\n"))
    expect(found.encoding).toBe("utf-8")
    expect(found.guess.evidence).toContain('"År"')
  })

  it("is UTF-8 with a byte-order mark, which the text drops", () => {
    const found = sniffEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8("a;b\n")]))
    expect(found.encoding).toBe("utf-8")
    expect(found.text).toBe("a;b\n")
    expect(found.guess.evidence).toContain("byte-order mark")
  })

  it("says when the bytes are ASCII, and takes the encoding given", () => {
    expect(sniffEncoding(utf8("a,b\n1,2\n")).guess.evidence).toContain("only ASCII")
    const given = sniffEncoding(utf8("a,b\n"), "windows-1252")
    expect([given.encoding, given.guess.evidence]).toEqual(["windows-1252", "given with --encoding"])
  })
})

describe("the delimiter", () => {
  it("is the one that gives every line the same number of fields: a semicolon", () => {
    const found = sniffDelimiter("Kommun;År;Antal\nBjurholm;2010;12,5\nVännäs;2010;7,25\nUmeå;2010;1\n")
    expect(found.delimiter).toBe(";")
    expect(renderGuess(found.guess!)).toBe('delimiter: ";" (3 fields on each of the first 4 lines)')
  })

  it("is a comma, with quoted commas inside fields", () => {
    expect(sniffDelimiter('Kommun,År,Antal\nBjurholm,2010,"12,5"\n').delimiter).toBe(",")
  })

  it("is a tab", () => {
    const found = sniffDelimiter("a\tb\n1\t2\n")
    expect(found.delimiter).toBe("\t")
    expect(found.guess!.value).toBe("tab")
  })

  it("is asked about, naming --delimiter, when two fit", () => {
    const found = sniffDelimiter("a;b,c\n1;2,3\n")
    expect(found.delimiter).toBeUndefined()
    expect(found.question?.flag).toBe("--delimiter")
    expect(found.question?.question).toContain('";" gives 2 fields')
  })

  it("is asked about when none gives every line the same width", () => {
    const found = sniffDelimiter("a;b\n1;2;3\n")
    expect(found.question?.flag).toBe("--delimiter")
    expect(found.question?.question).toContain("no delimiter")
  })

  it("is the one given", () => {
    expect(sniffDelimiter("a;b\n1;2;3\n", ";").guess?.evidence).toBe("given with --delimiter")
  })
})

describe("the table and its line endings", () => {
  it("reads the header and the records, trimmed, with their lines", () => {
    const table = readTable("a;b\r\n 1 ;x\r\n2;y\r\n", ";")
    expect(table.header).toEqual(["a", "b"])
    expect(table.records).toEqual([
      ["1", "x"],
      ["2", "y"],
    ])
    expect(table.lines).toEqual([2, 3])
    expect(renderGuess(sniffLineEndings(table.rows))).toBe("line endings: CRLF (Windows', on all 3 lines)")
  })

  it("reports LF, a last line without an ending, and mixed endings", () => {
    expect(sniffLineEndings(readTable("a;b\n1;2", ";").rows).evidence).toBe(
      "Unix's, on the one line; the last line has none",
    )
    const mixed = sniffLineEndings(readTable("a;b\r\n1;2\n3;4\n", ";").rows)
    expect(mixed.value).toBe("mixed")
    expect(mixed.evidence).toContain("1 CRLF, 2 LF")
  })
})
