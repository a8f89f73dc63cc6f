/**
 * The cell rules, in the one place they are decided: the SQL of the normalization
 * (pipeline/normalize/sql-cells.ts), run by DuckDB on single texts. A typed cell's value,
 * whether it holds, and the reason code a refused one is recorded with; and a missing value.
 */
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Column } from "../../schemas/derive/columns.ts"
import { sqlString } from "../../schemas/derive/duckdb.ts"
import type { ColumnType } from "../../schemas/field.ts"
import { type Database, openDatabase } from "../../pipeline/db/duckdb.ts"
import type { DeliveryPlan } from "../../pipeline/normalize/delivery-plan.ts"
import { missingLabels } from "../../pipeline/normalize/missing-labels.ts"
import { doubleSql, missingSql, typedSql } from "../../pipeline/normalize/sql-cells.ts"

const swedish = { decimalSeparator: ",", thousandsSeparator: " " } as const
const plain = { decimalSeparator: ".", thousandsSeparator: "" } as const

let db: Database
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cell-rules-"))
  db = await openDatabase(dir)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** A text decided as a cell of a column of `type`, in the number format `format`. */
const decide = async (
  text: string,
  type: ColumnType,
  format: { decimalSeparator: "." | ","; thousandsSeparator: string } = swedish,
) => {
  const plan = { dialect: format } as unknown as DeliveryPlan
  const typed = typedSql({ name: "x", type } as Column, "t", "d", "k", plan)
  const [row] = await db.rows(
    `SELECT (${typed.value})::VARCHAR AS value, ${typed.ok} AS ok, ${typed.why ?? "'type'"} AS why
     FROM (SELECT *, ${typed.check ?? "NULL"} AS k FROM (SELECT t, ${doubleSql("t", plan, false)} AS d FROM (SELECT ${sqlString(text)} AS t)))`,
  )
  return row!["ok"] === true ? { ok: true, value: row!["value"] } : { ok: false, why: row!["why"] }
}

describe("a number", () => {
  it.each([
    ["12,5", "12.5"],
    ["111 771", "111771.0"],
    ["1\u00a0234\u202f567,25", "1234567.25"],
    ["-3", "-3.0"],
    ["-0", "0.0"],
  ])("reads %j", async (text, value) => expect(await decide(text, "DOUBLE")).toEqual({ ok: true, value }))
  it.each(["12.5", "11 17 71", "8x357", "", "5e3", "12,", "9".repeat(400)])(
    "refuses %j as a type fault",
    async (text) => expect(await decide(text, "DOUBLE")).toEqual({ ok: false, why: "type" }),
  )
  it("refuses grouping when none is declared", async () =>
    expect(await decide("1 234", "DOUBLE", plain)).toEqual({ ok: false, why: "type" }))
})

describe("a whole number", () => {
  it("accepts 12,0 as twelve", async () => expect(await decide("12,0", "INTEGER")).toEqual({ ok: true, value: "12" }))
  it.each(["12,5", "ca 2400", "9999999999999999999"])("refuses %j", async (text) =>
    expect(await decide(text, "BIGINT")).toEqual({ ok: false, why: "type" }),
  )
})

describe("true or false", () => {
  it.each([
    ["ja", "true"],
    ["NEJ", "false"],
    ["yes", "true"],
    ["no", "false"],
    ["1", "true"],
    ["0", "false"],
    ["True", "true"],
  ])("reads %j", async (text, value) => expect(await decide(text, "BOOLEAN")).toEqual({ ok: true, value }))
  it("refuses kanske", async () => expect(await decide("kanske", "BOOLEAN")).toEqual({ ok: false, why: "type" }))
})

describe("a date", () => {
  it("keeps an ISO date", async () =>
    expect(await decide("2008-01-01", "DATE")).toEqual({ ok: true, value: "2008-01-01" }))
  it("refuses a date that does not exist, saying so", async () =>
    expect(await decide("2010-02-30", "DATE")).toEqual({ ok: false, why: "no-such-date" }))
  it("refuses a Swedish short date as a type fault", async () =>
    expect(await decide("08-01-01", "DATE")).toEqual({ ok: false, why: "type" }))
})

describe("a missing value", () => {
  const labels = missingLabels([
    { value: "..", label: "not reported" },
    { value: " Information saknas ", label: "not known" },
    { value: "..", label: "confidential" },
  ])
  const missing = async (text: string | null, l = labels) => {
    const { missing, label } = missingSql("r", l)
    const [row] = await db.rows(
      `SELECT ${missing} AS missing, ${label} AS label FROM (SELECT ${text === null ? "NULL::VARCHAR" : sqlString(text)} AS r)`,
    )
    return row!["missing"] === true ? { label: row!["label"] } : undefined
  }
  it("labels a declared marker, the first declared of a text", async () =>
    expect(await missing("..")).toEqual({ label: "not reported" }))
  it("labels a marker of words, compared cleaned", async () =>
    expect(await missing("Information saknas")).toEqual({ label: "not known" }))
  it("leaves other text alone", async () => expect(await missing("0")).toBeUndefined())
  it("takes an empty cell, and DuckDB's NULL for an empty field, as missing without a label", async () => {
    expect(await missing("")).toEqual({ label: null })
    expect(await missing(null)).toEqual({ label: null })
  })
  it("labels empty cells with a marker declared as empty or as white space", async () => {
    expect(await missing("", missingLabels([{ value: "", label: "not reported" }]))).toEqual({ label: "not reported" })
    expect(await missing(null, missingLabels([{ value: " \u00a0", label: "confidential" }]))).toEqual({
      label: "confidential",
    })
  })
})
