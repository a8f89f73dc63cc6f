/**
 * No personal data anywhere in the repository, which is public: every file under raw/, dist/,
 * tests/, pipeline/, schemas/ and bin/ (Parquet files read back by DuckDB) is searched for the
 * look-alike personal values of the shared Projektbanken copy (its project leaders' names,
 * addresses and numbers, and the contacts in its free text), and for anything shaped like a
 * phone number outside the numbers that belong to no one: the range Post- och telestyrelsen
 * reserves for fiction, 070-174 06 05 … 070-174 06 99, and numbers that are all zeros after
 * the country code. Personal identity numbers, likewise, only as Skatteverket's test number.
 */
import { existsSync } from "node:fs"
import { readdir, readFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { findPersonalData } from "../pipeline/privacy/personal-data.ts"
import { CsvTokenizer } from "../pipeline/read/csv-tokenizer.ts"
import { openDatabase, type Database } from "../pipeline/db/duckdb.ts"
import { sqlString } from "../schemas/derive/duckdb.ts"
import { tempDir } from "./support/run-build.ts"

const FOLDERS = ["raw", "dist", "tests", "pipeline", "schemas", "bin"]
const REGISTER = resolve("..", "shared", "data", "eurospent_projektbanken_sweden_2007-2013.csv")
const PERSONAL_COLUMNS = ["projektledare", "projektledare_telnr", "projektledare_mail"]

/** The shapes of the shared copy's look-alikes: its leaders' names and addresses, the contacts in its free text. */
const LOOK_ALIKES = [/Testa Person[0-9]/u, /testa\.person[0-9]/iu, /Testa Kontakt[A-Z]/u]

/** Skatteverket's well-known test number, which belongs to no one. */
const TEST_IDENTITY_NUMBERS = ["19121212-1212", "121212-1212"]

const digits = (phone: string) =>
  phone
    .replace(/\(0\)/gu, "")
    .replace(/[^0-9]/gu, "")
    .replace(/^46/u, "0")

/** A number that belongs to no one: PTS's range for fiction, or all zeros after the country code. */
const belongsToNoOne = (phone: string): boolean => {
  const d = digits(phone)
  const fiction = /^07017406([0-9]{2})$/u.exec(d)
  if (fiction !== null && Number(fiction[1]) >= 5) return true
  return /^\+ ?[1-9][0-9]{0,2}[ -]?(?:\(0\)[ -]?)?[0 -]+$/u.test(phone.trim())
}

const filesUnder = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter(
      (e) =>
        e.isFile() &&
        !e.parentPath.split("/").includes("node_modules") &&
        !/(^|\/)tests\/cases\/[^/]+\/actual(\/|$)/u.test(e.parentPath),
    )
    .map((e) => join(e.parentPath, e.name))

describe("personal data in the repository", () => {
  let db: Database
  let work: string
  const texts = new Map<string, string>()
  beforeAll(async () => {
    work = await tempDir("repository-personal-data")
    db = await openDatabase(work)
    for (const folder of FOLDERS.filter((f) => existsSync(f))) {
      for (const file of await filesUnder(folder)) {
        if (file.endsWith(".parquet"))
          texts.set(file, JSON.stringify(await db.rows(`SELECT * FROM read_parquet(${sqlString(resolve(file))})`)))
        else texts.set(file, (await readFile(file)).toString("utf8"))
      }
    }
  })
  afterAll(() => db?.close())

  it("reads every file of the folders, Parquet included", () => {
    expect([...texts.keys()].some((f) => f.startsWith("raw/"))).toBe(true)
    expect([...texts.keys()].some((f) => f.startsWith("dist/") && f.endsWith(".parquet"))).toBe(true)
  })

  it("holds none of the shared register copy's look-alike names, addresses or contacts", () => {
    const found = [...texts].flatMap(([file, text]) =>
      LOOK_ALIKES.filter((re) => re.test(text)).map((re) => `${file}: ${re.source}`),
    )
    expect(found).toEqual([])
  })

  it("holds nothing shaped like a phone number or a personal identity number but those that belong to no one", () => {
    const found = [...texts].flatMap(([file, text]) =>
      findPersonalData(text)
        .filter(
          (h) =>
            (h.kind === "a phone number" && !belongsToNoOne(h.text)) ||
            (h.kind === "a personal identity number" && !TEST_IDENTITY_NUMBERS.includes(h.text)),
        )
        .map((h) => `${file}: ${h.text}`),
    )
    expect(found).toEqual([])
  })

  it.skipIf(!existsSync(REGISTER))("holds no value of the shared copy's personal columns", async () => {
    const tokenizer = new CsvTokenizer(",", '"')
    const [header, ...records] = [...tokenizer.push(await readFile(REGISTER, "utf8")), ...tokenizer.end()]
    const columns = PERSONAL_COLUMNS.map((c) => header!.fields.findIndex((f) => f.value === c))
    const values = new Set(
      records
        .flatMap((r) => columns.map((i) => r.fields[i]!.value.trim()))
        .filter((v) => v.length >= 5 && v !== "Information saknas"),
    )
    expect(values.size).toBeGreaterThan(1000)
    const any = new RegExp([...values].map((v) => v.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join("|"), "u")
    const found = [...texts].flatMap(([file, text]) => {
      const m = any.exec(text)
      return m === null ? [] : [`${file}: a value of the register's personal columns at character ${m.index}`]
    })
    expect(found).toEqual([])
  })

  it("knows the numbers that belong to no one", () => {
    expect(
      ["070-174 06 05", "070-174 06 99", "+46 70 174 06 42", "+46 (0)70 1740650", "+47 000 00 000", "+45 00000000"].map(
        belongsToNoOne,
      ),
    ).toEqual([true, true, true, true, true, true])
    // Written in parts, so this file holds no such number itself.
    const others = [
      ["070-174", "06", "04"],
      ["070-174", "07", "05"],
      ["0934-140", "00"],
      ["+47", "911", "93", "041"],
    ].map((parts) => parts.join(" "))
    expect(others.map(belongsToNoOne)).toEqual([false, false, false, false])
  })
})
