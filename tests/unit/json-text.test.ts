import { describe, expect, it } from "vitest"
import { JsonLimitError, JsonSyntaxError, locate, parseJsonText, toPlain } from "../../pipeline/shared/json-text.ts"
import { MAX_JSON_DEPTH, MAX_JSON_VALUES } from "../../pipeline/shared/limits.ts"

describe("parseJsonText", () => {
  const text = '{\n  "a": [1, {"b": "x\\u00e5"}],\n  "n": -12.50e1, "t": true, "z": null\n}'
  it("parses like JSON.parse", () => expect(toPlain(parseJsonText(text))).toEqual(JSON.parse(text)))
  it("keeps number text", () => {
    const root = parseJsonText('{"v": 007.0}'.replace("007.0", "7.10"))
    expect(root.kind === "object" && root.entries[0]!.value).toMatchObject({ kind: "number", text: "7.10" })
  })
  it("locates values by path", () =>
    expect(locate(parseJsonText(text), ["a", 1, "b"])).toEqual({ line: 2, column: 18 }))
  it("reports syntax errors with line and column", () => {
    try {
      parseJsonText('[\n  {"a": 1 "b"}\n]')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(JsonSyntaxError)
      expect(e).toMatchObject({ line: 2, column: 11 })
      expect((e as Error).message).toMatch(/a comma is missing before this property/)
    }
  })
  it.each([
    ['[\n  {"a": 1,}\n]', 2, 10, /a comma after the last property.*remove this comma/],
    ['{"a": [1,\n 2,\n ]}', 2, 3, /a comma after the last item.*remove this comma/],
    ["{'a': 1}", 1, 2, /single quotes: JSON needs double quotes/],
  ])("names the fix of a common slip at its character: %j", (text, line, column, message) => {
    try {
      parseJsonText(text)
      expect.unreachable()
    } catch (e) {
      expect(e).toMatchObject({ line, column })
      expect((e as Error).message).toMatch(message)
    }
  })
})

describe("parseJsonText: what JSON forbids inside a string", () => {
  const syntaxError = (text: string) => {
    try {
      parseJsonText(text)
    } catch (e) {
      if (e instanceof JsonSyntaxError) return { line: e.line, column: e.column, message: e.message }
      throw e
    }
    return undefined
  }

  it("refuses a raw tab at its line and column, saying how to write it", () => {
    expect(syntaxError('[\n  {"a": "x\ty"}\n]')).toEqual({
      line: 2,
      column: 11,
      message: expect.stringContaining("a raw tab character inside a string: write it as \\t"),
    })
  })

  it("refuses a raw carriage return, and every other control character U+0000–U+001F", () => {
    expect(syntaxError('{"a": "x\ry"}')).toMatchObject({
      line: 1,
      column: 9,
      message: expect.stringContaining("write it as \\r"),
    })
    for (let code = 0; code < 0x20; code++) {
      const found = syntaxError(`{"a": 1,\n "b${String.fromCharCode(code)}": "y"}`)
      expect(found, `U+${code.toString(16).padStart(4, "0")}`).toMatchObject({ line: 2, column: 4 })
      expect(() => JSON.parse(`"${String.fromCharCode(code)}"`)).toThrow()
    }
    expect(syntaxError('"\u0001"')!.message).toContain("\\u0001")
  })

  it("accepts them escaped, and DEL and what follows it raw", () => {
    const text = '["x\\ty\\r\\u0001", "\u007f\u0080\u00a0"]'
    expect(toPlain(parseJsonText(text))).toEqual(JSON.parse(text))
  })
})

describe("parseJsonText: numbers of any length", () => {
  const numberText = (text: string) => {
    const root = parseJsonText(text)
    const first = root.kind === "array" ? root.items[0] : undefined
    return first?.kind === "number" ? first.text : undefined
  }

  it("keeps the exact text of a number longer than 64 characters", () => {
    for (const n of [
      `1${"0".repeat(99)}`,
      `-0.${"3".repeat(80)}e-12`,
      `${"9".repeat(63)}.${"1".repeat(10)}E+400`,
      `12345678901234567890123456789012345678901234567890123456789012345`,
    ]) {
      expect(numberText(`[${n}, 1]`), n).toBe(n)
      expect(toPlain(parseJsonText(`[${n}]`))).toEqual(JSON.parse(`[${n}]`))
    }
  })

  it("still locates what follows a long number", () => {
    expect(() => parseJsonText(`[${"1".repeat(70)}x]`)).toThrow(expect.objectContaining({ line: 1, column: 72 }))
  })

  it("reads arrays and objects nested to the depth limit, and refuses one level more at its bracket", () => {
    const nested = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`
    expect(() => parseJsonText(nested(MAX_JSON_DEPTH))).not.toThrow()
    for (const text of [nested(MAX_JSON_DEPTH + 1), nested(100_000), `${'{"a":'.repeat(100_000)}1`]) {
      let thrown: unknown
      try {
        parseJsonText(text)
      } catch (e) {
        thrown = e
      }
      expect(thrown).toBeInstanceOf(JsonLimitError)
      expect(thrown).toMatchObject({
        code: "json/too-deep",
        line: 1,
        column: text.startsWith("[") ? MAX_JSON_DEPTH + 1 : 5 * MAX_JSON_DEPTH + 1,
      })
    }
  })

  it("reads up to the most values a document may hold, and refuses the next at its place", () => {
    const values = (n: number) => `[${"1,".repeat(n - 2)}1]`
    expect(() => parseJsonText(values(MAX_JSON_VALUES))).not.toThrow()
    expect(() => parseJsonText(values(MAX_JSON_VALUES + 1))).toThrow(
      expect.objectContaining({ code: "json/too-many-values", line: 1, column: 2 * MAX_JSON_VALUES }),
    )
  })

  it("locates in a wide object at the same cost as in a small one", () => {
    const text = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}": ${i}`).join(", ")}}`
    const wide = parseJsonText(text)
    const started = performance.now()
    for (let i = 0; i < 100_000; i++) locate(wide, [`k${i}`])
    // Generous: about 50 ms here; looking each key up among all of them took minutes.
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(locate(wide, ["k99999"])).toEqual({ line: 1, column: text.indexOf(": 99999}") + 3 })
  })
})
