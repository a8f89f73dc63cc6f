/** The committed derived files are exactly what the dataset definitions generate. */
import { existsSync } from "node:fs"
import { readFile, readdir } from "node:fs/promises"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { allDerivedFiles, codeownersText, DERIVED_DIR } from "../pipeline/cli/generate.ts"
import { BUILD_OPTIONS_FILE, buildOptionsJson } from "../pipeline/cli/options.ts"
import { CODEOWNERS_FILE } from "../pipeline/git/codeowners.ts"
import { DATASETS } from "../schemas/datasets/index.ts"
import { columnsOf } from "../schemas/derive/columns.ts"
import { jsonSchemaOf } from "../schemas/derive/json-schema.ts"

describe("schemas/derived", () => {
  const files = allDerivedFiles()

  it.each([...files.keys()])("%s is up to date (npm run generate)", async (name) => {
    const path = join(DERIVED_DIR, name)
    expect(existsSync(path), `${path} is missing`).toBe(true)
    expect(await readFile(path, "utf8")).toBe(files.get(name))
  })

  it("holds nothing the definitions do not generate", async () => {
    expect((await readdir(DERIVED_DIR)).sort()).toEqual([...files.keys()].sort())
  })
})

describe(".github/CODEOWNERS", () => {
  it("is what the register of publishers, raw/publishers.json, makes (npm run generate)", async () => {
    const text = await codeownersText()
    expect(typeof text, JSON.stringify(text)).toBe("string")
    expect(await readFile(CODEOWNERS_FILE, "utf8")).toBe(text)
  })
})

describe("bin/build-options.json", () => {
  it("is the build's options as pipeline/cli/options.ts defines them (npm run generate)", async () => {
    expect(await readFile(BUILD_OPTIONS_FILE, "utf8")).toBe(buildOptionsJson())
  })
})

describe("dataset definitions", () => {
  it.each(DATASETS.map((d) => [d.name, d] as const))("%s documents every field in Swedish and English", (_, d) => {
    for (const c of columnsOf(d)) {
      expect(c.description, `${d.name}.${c.name}`).not.toBe("")
      expect(c.descriptionSv, `${d.name}.${c.name}`).not.toBe("")
    }
  })

  it.each(DATASETS.map((d) => [d.name, d] as const))(
    "%s states each constraint beside its type, where readers look",
    (_, d) => {
      // Annotating a schema after a check buries the check in an allOf; the field builders avoid it.
      expect(JSON.stringify(jsonSchemaOf(d))).not.toContain('"allOf"')
    },
  )

  it("refer only to datasets and fields that exist", () => {
    for (const d of DATASETS) {
      for (const fk of d.foreignKeys) {
        const target = DATASETS.find((x) => x.name === fk.reference.dataset)
        expect(target, `${d.name} → ${fk.reference.dataset}`).toBeDefined()
        for (const f of fk.reference.fields) expect(columnsOf(target!).map((c) => c.name)).toContain(f)
      }
    }
  })

  it("build a dataset only after those it refers to", () => {
    DATASETS.forEach((d, i) => {
      for (const fk of d.foreignKeys) {
        if (fk.reference.dataset !== d.name)
          expect(DATASETS.findIndex((x) => x.name === fk.reference.dataset)).toBeLessThan(i)
      }
    })
  })
})
