/** The one adapter from Effect Schema's issues: given a value, every finding with its path and kind. */
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decoderOf, documentProblems } from "../../pipeline/problems/schema-issues.ts"
import { projects } from "../../schemas/datasets/projects.ts"

const S = Schema.Struct({
  code: Schema.String.check(Schema.isPattern(/^[0-9]{4}$/u, { expected: "four digits" })),
  count: Schema.Int,
  unit: Schema.Literals(["count", "persons"]),
  nested: Schema.Array(Schema.Struct({ name: Schema.String })),
})
const decode = decoderOf(S)

describe("decoderOf", () => {
  it("gives the value when it holds", () => {
    expect(decode({ code: "0114", count: 3, unit: "count", nested: [] })).toEqual({
      ok: true,
      value: { code: "0114", count: 3, unit: "count", nested: [] },
    })
  })

  it("collects every issue, each with its path, its kind and, for a check, which check", () => {
    const result = decode({ code: "114", count: "x", unit: "bogus", nested: [{}] })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.findings.map((f) => [f.path.join("."), f.kind, f.check])).toEqual([
      ["code", "check", "effect/schema/isPattern"],
      ["count", "type", undefined],
      ["unit", "value", undefined],
      ["nested.0.name", "missing-key", undefined],
    ])
    expect(result.findings[0]!.message).toBe("Expected four digits")
  })

  it("locates findings in a JSON document by their paths, under a prefix", () => {
    const result = decode({ code: "0114", count: 1, unit: "count", nested: [{ name: 1 }] })
    if (result.ok) throw new Error("expected findings")
    const problems = documentProblems(result.findings, {
      code: "manifest/invalid",
      file: "m.json",
      prefix: ["deliveries", 2],
      locate: (path) => ({ line: path.length, column: 7 }),
    })
    expect(problems).toMatchObject([
      {
        code: "manifest/invalid",
        file: "m.json",
        line: 5,
        column: 7,
        message: expect.stringMatching(/^deliveries\.2\.nested\.0\.name: Expected string/),
      },
    ])
  })

  it("finds a row rule at the field it names, in the rule's words", () => {
    const row: Record<string, unknown> = Object.fromEntries(Object.keys(projects.schema.fields).map((k) => [k, null]))
    Object.assign(row, {
      project_id: "4k",
      title_sv: "Fyra K",
      status: "completed",
      start_date: "2008-01-01",
      end_date: "2007-12-31",
      lead_organisation: "x",
      programme: "x",
      fund: "x",
    })
    const result = decoderOf(projects.schema)(row)
    expect(result).toEqual({
      ok: false,
      findings: [
        {
          path: ["end_date"],
          kind: "check",
          check: undefined,
          message: "the project ends before it starts (start_date 2008-01-01)",
        },
      ],
    })
    expect(decoderOf(projects.schema)({ ...row, end_date: "2008-01-01" }).ok).toBe(true)
  })
})
