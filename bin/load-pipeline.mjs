// Loads the pipeline (pipeline/index.ts) as one JavaScript module. esbuild bundles the
// TypeScript sources with their dependencies once per version of the code, into
// .cache/pipeline/bundles/, named by the hash of the sources, the package files, tsconfig.json
// and this file; Node then loads one file instead of hundreds through a TypeScript loader, in a
// third of the time.
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdir, readFile, readdir, rename, rm, stat } from "node:fs/promises"
import { join, relative, sep } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const ROOT = fileURLToPath(new URL("..", import.meta.url))

/** What the bundle is made of: change any of it and the next run bundles anew. */
const SOURCES = ["pipeline", "schemas", "package.json", "package-lock.json", "tsconfig.json", "bin/load-pipeline.mjs"]

const BUNDLES = join(ROOT, ".cache", "pipeline", "bundles")

const filesOf = async (path) => {
  if (!existsSync(path)) return []
  if (!(await stat(path)).isDirectory()) return [path]
  const entries = await readdir(path, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && /\.(ts|mjs|json)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** One hash over the path and content of every source of the bundle. */
export const sourcesKey = async () => {
  const hash = createHash("sha256")
  for (const source of SOURCES) {
    for (const file of await filesOf(join(ROOT, source))) {
      hash
        .update(`${relative(ROOT, file).split(sep).join("/")}\n`)
        .update(await readFile(file))
        .update("\n")
    }
  }
  return hash.digest("hex").slice(0, 20)
}

/** Writes the bundle for `key`, unless it is there; several processes may do this at once. */
const bundle = async (key) => {
  const file = join(BUNDLES, `pipeline-${key}.mjs`)
  if (existsSync(file)) return file
  await mkdir(BUNDLES, { recursive: true })
  const { build } = await import("esbuild")
  const partial = `${file}.${process.pid}.partial`
  await build({
    entryPoints: [join(ROOT, "pipeline", "index.ts")],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // DuckDB loads its native binary from its own package folder.
    external: ["@duckdb/node-api"],
    // Bundled CommonJS (ajv, csv-parse) asks for Node's modules with require.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    logLevel: "silent",
  })
  await rename(partial, file)
  // Bundles of older code are removed, and what a process that died while bundling left.
  for (const name of await readdir(BUNDLES)) {
    const pid = /\.(\d+)\.partial$/.exec(name)?.[1]
    const stale = pid === undefined ? name.endsWith(".mjs") && name !== `pipeline-${key}.mjs` : !alive(Number(pid))
    if (stale) await rm(join(BUNDLES, name), { force: true })
  }
  return file
}

const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === "EPERM"
  }
}

/**
 * The pipeline's exports: `main` (the command line) and `run` (a build or validation), and
 * `codeKey`, the identity of the code loaded, under which builds keep normalized deliveries.
 */
export const loadPipeline = async () => {
  const codeKey = await sourcesKey()
  return { ...(await import(pathToFileURL(await bundle(codeKey)).href)), codeKey }
}
