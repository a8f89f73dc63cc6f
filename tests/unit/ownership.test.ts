/**
 * Publishers and their deliveries, given/expect: the register read and checked, whose folder
 * each delivery sits in, changes to another publisher's deliveries and the maintainers' reason
 * for them, and the CODEOWNERS the register makes.
 */
import { describe, expect, it } from "vitest"
import type { Delivery, SourceDelivery } from "../../pipeline/contract/manifest-schema.ts"
import { codeowners } from "../../pipeline/git/codeowners.ts"
import { parseManifest } from "../../pipeline/manifest/load-manifest.ts"
import { parseRegister, type Register } from "../../pipeline/manifest/load-register.ts"
import { onBehalfChanges, ownershipFindings } from "../../pipeline/manifest/ownership.ts"
import { locate, parseJsonText } from "../../pipeline/shared/json-text.ts"
import { SOURCES } from "../../pipeline/sources/index.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"

const MAINTAINERS = {
  name: "the repository's maintainers",
  maintainers: true,
  folders: ["4k", "reference"],
  accounts: [],
}
const VANNAS = { name: "Vännäs kommun", folders: ["vannas-kommun"], accounts: ["@vannas/data"] }
const BJURHOLM = { name: "Bjurholms kommun", folders: ["bjurholms-kommun"], accounts: [] }

const read = (publishers: ReadonlyArray<unknown>) =>
  parseRegister(JSON.stringify({ publishers }, null, 2), "publishers.json", SOURCES.keys())
const REGISTER: Register = read([MAINTAINERS, VANNAS, BJURHOLM]).register!

const delivered = (file: string, publisher: string, over: Partial<Delivery> = {}): Delivery => ({
  file,
  dataset: "counties",
  kind: "delivered",
  publisher,
  licence: "CC0-1.0",
  received: "2012-01-01",
  sha256: "a".repeat(64),
  format: "csv",
  columns: { kod: "county_code", namn: "county_name", nuts: "nuts3_code" },
  ...over,
})
const transcribed = (file: string): Delivery =>
  delivered(file, "Statistiska centralbyrån (SCB)", {
    kind: "transcribed",
    documents: [{ title: "SCB's list of counties", publisher: "Statistiska centralbyrån (SCB)" }],
  })
const snapshot = (file: string): SourceDelivery => ({
  file,
  source: "nuts-regions",
  received: "2026-11-29",
  sha256: "b".repeat(64),
})

const historyOf = (deliveries: ReadonlyArray<Delivery | SourceDelivery>) => {
  const parsed = parseManifest(JSON.stringify({ deliveries }, null, 2), "manifest.json", DATASETS, SOURCES)
  expect(parsed.problems).toEqual([])
  return parsed.manifest!.history
}
const findings = (deliveries: ReadonlyArray<Delivery | SourceDelivery>) =>
  ownershipFindings(historyOf(deliveries), REGISTER, "raw/publishers.json").map(({ code, path }) => ({ code, path }))

describe("the register of publishers", () => {
  it("gives each folder its publisher, and each source's folder to the maintainers", () => {
    expect(REGISTER.owners.get("vannas-kommun")?.name).toBe("Vännäs kommun")
    expect(REGISTER.owners.get("4k")).toBe(REGISTER.maintainers)
    for (const source of SOURCES.keys()) expect(REGISTER.owners.get(source)).toBe(REGISTER.maintainers)
  })

  it.each([
    ["no maintainers", [VANNAS], ["publishers"]],
    ["two maintainers", [MAINTAINERS, { ...VANNAS, maintainers: true }], ["publishers"]],
    [
      "a folder registered twice",
      [MAINTAINERS, VANNAS, { ...BJURHOLM, folders: ["vannas-kommun"] }],
      ["publishers", 2, "folders", 0],
    ],
    [
      "a publisher registered twice",
      [MAINTAINERS, VANNAS, { ...BJURHOLM, name: "Vännäs kommun" }],
      ["publishers", 2, "name"],
    ],
    ["a folder named as a source", [MAINTAINERS, { ...VANNAS, folders: ["kolada"] }], ["publishers", 1, "folders", 0]],
    [
      "an account that is no GitHub account",
      [MAINTAINERS, { ...VANNAS, accounts: ["vannas@example.org"] }],
      ["publishers", 1, "accounts", 0],
    ],
    [
      "a folder that is a path",
      [MAINTAINERS, { ...VANNAS, folders: ["vannas/2011"] }],
      ["publishers", 1, "folders", 0],
    ],
  ] as const)("refuses %s, at its place", (_, publishers, path) => {
    const text = JSON.stringify({ publishers }, null, 2)
    const { problems } = parseRegister(text, "publishers.json", SOURCES.keys())
    expect(problems).toEqual([
      expect.objectContaining({
        code: "manifest/invalid",
        file: "publishers.json",
        ...locate(parseJsonText(text), path),
      }),
    ])
  })
})

describe("whose folder a delivery sits in", () => {
  it("accepts each delivery in its publisher's folder: delivered, transcribed and a snapshot", () => {
    expect(
      findings([
        delivered("vannas-kommun/2012/lan.csv", "Vännäs kommun"),
        transcribed("reference/lan.csv"),
        snapshot("nuts-regions/2026-11-29/nuts.csv"),
      ]),
    ).toEqual([])
  })

  it("refuses a delivery claiming another publisher's folder, at its publisher", () => {
    const [found] = ownershipFindings(
      historyOf([delivered("vannas-kommun/lan.csv", "Bjurholms kommun")]),
      REGISTER,
      "raw/publishers.json",
    )
    expect(found).toMatchObject({
      code: "manifest/publisher",
      path: ["deliveries", 0, "publisher"],
      value: "Bjurholms kommun",
    })
    expect(found!.message).toContain("vannas-kommun/ is Vännäs kommun's folder (raw/publishers.json)")
    expect(found!.message).toContain("--to bjurholms-kommun")
  })

  it.each([
    ["a delivery in a folder no one registers", delivered("umea-kommun/lan.csv", "Umeå kommun")],
    ["a delivery at raw/'s top", delivered("lan.csv", "Vännäs kommun")],
    ["a delivery in the maintainers' folder", delivered("4k/lan.csv", "Vännäs kommun")],
    ["a transcription in a publisher's folder", transcribed("vannas-kommun/lan.csv")],
    ["a snapshot outside its source's folder", snapshot("reference/nuts.csv")],
  ] as const)("refuses %s", (_, d) => {
    expect(findings([d])).toEqual([
      { code: "manifest/publisher", path: ["deliveries", 0, d.file === "4k/lan.csv" ? "publisher" : "file"] },
    ])
  })
})

describe("changes to another publisher's deliveries", () => {
  const vannas = delivered("vannas-kommun/lan.csv", "Vännäs kommun")
  const byBjurholm = delivered("bjurholms-kommun/lan.csv", "Bjurholms kommun", { replaces: [vannas.file] })
  const REASON = "maintainers: Vännäs kommun asked Bjurholm to deliver the counties for both"

  it("refuses a correction of another publisher's delivery without the maintainers' reason, at its replaces", () => {
    expect(findings([vannas, byBjurholm])).toEqual([
      { code: "manifest/on-behalf", path: ["deliveries", 1, "replaces", 0] },
    ])
    expect(findings([vannas, { ...byBjurholm, onBehalf: REASON }])).toEqual([])
  })

  it("refuses the withdrawal of a publisher's delivery without the maintainers' reason, at its withdrawn", () => {
    expect(findings([{ ...vannas, withdrawn: "wrong figures" }])).toEqual([
      { code: "manifest/on-behalf", path: ["deliveries", 0, "withdrawn"] },
    ])
    expect(findings([{ ...vannas, withdrawn: "wrong figures", onBehalf: REASON }])).toEqual([])
  })

  it("lets a publisher correct its own, and the maintainers withdraw or correct theirs", () => {
    const own = delivered("vannas-kommun/lan-2.csv", "Vännäs kommun", { replaces: [vannas.file] })
    const typed = transcribed("reference/lan.csv")
    expect(findings([vannas, own, { ...typed, withdrawn: "typed wrong" }])).toEqual([])
    expect(findings([typed, { ...snapshot("nuts-regions/x.csv"), replaces: [typed.file] }])).toEqual([])
  })

  it("lists those made since the release, each with the maintainers' reason", () => {
    const withdrawn = {
      ...delivered("bjurholms-kommun/old.csv", "Bjurholms kommun"),
      withdrawn: "wrong",
      onBehalf: REASON,
    }
    const history = historyOf([vannas, { ...byBjurholm, onBehalf: REASON }, withdrawn])
    expect(onBehalfChanges(history, REGISTER, [])).toEqual([
      {
        file: vannas.file,
        owner: "Vännäs kommun",
        change: { kind: "replaced", by: byBjurholm.file, byPublisher: "Bjurholms kommun" },
        onBehalf: REASON,
      },
      {
        file: withdrawn.file,
        owner: "Bjurholms kommun",
        change: { kind: "withdrawn", reason: "wrong" },
        onBehalf: REASON,
      },
    ])
    // Once published, they are history, and the next change lists them no more.
    const published = history.map(({ file, sha256, kind, publisher, reading, state }) => ({
      ...{ file, sha256, kind, publisher, reading, state },
    }))
    expect(onBehalfChanges(history, REGISTER, published)).toEqual([])
  })
})

describe(".github/CODEOWNERS", () => {
  const text = codeowners(REGISTER)
  const rules = text.split("\n").filter((l) => l !== "" && !l.startsWith("#"))

  it("names each publisher's accounts for its folders, and the maintainers' for everything else", () => {
    expect(rules).toContain("/raw/vannas-kommun/ @vannas/data")
    expect(rules[0]).toBe("*")
    for (const folder of ["4k", "reference", ...SOURCES.keys()]) expect(rules).toContain(`/raw/${folder}/`)
  })

  it("names no one for a publisher with no account, and says so", () => {
    expect(rules).toContain("/raw/bjurholms-kommun/")
    const block = text.slice(text.indexOf("# Bjurholms kommun"))
    expect(block.split("\n")[1]).toBe(
      "# No GitHub account or team is configured in raw/publishers.json: no one is named.",
    )
    expect(text).not.toMatch(/@(?!vannas\/data)/u)
  })
})
