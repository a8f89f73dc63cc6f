/**
 * A release built with its DCAT catalogue, as an operator who configured the publication would
 * build it: the project's publication.json with a made-up publisher and contact, a base URL, and
 * the tests' own raw/ (with the shared sources where they are present).
 */
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { CONFIGURED } from "./dcat-ap-se.ts"
import { ALL_SOURCES, fixtureRaw } from "./release-fixture.ts"
import { build } from "./run-build.ts"

/** Where the catalogued release says it is published. */
export const CATALOGUE_BASE = "https://data.example.org/kranskommuner/"

export const catalogued = async (work: string, withSources: boolean) => {
  const out = join(work, "dist")
  const publicationFile = join(work, "publication.json")
  const publication = { ...JSON.parse(await readFile("publication.json", "utf8")), ...CONFIGURED }
  await writeFile(publicationFile, JSON.stringify(publication))
  const raw = await fixtureRaw(work, withSources ? ALL_SOURCES : [])
  const result = await build(raw, out, "build", false, { baseUrl: CATALOGUE_BASE, publicationFile })
  return { raw, out, result }
}
