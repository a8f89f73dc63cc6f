/** pipeline/validate/locate-finding.ts: a table rule's finding located as the publisher finds it. */
import { describe, expect, it } from "vitest"
import { decimalFormats, locateFinding } from "../../pipeline/validate/locate-finding.ts"
import { numberAsWritten } from "../../pipeline/shared/number-as-written.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import type { PlannedDelivery } from "../../pipeline/contract/source-declaration.ts"

const label = (file: string) => `raw/${file}`
const fieldColumns = new Map([
  ["v.xlsx", new Map([["municipality_code", { column: 1, name: "Kommun" }]])],
  ["w.csv", new Map([["municipality_code", { column: 2, name: "region" }]])],
])
const sheets = new Map([["raw/v.xlsx", "Blad1"]])
const delivery = (file: string, dialect: PlannedDelivery["dialect"]) =>
  ({ file, dialect }) as unknown as PlannedDelivery

describe("a table rule's finding", () => {
  const duplicate = (first: string) => ({
    code: "row/primary-key" as const,
    dataset: "indicator_values",
    fields: ["indicator_id", "municipality_code", "year"],
    file: "v.xlsx",
    line: 9,
    cols: null,
    value: "population, 2403, 2010",
    message: `the key … is already used at \uE000${first === "v.xlsx" ? 7 : 3}\uE001${first}\uE000: …`,
  })

  it("in a workbook: at its sheet's cell, and the first copy in the same sheet as a cell", () => {
    const p = locateFinding(duplicate("v.xlsx"), fieldColumns, label, sheets)
    expect(p).toMatchObject({ file: "raw/v.xlsx", sheet: "Blad1", line: 9, column: 1, columnName: "Kommun" })
    expect(p.message).toBe("indicator_values.municipality_code: the key … is already used at Blad1!A7: …")
  })

  it("names a row of another file by the file and its line", () => {
    expect(locateFinding(duplicate("w.csv"), fieldColumns, label, sheets).message).toContain(
      "is already used at raw/w.csv:3: …",
    )
  })

  it("shows a decimal value as the delivery writes its numbers, and a year as it is", () => {
    const formats = decimalFormats([delivery("v.xlsx", { decimalSeparator: ",", thousandsSeparator: " " })], DATASETS)
    const count = {
      code: "row/period" as const,
      dataset: "indicator_values",
      file: "v.xlsx",
      line: 9,
      cols: null,
      message: "expected a whole number of at least 0",
    }
    expect(
      locateFinding({ ...count, fields: ["value"], value: "7013.5" }, fieldColumns, label, sheets, formats).value,
    ).toBe("7 013,5")
    expect(
      locateFinding({ ...count, fields: ["year"], value: "2011" }, fieldColumns, label, sheets, formats).value,
    ).toBe("2011")
  })
})

describe("numberAsWritten", () => {
  it("writes a number in the declared format, and leaves what is no plain number", () => {
    const swedish = { decimalSeparator: ",", thousandsSeparator: " " } as const
    expect(numberAsWritten("7013.5", swedish)).toBe("7 013,5")
    expect(numberAsWritten("-1234567.25", swedish)).toBe("-1 234 567,25")
    expect(numberAsWritten("2516.0", swedish)).toBe("2 516")
    expect(numberAsWritten("12.5", { decimalSeparator: ".", thousandsSeparator: "" })).toBe("12.5")
    expect(numberAsWritten("1e+20", swedish)).toBe("1e+20")
  })
})
