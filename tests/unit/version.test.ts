import { describe, expect, it } from "vitest"
import { bumpOf, nextVersion, schemaChanges } from "../../pipeline/catalog/version.ts"

const schema = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: "array",
  items: { type: "object", properties, required },
})
const text = { type: "string", description: "A name" }
const nullableText = { anyOf: [{ type: "string" }, { type: "null" }], description: "A name" }
const status = (values: string[]) => ({ type: "string", enum: values })

describe("schemaChanges and the version they call for", () => {
  const bump = (before: Record<string, unknown>, after: Record<string, unknown>, dataChanged = false) =>
    bumpOf(schemaChanges(before as never, after as never), dataChanged)

  it("asks for nothing when nothing changed, and a patch when only data did", () => {
    const s = { a: schema({ name: text }) }
    expect(bump(s, s)).toBe("none")
    expect(bump(s, s, true)).toBe("patch")
  })

  it("asks for a patch when only a description changed", () => {
    expect(bump({ a: schema({ name: text }) }, { a: schema({ name: { ...text, description: "The name" } }) })).toBe(
      "patch",
    )
  })

  it("asks for a patch when only a dataset's title or description changed, and says so", () => {
    const titled = (title: string) => ({
      ...schema({ name: text }),
      title,
      items: { ...schema({ name: text }).items, title },
    })
    expect(schemaChanges({ a: titled("Projekt") } as never, { a: titled("Projekt: 4K") } as never)).toEqual([
      { bump: "patch", what: "a: title or description changed" },
    ])
  })

  it("asks for a minor release when something is added", () => {
    expect(bump({ a: schema({ name: text }) }, { a: schema({ name: text, code: text }, ["name"]) })).toBe("minor")
    expect(bump({ a: schema({ name: text }) }, { a: schema({ name: text }), b: schema({ x: text }) })).toBe("minor")
    expect(bump({ a: schema({ s: status(["a"]) }) }, { a: schema({ s: status(["a", "b"]) }) })).toBe("minor")
    expect(bump({ a: schema({ name: text }) }, { a: schema({ name: nullableText }, []) })).toBe("minor")
  })

  it("asks for a major release when a published promise breaks", () => {
    expect(bump({ a: schema({ name: text, code: text }) }, { a: schema({ name: text }) })).toBe("major")
    expect(bump({ a: schema({ name: text }), b: schema({ x: text }) }, { a: schema({ name: text }) })).toBe("major")
    expect(bump({ a: schema({ s: status(["a", "b"]) }) }, { a: schema({ s: status(["a"]) }) })).toBe("major")
    expect(bump({ a: schema({ name: text }) }, { a: schema({ name: { type: "integer" } }) })).toBe("major")
    expect(bump({ a: schema({ name: nullableText }, []) }, { a: schema({ name: text }) })).toBe("major")
  })

  it("says what changed", () => {
    expect(
      schemaChanges({ a: schema({ name: text }) } as never, { a: schema({ name: text, code: text }) } as never),
    ).toEqual([{ bump: "minor", what: "a.code: added" }])
  })

  it("counts versions up from 1.0.0", () => {
    expect(nextVersion(undefined, "major")).toBe("1.0.0")
    expect(nextVersion("1.2.3", "none")).toBe("1.2.3")
    expect(nextVersion("1.2.3", "patch")).toBe("1.2.4")
    expect(nextVersion("1.2.3", "minor")).toBe("1.3.0")
    expect(nextVersion("1.2.3", "major")).toBe("2.0.0")
  })
})
