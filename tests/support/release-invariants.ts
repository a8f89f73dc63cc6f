/**
 * What holds of a committed release whatever deliveries raw/ holds, in any checkout: the
 * repository (committed-release.test.ts) or a copy with a delivery filed (pull-request.test.ts).
 *
 * A fresh build of raw/ over the committed dist/ succeeds and is byte-identical when built again.
 * It equals dist/ (the release is current), unless raw/ differs from what dist/ was built from
 * only by deliveries filed or withdrawn since: dist/data/deliveries.json records every entry the
 * release was built from, with its file and sha256, so the raw/ of the release can be made again
 * (the new entries and their files taken out, the new withdrawals undone), and its build must
 * equal dist/. Then the committed release is consistent, not yet rebuilt, and the nightly run
 * rebuilds it. Every delivery says how it came to be, and every published row traces to a
 * current delivery of the release.
 */
import { existsSync } from "node:fs"
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { expect } from "vitest"
import { MANIFEST_FILE, sidecarOf } from "../../pipeline/contract/raw-layout.ts"
import { renderProblem } from "../../pipeline/problems/render.ts"
import { jsonText } from "../../pipeline/shared/json.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import { build } from "./run-build.ts"
import { treeHashes } from "./tree.ts"

type Entry = Record<string, unknown>
type Row = Record<string, unknown>

/** How raw/ differs from what the committed release was built from. */
export interface Pending {
  /** Entries the release does not list: filed since. */
  readonly added: ReadonlyArray<string>
  /** Entries withdrawn since: the release lists them as not withdrawn. */
  readonly withdrawn: ReadonlyArray<string>
  /** Entries the release lists that raw/ no longer declares, or declares with other bytes. */
  readonly changed: ReadonlyArray<string>
}

/** Compares the manifest's entries with the deliveries the release lists. Pure. */
export const pendingDeliveries = (entries: ReadonlyArray<Entry>, published: ReadonlyArray<Row>): Pending => {
  const listed = new Map(published.map((d) => [String(d["file"]), d]))
  const declared = new Map(entries.map((e) => [String(e["file"]), e]))
  return {
    added: [...declared.keys()].filter((f) => !listed.has(f)),
    withdrawn: [...listed]
      .filter(([f, d]) => declared.get(f)?.["withdrawn"] !== undefined && d["delivery_status"] !== "withdrawn")
      .map(([f]) => f),
    changed: [...listed]
      .filter(([f, d]) => String(declared.get(f)?.["sha256"] ?? "").toLowerCase() !== d["sha256"])
      .map(([f]) => f),
  }
}

export const isPending = (p: Pending): boolean => p.changed.length === 0 && p.added.length + p.withdrawn.length > 0

const readJson = async <T>(path: string) => JSON.parse(await readFile(path, "utf8")) as T

/** A build of `raw` over a copy of the committed release, in `out`. */
const buildOver = async (raw: string, committed: string, out: string) => {
  await cp(committed, out, { recursive: true })
  const result = await build(raw, out)
  const errors = result.problems.filter((p) => p.severity === "error").map(renderProblem)
  return { ok: result.ok, errors, tree: await treeHashes(out) }
}

export interface CommittedRelease {
  readonly committed: Record<string, string>
  readonly built: {
    readonly ok: boolean
    readonly errors: ReadonlyArray<string>
    readonly tree: Record<string, string>
  }
  readonly again: Record<string, string>
  readonly pending: Pending
  /** The build of raw/ as the committed release was built from it, when deliveries are pending. */
  readonly base: Record<string, string> | undefined
  /** The fresh build, for reading. */
  readonly out: string
}

/** Builds the checkout's raw/ over its committed dist/ (twice, and as it was, when deliveries are pending), in `work`. */
export const inspectCommittedRelease = async (root: string, work: string): Promise<CommittedRelease> => {
  const raw = join(root, "raw")
  const dist = join(root, "dist")
  const out = join(work, "built")
  const built = await buildOver(raw, dist, out)
  const again = (await buildOver(raw, dist, join(work, "again"))).tree
  const manifest = await readJson<{ deliveries: Entry[] }>(join(raw, MANIFEST_FILE))
  const pending = pendingDeliveries(manifest.deliveries, await readJson<Row[]>(join(dist, "data", "deliveries.json")))
  let base: Record<string, string> | undefined
  if (isPending(pending)) {
    const before = join(work, "base-raw")
    await cp(raw, before, { recursive: true })
    for (const f of pending.added) {
      await rm(join(before, f), { force: true })
      await rm(join(before, sidecarOf(f)), { force: true })
    }
    const entries = manifest.deliveries
      .filter((e) => !pending.added.includes(String(e["file"])))
      .map((e) => {
        if (!pending.withdrawn.includes(String(e["file"]))) return e
        const { withdrawn: _, ...rest } = e
        return rest
      })
    // Written as `add` and `withdraw` write it, so the other entries keep their lines.
    await writeFile(join(before, MANIFEST_FILE), jsonText({ ...manifest, deliveries: entries }))
    base = (await buildOver(before, dist, join(work, "base"))).tree
  }
  return { committed: await treeHashes(dist), built, again, pending, base, out }
}

/** A fresh build succeeds, and again gives the same bytes. */
export const expectReproducible = (r: CommittedRelease) => {
  expect(r.built.errors).toEqual([])
  expect(r.built.ok).toBe(true)
  expect(r.again).toEqual(r.built.tree)
}

/**
 * The committed release is what raw/ builds, or what raw/ built before the deliveries filed
 * since (said on stderr): the nightly run rebuilds it.
 */
export const expectCurrent = (r: CommittedRelease, root: string) => {
  if (!isPending(r.pending)) {
    expect(r.pending.changed, "deliveries the release lists that raw/ declares otherwise").toEqual([])
    expect(r.committed, "the committed dist/ is what raw/ builds: run npm start and commit dist/").toEqual(r.built.tree)
    return
  }
  expect(r.base, "the committed dist/ is what raw/ built before the deliveries filed since").toEqual(r.committed)
  const what = [...r.pending.added.map((f) => `${f} filed`), ...r.pending.withdrawn.map((f) => `${f} withdrawn`)].join(
    ", ",
  )
  process.stderr.write(
    `${join(root, "dist")} is consistent, but not yet rebuilt with the deliveries since (${what}): the nightly run rebuilds and publishes it\n`,
  )
}

/** Every entry says how its file came to be, and so does every row of the deliveries published. */
export const expectKinds = async (r: CommittedRelease, root: string) => {
  const manifest = await readJson<{ deliveries: Entry[] }>(join(root, "raw", MANIFEST_FILE))
  for (const e of manifest.deliveries) {
    if (e["source"] !== undefined) continue
    expect(["delivered", "transcribed"], String(e["file"])).toContain(e["kind"])
    // A transcription names the documents it was typed from.
    if (e["kind"] === "transcribed") expect(e["documents"], String(e["file"])).toEqual(expect.any(Array))
  }
  const rows = await readJson<Row[]>(join(r.out, "data", "deliveries.json"))
  expect(rows.map((d) => d["file"]).sort()).toEqual(manifest.deliveries.map((e) => String(e["file"])).sort())
  for (const d of rows) expect(["delivered", "snapshot", "transcribed"], String(d["file"])).toContain(d["kind"])
}

/** Each dataset in every format with its schema, and every file in SHA256SUMS with its hash. */
export const expectFiles = async (release: string) => {
  const tree = await treeHashes(release)
  for (const d of DATASETS)
    for (const f of [
      `data/${d.name}.json`,
      `data/${d.name}.csv`,
      `data/${d.name}.parquet`,
      `schemas/${d.name}.schema.json`,
    ])
      expect(tree, f).toHaveProperty([f])
  const sums = (await readFile(join(release, "SHA256SUMS"), "utf8")).trim().split("\n")
  const listed = Object.fromEntries(sums.map((l) => [l.slice(66), l.slice(0, 64)]))
  const { SHA256SUMS: _, ...rest } = tree
  expect(listed).toEqual(rest)
}

/**
 * Every published row has its provenance row, which points to a delivery the release lists as
 * published (current, or partly superseded: what no newer delivery covers); 4K's project is among them.
 */
export const expectTraced = async (release: string) => {
  const current = new Set(
    (await readJson<Row[]>(join(release, "data", "deliveries.json")))
      .filter((d) => d["delivery_status"] === "current" || d["delivery_status"] === "partly superseded")
      .map((d) => d["file"]),
  )
  for (const p of DATASETS.filter((d) => d.provenanceOf !== undefined)) {
    const key = (row: Row) => JSON.stringify(p.primaryKey.map((k) => row[k]))
    const traces = await readJson<Row[]>(join(release, "data", `${p.name}.json`))
    const rows = await readJson<Row[]>(join(release, "data", `${p.provenanceOf}.json`))
    expect(traces.map(key), p.name).toEqual(rows.map(key))
    for (const f of new Set(traces.map((t) => t["file"]))) expect(current, `${p.name}: ${String(f)}`).toContain(f)
  }
  const projects = await readJson<Row[]>(join(release, "data", "projects.json"))
  expect(projects.filter((p) => p["project_id"] === "4k")).toMatchObject([{ tillvaxtverket_case_id: "41364" }])
}

/** All of the above, for a checkout in `root`, working in `work` (created). */
export const expectReleaseInvariants = async (root: string, work: string): Promise<CommittedRelease> => {
  await mkdir(work, { recursive: true })
  const r = await inspectCommittedRelease(root, work)
  expectReproducible(r)
  expectCurrent(r, root)
  await expectKinds(r, root)
  await expectFiles(join(root, "dist"))
  await expectTraced(join(root, "dist"))
  if (existsSync(r.out)) await expectTraced(r.out)
  return r
}
