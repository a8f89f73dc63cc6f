/**
 * The release's metadata, on a release built from a raw/ the test controls
 * (tests/support/release-fixture.ts): datapackage.json valid against the Frictionless v2 profile
 * and true to the files; a codebook per dataset; the version, change record and changelog
 * following what changed since the previous release.
 */
import { existsSync } from "node:fs"
import { readFile, rm, stat } from "node:fs/promises"
import { createHash } from "node:crypto"
import { join, resolve } from "node:path"
import { Ajv } from "ajv"
import addFormatsModule from "ajv-formats"
import { validateCFFFile } from "cffjs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listFiles } from "../pipeline/shared/files.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { correctDelivery } from "./support/raw-copy.ts"
import { ALL_SOURCES, copyRelease, fixtureRelease, type Release, sharedHas } from "./support/release-fixture.ts"
import { build, tempDir } from "./support/run-build.ts"
import { treeHashes } from "./support/tree.ts"

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default
const PROFILE = resolve("..", "shared", "reference", "frictionless", "2.0", "datapackage.json")

type Json = Record<string, unknown>
const readJson = async <T = Json>(path: string) => JSON.parse(await readFile(path, "utf8")) as T
const sha256 = async (path: string) =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex")

// The sources' files (SCB, Projektbanken, Eurostat's codes) decide the licence and the sources named.
const present = sharedHas(ALL_SOURCES, "the sources and licence of the release's metadata")
let work: string
let release: Release
/** A file of the release. */
const at = (...path: string[]) => join(release.out, ...path)
beforeAll(async () => {
  work = await tempDir("catalog")
  release = await fixtureRelease(join(work, "release"), present ? ALL_SOURCES : [])
}, 120_000)
afterAll(() => rm(work, { recursive: true, force: true }))

describe("datapackage.json", () => {
  let descriptor: Json
  beforeAll(async () => {
    descriptor = await readJson(at("datapackage.json"))
  })

  it.skipIf(!existsSync(PROFILE))("is valid against the Data Package v2 profile", async () => {
    const ajv = new Ajv({ strict: false, allErrors: true })
    addFormats(ajv)
    const validate = ajv.compile(await readJson(PROFILE))
    expect(validate(descriptor), JSON.stringify(validate.errors, null, 2)).toBe(true)
  })

  it("describes every file of the release but itself and SHA256SUMS, with its true size and hash", async () => {
    const resources = descriptor["resources"] as Json[]
    const files = (await listFiles(release.out)).filter((f) => f !== "datapackage.json" && f !== "SHA256SUMS")
    expect(resources.map((r) => r["path"]).sort()).toEqual(files)
    for (const r of resources) {
      const path = at(String(r["path"]))
      expect(r["bytes"], String(r["path"])).toBe((await stat(path)).size)
      expect(r["hash"], String(r["path"])).toBe(`sha256:${await sha256(path)}`)
    }
    expect(new Set(resources.map((r) => r["name"])).size).toBe(resources.length)
  })

  it("gives each dataset's files its Table Schema, whose fields are the CSV header and whose keys resolve", async () => {
    const resources = descriptor["resources"] as Json[]
    const names = new Set(resources.map((r) => r["name"]))
    for (const d of DATASETS) {
      const csv = resources.find((r) => r["name"] === `${d.name}-csv`)!
      const schema = csv["schema"] as {
        fields: Json[]
        primaryKey: string[]
        foreignKeys: Array<{ reference: { resource: string } }>
        missingValues: Json[]
      }
      const header = (await readFile(at("data", `${d.name}.csv`), "utf8")).split("\n")[0]!.split(",")
      expect(
        schema.fields.map((f) => f["name"]),
        d.name,
      ).toEqual(header)
      expect(schema.primaryKey).toEqual(d.primaryKey)
      for (const fk of schema.foreignKeys ?? []) expect(names, d.name).toContain(fk.reference.resource)
      expect(schema.missingValues).toEqual([{ value: "", label: expect.stringContaining("missing") }])
      for (const format of ["json", "parquet"])
        expect(resources.find((r) => r["name"] === `${d.name}-${format}`)?.["schema"]).toEqual(schema)
    }
    const code = (
      resources.find((r) => r["name"] === "municipalities-csv")!["schema"] as { fields: Json[] }
    ).fields.find((f) => f["name"] === "municipality_code")
    expect(code).toMatchObject({ type: "string", constraints: { required: true, pattern: "[0-9]{4}" } })
  })

  it.skipIf(!present)(
    "names a licence by its Creative Commons address where one is granted, and the sources of each dataset",
    () => {
      // Tillväxtverket's register and Eurostat's codes are given under no licence: the release claims none as a whole.
      expect(descriptor["licenses"]).toBeUndefined()
      expect(descriptor["x-rights"]).toContain("no one licence for the whole release")
      const values = (descriptor["resources"] as Json[]).find((r) => r["name"] === "indicator_values-csv")!
      expect(values["licenses"]).toEqual([
        {
          name: "CC0-1.0",
          path: "http://creativecommons.org/publicdomain/zero/1.0/",
          title: "Creative Commons Zero v1.0 Universal",
        },
      ])
      const counties = (descriptor["resources"] as Json[]).find((r) => r["name"] === "counties-csv")!
      expect(counties["licenses"]).toBeUndefined()
      expect(counties["x-rights"]).toContain("Commission Decision 2011/833/EU")
      // In the order of their entries: the fixture files the sources after its transcriptions. The
      // typed population is a source for its 2007, which SCB's export does not cover.
      expect((values["sources"] as Json[]).map((s) => s["title"])).toEqual([
        expect.stringContaining(
          "Statistiska centralbyrån (SCB): scb/folkmangd_2007-2011.csv (transcribed by the maintainers on 2026-11-26",
        ),
        expect.stringContaining(
          "Nordmalings, Bjurholms, Robertsfors, Vindelns och Vännäs kommuner: 4k/2026-11-29/indikatorvarden.csv (transcribed by the maintainers on 2026-11-29 from 4K (avslutat projekt)",
        ),
        expect.stringMatching(
          /^Statistiska centralbyrån \(SCB\): scb-population\/[0-9-]+\/scb_folkmangd_kommun_2008-2018_bef_k_tot\.csv \(snapshot filed [0-9-]+; data as of a day not known; retrieved on a day not known; CC0-1\.0\)$/,
        ),
        expect.stringMatching(
          /^Statistiska centralbyrån \(SCB\): scb-rams\/[0-9-]+\/scb_rams_.*\.csv \(snapshot filed [0-9-]+; data as of a day not known; retrieved on a day not known; CC0-1\.0\)$/,
        ),
      ])
      expect(descriptor["version"]).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/)
    },
  )

  it("credits the creators of the data, and says who compiled it, never assuming a publisher", () => {
    const contributors = descriptor["contributors"] as Json[]
    expect(contributors[0]).toEqual({
      title: "the maintainers of kranskommuner-open-data",
      roles: ["publisher", "compiler"],
    })
    expect(contributors.filter((c) => (c["roles"] as string[]).includes("creator")).map((c) => c["title"])).toEqual(
      expect.arrayContaining([
        "Nordmalings, Bjurholms, Robertsfors, Vindelns och Vännäs kommuner",
        "Statistiska centralbyrån (SCB)",
        "Tillväxtverket",
        "Eurostat",
      ]),
    )
    expect(JSON.stringify(contributors)).not.toContain('"Bjurholms kommun"')
  })
})

describe("CITATION.cff", () => {
  it("names the compilers, the version and its date, and references every source with its creator", async () => {
    const text = await readFile(at("CITATION.cff"), "utf8")
    expect(text).toMatch(/^version: "[0-9]+\.[0-9]+\.[0-9]+"$/m)
    expect(text).toMatch(/^date-released: "[0-9]{4}-[0-9]{2}-[0-9]{2}"$/m)
    expect(text).toContain('authors:\n  - name: "the maintainers of kranskommuner-open-data"\n')
    const references = text.split("\nreferences:\n")[1]!
    if (present)
      expect(references).toContain(
        'title: "SCB, Folkmängd per kommun (BE0101)"\n    authors:\n      - name: "Statistiska centralbyrån (SCB)"',
      )
    expect(references).toContain(
      'title: "Tillväxtverket, Projektbanken: case 41364, 4K - KonkurrensKraftiga KransKommuner"\n    authors:\n      - name: "Tillväxtverket"',
    )
    expect(text).not.toContain('"Bjurholms kommun"')
  })

  it("is valid against the Citation File Format 1.2.0 schema", () => {
    // cffjs validates with the format's published JSON Schema (its $id is the 1.2.0 schema's).
    const cff = validateCFFFile(at("CITATION.cff"))
    expect(cff).toMatchObject({ "cff-version": "1.2.0", type: "dataset" })
    expect(Object.keys(cff)).toEqual(expect.arrayContaining(["version", "date-released", "references"]))
  })
})

describe("codebooks", () => {
  it.each(DATASETS.map((d) => d.name))(
    "data/%s.md documents every field, the keys, sources, citation and loading",
    async (name) => {
      const text = await readFile(at("data", `${name}.md`), "utf8")
      const d = DATASETS.find((x) => x.name === name)!
      for (const heading of [
        "## Fields",
        "## Keys",
        "## Sources and licence",
        "## Corrections",
        "## How to cite",
        "## Load it",
      ])
        expect(text).toContain(heading)
      for (const field of Object.keys(d.schema.fields)) expect(text).toContain(`| \`${field}\` |`)
      expect(text).toContain(`pd.read_parquet("${name}.parquet", dtype_backend="numpy_nullable")`)
      expect(text).toContain(`pd.read_parquet("${name}.parquet", use_nullable_dtypes=True)`)
      expect(text).toContain(`arrow::read_parquet("${name}.parquet")`)
      expect(text).toContain(`SELECT * FROM '${name}.parquet'`)
    },
  )

  it("lists the corrections made to a dataset", async () => {
    expect(await readFile(at("data", "projects.md"), "utf8")).toMatch(
      /\| `title_sv` \| misspelling on the municipalities' project page.* \| 1 \|/,
    )
  })
})

describe("versions and changes", () => {
  let raw: string
  let out: string
  beforeAll(async () => {
    ;({ raw, out } = await copyRelease(release, join(work, "versions")))
  })

  it("keeps the version and change record when nothing changed", async () => {
    const before = await treeHashes(out)
    expect((await build(raw, out)).ok).toBe(true)
    expect(await treeHashes(out)).toEqual(before)
  })

  it("makes a patch release when only data changes, and records which rows and fields", async () => {
    const previous = await readJson<{ version: string }>(join(out, "datapackage.json"))
    const previousLog = await readFile(join(out, "CHANGELOG.md"), "utf8")
    const corrected = await correctDelivery(
      raw,
      "4k/malgrupper.csv",
      "4k,politiker,politiker,politicians",
      "4k,politiker,politiker,politicians and elected representatives",
      "2026-11-29",
    )
    expect((await build(raw, out)).ok).toBe(true)
    const [major, minor, patch] = previous.version.split(".").map(Number) as [number, number, number]
    const version = `${major}.${minor}.${patch + 1}`
    expect((await readJson<{ version: string }>(join(out, "datapackage.json"))).version).toBe(version)
    const changes = await readJson<{ version: string; previous_version: string; bump: string; datasets: Json[] }>(
      join(out, "changes.json"),
    )
    expect(changes).toMatchObject({ version, previous_version: previous.version, bump: "patch" })
    expect(changes.datasets.find((d) => d["dataset"] === "project_target_groups")).toMatchObject({
      added: 0,
      removed: 0,
      changed: 1,
      redelivered: 9,
      changed_fields: { label_en: 1 },
      by_delivery: [
        { change: "changed", delivery_before: "4k/malgrupper.csv", delivery_after: corrected, rows: 1 },
        { change: "redelivered", delivery_before: "4k/malgrupper.csv", delivery_after: corrected, rows: 9 },
      ],
      changed_rows: [
        {
          key: { project_id: "4k", target_group_id: "politiker" },
          fields: { label_en: { before: "politicians", after: "politicians and elected representatives" } },
          before: { file: "4k/malgrupper.csv", line: 5 },
          after: { file: corrected, line: 5 },
        },
      ],
    })
    // The correction is a new delivery, and the one it replaces is superseded.
    expect(changes.datasets.find((d) => d["dataset"] === "deliveries")).toMatchObject({
      added: 1,
      changed: 1,
      changed_rows: [
        {
          key: { file: "4k/malgrupper.csv" },
          fields: {
            delivery_status: { before: "current", after: "superseded" },
            superseded_by: { before: null, after: corrected },
          },
        },
      ],
    })
    expect(
      changes.datasets
        .filter((d) => d["dataset"] !== "project_target_groups" && d["dataset"] !== "deliveries")
        .every((d) => d["changed"] === 0 && d["added"] === 0),
    ).toBe(true)
    const log = await readFile(join(out, "CHANGELOG.md"), "utf8")
    expect(log.indexOf(`## ${version}`)).toBeLessThan(log.indexOf(`## ${previous.version}`))
    expect(log).toContain(previousLog.replace(/^# Changes\n\n/, ""))
    expect(log).toMatch(/\| project_target_groups \| 10 \| 0 \| 0 \| 1 \| label_en \(1\) \|/)
    expect(log).toContain(
      `- project_target_groups: 1 row revised by \`${corrected}\` (transcribed on 2026-11-29 from 4K (avslutat projekt): the 4K project's page on the municipalities' website (its address was not recorded)), replacing what \`4k/malgrupper.csv\` gave:\n  - (4k, politiker): label_en "politicians" → "politicians and elected representatives"`,
    )
    expect(await readFile(join(out, "CITATION.cff"), "utf8")).toContain(`version: "${version}"`)
  }, 60_000)
})
