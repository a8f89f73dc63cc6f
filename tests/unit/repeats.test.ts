import { describe, expect, it } from "vitest"
import { problem } from "../../pipeline/problems/problem.ts"
import { onceEach } from "../../pipeline/problems/repeats.ts"

describe("onceEach: a problem found again and again", () => {
  const unknown = problem({
    code: "cell/unknown-name",
    file: "f.xlsx",
    sheet: "Blad1",
    line: 9,
    column: 1,
    value: "Okänd",
    message: "no municipality is called Okänd",
  })
  const other = { ...unknown, column: 3, code: "cell/type" as const, message: "value: expected a number" }

  it("is said once, with how many times, and a problem found once stays as it was", () => {
    expect(onceEach([unknown, other, unknown, unknown], "value column of the row")).toEqual([
      {
        ...unknown,
        message: "no municipality is called Okänd (the same 3 times: once in each value column of the row)",
      },
      other,
    ])
  })

  it("tells apart problems at other cells or with other values", () => {
    const elsewhere = { ...unknown, line: 10 }
    expect(onceEach([unknown, elsewhere, { ...unknown, value: "Okänt" }], "row")).toHaveLength(3)
  })
})
