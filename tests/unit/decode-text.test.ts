import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import {
  decodeText,
  EncodingGuard,
  encodingProblem,
  EncodingProblem,
  type Encoding,
  firstInvalidUtf8,
} from "../../pipeline/read/decode-text.ts"
import { decodeWindows1252 } from "../../pipeline/read/windows-1252.ts"

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
    expect(encodingProblem(bytes([0xef, 0xbb, 0xbf], "a\n"), "windows-1252", "x.csv")).toMatchObject({
      code: "file/encoding",
      line: 1,
      column: 1,
    })
  })
  it("accepts real Windows-1252", () =>
    expect(encodingProblem(Buffer.from([0x56, 0xe4, 0x6e, 0x0a]), "windows-1252", "x.csv")).toBeUndefined())
})

describe("encoding problems in a CSV file", () => {
  it("name the field, not the character", () => {
    const p = encodingProblem(bytes('kod;"namn;x";v\n2460;"V;', [0xe4], 'nn";1\n'), "utf-8", "x.csv", {
      delimiter: ";",
      quote: '"',
    })
    expect(p).toMatchObject({ code: "file/encoding", line: 2, column: 2 })
    expect(p?.message).toContain("character 9")
  })
})

describe("an encoding fault in a file streamed past", () => {
  const dir = mkdtempSync(join(tmpdir(), "decode-text-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** The problem decodeText throws for the file, read a megabyte at a time. */
  const thrown = async (data: Buffer, encoding: Encoding) => {
    const path = join(dir, "x.csv")
    writeFileSync(path, data)
    try {
      for await (const _ of decodeText(path, encoding, "x.csv", { delimiter: ";", quote: '"' })) {
      }
    } catch (e) {
      if (e instanceof EncodingProblem) return e.problem
      throw e
    }
    return undefined
  }

  it("is located where the whole file would locate it, without reading the file whole", async () => {
    const long = "x".repeat((1 << 20) - 3)
    for (const [data, encoding] of [
      // On a line of several megabytes, across the chunks' seams.
      [bytes(`a;b\n"${long};"`, [0xc3], `;${long}`, [0xe4], "\n"), "utf-8"],
      [bytes(`a;b\n${long}`, "å", [0x80], "\n"), "utf-8"],
      // A sequence left unfinished at the very end.
      [bytes(`a;b\n${long}${long}`, [0xe2, 0x82]), "utf-8"],
      [bytes(`a;b\n${long};"${long}`, "Vännäs\n"), "windows-1252"],
      [bytes([0xef, 0xbb, 0xbf], "a;b\n"), "windows-1252"],
      // A byte-order mark inside the file, across a seam: only a UTF-8 letter is a fault there.
      [bytes(`a;b\n${"x".repeat((1 << 20) - 5)}`, [0xef, 0xbb, 0xbf], "Vännäs\n"), "windows-1252"],
    ] as const) {
      const whole = encodingProblem(data, encoding, "x.csv", { delimiter: ";", quote: '"' })
      expect(whole).toBeDefined()
      expect(await thrown(data, encoding)).toEqual(whole)
    }
  })
})

describe("Windows-1252", () => {
  it("decodes 0x80–0x9F as Windows-1252's letters, not Latin-1 controls", () => {
    expect(decodeWindows1252(Uint8Array.from([0x96, 0x20, 0x80, 0x20, 0x93, 0x8a, 0x94, 0x20, 0xe5]))).toBe("– € “Š” å")
  })
  it("agrees with the WHATWG table on every byte", () => {
    // The WHATWG index for 0x80–0x9F (undefined bytes keep their code).
    const expected = [
      0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d,
      0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
      0x17e, 0x178,
    ]
    const all = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, i) => i))
    expect([...all].map((c) => c.charCodeAt(0))).toEqual(
      Array.from({ length: 256 }, (_, i) => (i >= 0x80 && i <= 0x9f ? expected[i - 0x80]! : i)),
    )
  })
})

describe("EncodingGuard", () => {
  const feed = (encoding: "utf-8" | "windows-1252", chunks: number[][]) => {
    const guard = new EncodingGuard(encoding)
    for (const c of chunks) guard.push(Buffer.from(c))
    return guard.end()
  }
  it("accepts UTF-8 whose letters are split across chunks", () =>
    expect(
      feed("utf-8", [
        [0x56, 0xc3],
        [0xa4, 0x6e],
      ]),
    ).toBe(true))
  it("refuses UTF-8 cut short at the end", () => expect(feed("utf-8", [[0x56, 0xc3]])).toBe(false))
  it("refuses a Windows-1252 byte in UTF-8", () => expect(feed("utf-8", [[0x56], [0xe4, 0x6e]])).toBe(false))
  it("sees a UTF-8 letter in Windows-1252 across a chunk boundary", () =>
    expect(feed("windows-1252", [[0x56, 0xc3], [0xa4]])).toBe(false))
  it("accepts real Windows-1252", () =>
    expect(
      feed("windows-1252", [
        [0x56, 0xe4],
        [0x96, 0x6e],
      ]),
    ).toBe(true))
  it("refuses a BOM in Windows-1252", () => expect(feed("windows-1252", [[0xef, 0xbb, 0xbf, 0x61]])).toBe(false))
})
