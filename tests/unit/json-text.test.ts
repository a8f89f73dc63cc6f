import { describe, expect, it } from "vitest"
import { JsonSyntaxError, locate, parseJsonText, toPlain } from "../../pipeline/shared/json-text.ts"

describe("parseJsonText", () => {
  const text = '{\n  "a": [1, {"b": "x\\u00e5"}],\n  "n": -12.50e1, "t": true, "z": null\n}'
  it("parses like JSON.parse", () => expect(toPlain(parseJsonText(text))).toEqual(JSON.parse(text)))
  it("keeps number text", () => {
    const root = parseJsonText('{"v": 007.0}'.replace("007.0", "7.10"))
    expect(root.kind === "object" && root.entries[0]!.value).toMatchObject({ kind: "number", text: "7.10" })
  })
  it("locates values by path", () => expect(locate(parseJsonText(text), ["a", 1, "b"])).toEqual({ line: 2, column: 18 }))
  it("reports syntax errors with line and column", () => {
    try {
      parseJsonText('[\n  {"a": 1,}\n]')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(JsonSyntaxError)
      expect(e).toMatchObject({ line: 2, column: 11 })
    }
  })
})
