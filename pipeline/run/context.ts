/** What every stage of a run shares: its options, where it reads and writes, and its problems. */
import { join, relative, resolve } from "node:path"
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { DATASETS } from "../../schemas/datasets/index.ts"
import type { Store } from "../incremental/store.ts"
import { DEFAULT_CAP, ProblemCollector } from "../problems/collector.ts"

export interface RunOptions {
  readonly command: "build" | "validate"
  readonly rawDir: string
  readonly outDir: string
  readonly cap?: number
  readonly datasets?: ReadonlyArray<DatasetDefinition>
  /** Read every CSV with the tokenizer instead of DuckDB (tests compare the two). */
  readonly tokenizerOnly?: boolean
  /** The publication's configuration (default: publication.json in the working directory). */
  readonly publicationFile?: string
  /** Overrides publication.json's baseUrl: where this release will be published. */
  readonly baseUrl?: string
  /** Progress lines for people (stderr in the CLI). */
  readonly progress?: (line: string) => void
  /**
   * The store of the incremental build (incremental/store.ts): normalized deliveries kept, and
   * what was published, between builds. Nothing is kept, carried over or spliced without one.
   */
  readonly cache?: Store
  /** From how many published rows a changed dataset's JSON and CSV are spliced (tests lower it). */
  readonly splicedFromRows?: number
}

export interface RunContext {
  readonly options: RunOptions
  readonly datasets: ReadonlyArray<DatasetDefinition>
  readonly progress: (line: string) => void
  readonly collector: ProblemCollector
  readonly rawDir: string
  readonly outDir: string
  /** A file of raw/ as the user would type it, relative to the working directory. */
  readonly label: (file: string) => string
  /** A file of the release, the same way. */
  readonly outLabel: (file: string) => string
}

export const runContext = (options: RunOptions): RunContext => {
  const rawDir = resolve(options.rawDir)
  const outDir = resolve(options.outDir)
  return {
    options,
    datasets: options.datasets ?? DATASETS,
    progress: options.progress ?? (() => {}),
    collector: new ProblemCollector(options.cap ?? DEFAULT_CAP),
    rawDir,
    outDir,
    label: (file) => relative(process.cwd(), join(rawDir, file)) || file,
    outLabel: (file) => relative(process.cwd(), join(outDir, file)),
  }
}

/** Seconds since `since` (a `performance.now()`), for progress lines. */
export const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(2)
