/** Text that starts like a spreadsheet formula is published as delivered, with a warning at its cell. */
import { cp, readFile, rm } from "node:fs/promises"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { editDelivery } from "./support/raw-copy.ts"
import { build, tempDir } from "./support/run-build.ts"
import { firstCharacterExcludes } from "../pipeline/validate/formula-warnings.ts"

describe("formula-like text", () => {
  let work: string
  beforeAll(async () => {
    work = await tempDir("formula")
    await cp(join("tests", "cases", "good-small", "raw"), join(work, "raw"), { recursive: true })
    await editDelivery(
      join(work, "raw"),
      "lan.csv",
      "01,Stockholms",
      '01,"=HYPERLINK(""https://example.org"";""Stockholms',
      true,
    )
    await editDelivery(join(work, "raw"), "lan.csv", "n,SE110", 'n"")",SE110', true)
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it("is kept verbatim and warned about, and the release is published", async () => {
    const result = await build(join(work, "raw"), join(work, "dist"))
    expect(result.ok).toBe(true)
    expect(result.problems).toMatchObject([
      {
        severity: "warning",
        code: "cell/formula",
        line: 2,
        column: 2,
        columnName: "namn",
        value: expect.stringMatching(/^=HYPERLINK\(/),
      },
    ])
    const counties = JSON.parse(await readFile(join(work, "dist", "data", "counties.json"), "utf8")) as Array<
      Record<string, string>
    >
    expect(counties[0]!["county_name"]).toBe('=HYPERLINK("https://example.org";"Stockholms län")')
  })
})

describe("firstCharacterExcludes", () => {
  const starts = ["=", "+", "-", "@"]
  it.each([
    ["^[0-9]{4}$", true],
    ["^[a-z][a-z0-9_]*$", true],
    ["^SE[0-9]{3}$", true],
    ["^[a-z0-9][a-z0-9-]*$", true],
    ["^[a-z0-9-][a-z]*$", false],
    ["^[-a-z]$", false],
    ["^[+0-9]+$", false],
    ["^[<-B]$", false],
    ["^[^0-9]$", false],
    ["^\\d+$", false],
    ["^.*$", false],
    ["[0-9]+", false],
    ["^=x$", false],
  ])("%s excludes a formula's first character: %s", (pattern, expected) => {
    expect(firstCharacterExcludes(pattern, starts)).toBe(expected)
  })
})
