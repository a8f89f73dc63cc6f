/**
 * The first stage of a run: the manifest, held to the release in the output folder, the
 * publication's configuration, and the files of raw/ against the manifest. Their problems go to
 * the run's collector; undefined when the run cannot go on.
 */
import { existsSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import {
  catalogueNeeds,
  loadPublication,
  type Publication,
  PUBLICATION_FILE,
  unconfigured,
} from "../catalog/publication.ts"
import { publishedDeliveries } from "../catalog/previous-release.ts"
import { MANIFEST_FILE, PUBLISHERS_FILE } from "../contract/raw-layout.ts"
import { checkRaw } from "../inventory/inventory.ts"
import type { LoadedManifest } from "../manifest/load-manifest.ts"
import type { OnBehalfChange } from "../manifest/ownership.ts"
import { problem } from "../problems/problem.ts"
import { type RunContext, seconds } from "./context.ts"
import { readManifest } from "./read-manifest.ts"

export interface RunInputs {
  readonly manifest: LoadedManifest
  readonly publication: Publication
  /** The changes the maintainers made to other publishers' deliveries since the previous release. */
  readonly onBehalf: ReadonlyArray<OnBehalfChange>
}

export const readInputs = async (ctx: RunContext): Promise<RunInputs | undefined> => {
  const { collector, label, options, progress, rawDir, outDir, datasets } = ctx
  if (!existsSync(join(rawDir, MANIFEST_FILE))) {
    collector.add(
      problem({
        code: "file/missing",
        file: label(MANIFEST_FILE),
        message: `raw/ has no ${MANIFEST_FILE} declaring its deliveries`,
      }),
    )
    return undefined
  }
  // The release in the output folder is the record of what was published: the manifest is held to it.
  const before = await publishedDeliveries(outDir, datasets)
  const parsed = await readManifest(rawDir, label, datasets, before)
  if (parsed.manifest === undefined) {
    collector.addAll(parsed.problems)
    collector.countUnlisted("error", parsed.unlisted ?? 0)
    return undefined
  }
  const manifest = parsed.manifest
  if (parsed.register === undefined)
    progress(
      `no register of publishers (${label(PUBLISHERS_FILE)}): whose folder a delivery sits in, and who changes whose, is not checked`,
    )
  const publicationFile = resolve(options.publicationFile ?? PUBLICATION_FILE)
  const loaded = await loadPublication(publicationFile, relative(process.cwd(), publicationFile) || publicationFile)
  if (loaded.publication === undefined) {
    collector.addAll(loaded.problems)
    return undefined
  }
  const publication =
    options.baseUrl === undefined ? loaded.publication : { ...loaded.publication, baseUrl: options.baseUrl }
  // The publication's configuration is the operator's concern: a build reports it, validate (for publishers) does not.
  if (options.command === "build") {
    const missing = unconfigured(publication)
    if (missing.length > 0)
      progress(`not configured in ${PUBLICATION_FILE}, so left out of the metadata: ${missing.join("; ")}`)
    const needs = catalogueNeeds(publication)
    if (needs.length > 0)
      progress(`no DCAT catalogue (catalog.rdf, .ttl, .jsonld): it needs ${needs.join(", ")} in ${PUBLICATION_FILE}`)
  }
  const raw = await checkRaw(rawDir, manifest, label, new Map(before.map((p) => [p.file, p.sha256])))
  collector.addAll(raw.problems)
  if (raw.stop) return undefined
  progress(`checked ${manifest.deliveries.length} deliveries against the manifest (${seconds(raw.started)} s)`)
  return { manifest, publication, onBehalf: parsed.onBehalf }
}
