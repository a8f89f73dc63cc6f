/**
 * Compares raw/ with its manifest: every file declared, every declared file present and
 * unchanged (sha256). Refuses anything else before a byte of it is read as data.
 */
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import { join } from "node:path"
import { MANIFEST_FILE, PLAIN_PATH, PLAIN_PATH_WORDS, PUBLISHERS_FILE, sidecarOf } from "../contract/raw-layout.ts"
import { listFiles, listSymlinks } from "../shared/files.ts"
import type { LoadedManifest as Manifest } from "../manifest/load-manifest.ts"
import type { Problem } from "../problems/problem.ts"
import { FileGuard, locateOffsets, type GuardKind } from "../read/file-guards.ts"
import { problem } from "../problems/problem.ts"

/**
 * Each declared file once, current or not: history stays in raw/, unchanged, as the trail of
 * the release. An erased delivery's file (and a snapshot's sidecar) is gone: its entry alone stays.
 */
const declaredFiles = (manifest: Manifest) => manifest.history.filter((d) => d.erased === undefined)

export const symlinkProblems = (links: ReadonlyArray<string>, label: (file: string) => string): Problem[] =>
  links.map((f) =>
    problem({
      code: "file/symlink",
      file: label(f),
      message: `${f} is a symbolic link: a delivery must be a file inside raw/, and links are not followed (it could point anywhere)`,
    }),
  )

/** Pure: the files found and the manifest in, the inventory problems out. */
export const inventoryProblems = (
  found: ReadonlyArray<string>,
  manifest: Manifest,
  label: (file: string) => string,
): Problem[] => {
  const declared = new Set(
    declaredFiles(manifest).flatMap((d) => (d.source === undefined ? [d.file] : [d.file, sidecarOf(d.file)])),
  )
  const erased = new Map(
    manifest.history
      .filter((d) => d.erased !== undefined)
      .flatMap((d) => (d.source === undefined ? [d.file] : [d.file, sidecarOf(d.file)]).map((f) => [f, d] as const)),
  )
  const present = new Set(found)
  const problems: Problem[] = []
  for (const file of found) {
    const d = erased.get(file)
    if (d !== undefined)
      problems.push(
        problem({
          code: "manifest/erased",
          file: label(file),
          message: `${file} is declared erased in ${MANIFEST_FILE} (line ${d.line}: ${d.erased}) but is still in raw/: remove it`,
        }),
      )
  }
  for (const file of found) {
    // Hidden files (.gitkeep) are not deliveries, and never read or named.
    if (file.split("/").some((part) => part.startsWith("."))) continue
    if (!PLAIN_PATH.test(file)) {
      problems.push(
        problem({
          code: "file/name",
          file: label(file),
          value: file,
          message: `not a plain name: a file in raw/ is named with ${PLAIN_PATH_WORDS}; rename it, and declare it by its new name`,
        }),
      )
      continue
    }
    if (file !== MANIFEST_FILE && file !== PUBLISHERS_FILE && !declared.has(file) && !erased.has(file)) {
      problems.push(
        problem({
          code: "file/undeclared",
          file: label(file),
          message: `${file} is in raw/ but not declared in ${MANIFEST_FILE}; add a delivery entry for it or remove it`,
        }),
      )
    }
  }
  for (const d of declaredFiles(manifest)) {
    if (!present.has(d.file))
      problems.push(
        problem({
          code: "file/missing",
          file: label(d.file),
          message: `${d.file} is declared in ${MANIFEST_FILE} but not in raw/`,
        }),
      )
  }
  return problems
}

const GUARD_MESSAGES: Record<GuardKind, string> = {
  nul: "a NUL byte (0x00): a text file has none; was it saved as UTF-16, or is it not text at all?",
  "conflict-marker":
    "a git merge-conflict marker: the file holds both sides of an unresolved merge; resolve it and deliver the file again",
  bom: "a byte-order mark (EF BB BF) inside the file: files were joined together; a byte-order mark belongs only at the very start",
}

/**
 * A file whose bytes are not those its entry declares. One the previous release published must
 * stay as it was; one not yet published may simply be declared anew.
 */
const changedFile = (
  d: { file: string; sha256: string; line: number },
  actual: string,
  file: string,
  published: ReadonlyMap<string, string>,
): Problem =>
  problem({
    code: "file/checksum",
    file,
    value: actual,
    message:
      published.get(d.file) === d.sha256.toLowerCase()
        ? `the file was published with sha256 ${d.sha256} (${MANIFEST_FILE} line ${d.line}) and has changed since; its sha256 is now ${actual}. A published delivery stays as it was: restore the file, and file the new version as its correction, pipeline add NEWFILE --replaces ${d.file}`
        : `the file's sha256 is ${actual}, but its entry (${MANIFEST_FILE} line ${d.line}) says ${d.sha256}; the delivery is not published yet, so if the file is as it should be, set "sha256": "${actual}" in its entry`,
  })

/**
 * Checks each declared file's sha256 against the manifest, and in the same pass looks for
 * what no delivery may hold (NUL bytes, merge-conflict markers, a byte-order mark inside).
 */
export const checksumProblems = async (
  rawDir: string,
  manifest: Manifest,
  present: ReadonlySet<string>,
  label: (file: string) => string,
  published: ReadonlyMap<string, string> = new Map(),
): Promise<Problem[]> => {
  const problems: Problem[] = []
  for (const d of declaredFiles(manifest)) {
    if (!present.has(d.file)) continue
    const path = join(rawDir, d.file)
    const hash = createHash("sha256")
    // A workbook is a zip archive: its bytes are not text, and the text guards do not apply.
    const guard = d.format === "xlsx" ? undefined : new FileGuard()
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer)
      guard?.push(chunk as Buffer)
    }
    const actual = hash.digest("hex")
    const hits = guard?.end() ?? []
    const at = await locateOffsets(
      path,
      hits.map((h) => h.offset),
    )
    for (const hit of hits)
      problems.push(
        problem({
          code: `file/${hit.kind}`,
          file: label(d.file),
          ...at.get(hit.offset),
          message: GUARD_MESSAGES[hit.kind],
        }),
      )
    if (actual !== d.sha256.toLowerCase()) problems.push(changedFile(d, actual, label(d.file), published))
  }
  return problems
}

/**
 * Everything about raw/ that is checked before a byte is read as data: links, undeclared and
 * missing files, checksums and the guards. `stop`: reading must not begin (a file is missing,
 * or a link stands where a file should).
 */
export const checkRaw = async (
  rawDir: string,
  manifest: Manifest,
  label: (file: string) => string,
  published: ReadonlyMap<string, string> = new Map(),
) => {
  const started = performance.now()
  const links = await listSymlinks(rawDir)
  // A link is reported as one; it is neither missing nor undeclared, and never read.
  const found = await listFiles(rawDir)
  const inventory = inventoryProblems([...found, ...links], manifest, label).filter(
    (p) => p.code !== "file/undeclared" || !links.some((l) => label(l) === p.file),
  )
  const problems = [...symlinkProblems(links, label), ...inventory]
  // A missing delivery would make every reference to it fail: stop here. A changed or an
  // undeclared file does not stop the reading: the declared files are still read, so a
  // corrupted file's problems are reported with their lines. Nothing is published either way.
  if (inventory.some((p) => p.code === "file/missing") || links.length > 0) return { problems, stop: true, started }
  problems.push(...(await checksumProblems(rawDir, manifest, new Set(found), label, published)))
  return { problems, stop: false, started }
}
