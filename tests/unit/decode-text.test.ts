import { describe, expect, it } from "vitest"
import { encodingProblem, firstInvalidUtf8 } from "../../pipeline/read/decode-text.ts"

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))))

describe("firstInvalidUtf8", () => {
  it("accepts valid UTF-8", () => expect(firstInvalidUtf8(bytes("Vännäs ∑ 𝄞"))).toBe(-1))
  it("finds a lone Windows-1252 byte", () => expect(firstInvalidUtf8(bytes("V", [0xe4], "nn"))).toBe(1))
  it("finds a truncated sequence at the end", () => expect(firstInvalidUtf8(bytes("ab", [0xc3]))).toBe(2))
  it("refuses overlong forms", () => expect(firstInvalidUtf8(bytes([0xc0, 0xaf]))).toBe(0))
  it("refuses surrogates", () => expect(firstInvalidUtf8(bytes([0xed, 0xa0, 0x80]))).toBe(0))
})

describe("encodingProblem", () => {
  it("locates a Windows-1252 byte in a file declared UTF-8", () => {
    const p = encodingProblem(bytes("kod;namn\n2460;V", [0xe4], "nn\n"), "utf-8", "x.csv")
    expect(p).toMatchObject({ code: "file/encoding", line: 2, column: 7 })
  })
  it("locates a UTF-8 letter in a file declared Windows-1252", () => {
    const p = encodingProblem(bytes("kod;namn\n2460;Vännäs\n"), "windows-1252", "x.csv")
    expect(p).toMatchObject({ code: "file/encoding", line: 2, column: 7, value: "ä" })
  })
  it("refuses a BOM in a file declared Windows-1252", () => {
    expect(encodingProblem(bytes([0xef, 0xbb, 0xbf], "a\n"), "windows-1252", "x.csv")).toMatchObject({ code: "file/encoding", line: 1, column: 1 })
  })
  it("accepts real Windows-1252", () => expect(encodingProblem(Buffer.from([0x56, 0xe4, 0x6e, 0x0a]), "windows-1252", "x.csv")).toBeUndefined())
})

describe("encoding problems in a CSV file", () => {
  it("name the field, not the character", () => {
    const p = encodingProblem(bytes('kod;"namn;x";v\n2460;"V;', [0xe4], 'nn";1\n'), "utf-8", "x.csv", { delimiter: ";", quote: '"' })
    expect(p).toMatchObject({ code: "file/encoding", line: 2, column: 2 })
    expect(p?.message).toContain("character 9")
  })
})
