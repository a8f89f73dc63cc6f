/**
 * Fetches a remote source and files what it got as a snapshot, exactly as a file filed by hand
 * is filed, with the address, the time and the HTTP validators in its sidecar. Nothing is
 * filed when the fetch fails or its content is already filed.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { problem } from "../problems/problem.ts"
import type { RemoteSource, SourceDeclaration } from "../contract/source-declaration.ts"
import { fetchKolada } from "./fetch-kolada.ts"
import type { RemoteFile } from "./remote-file.ts"
import { fileSnapshot, type SnapshotResult } from "./file-snapshot.ts"
import { FetchError, type HttpOptions } from "./http.ts"

/** The code that reads each kind of answer a remote source gives. */
const FETCHERS: Record<
  RemoteSource["answer"],
  (url: string, http: HttpOptions, log: (line: string) => void) => Promise<RemoteFile>
> = {
  "kolada-v3": fetchKolada,
}

export const fetchSnapshot = async (options: {
  readonly rawDir: string
  readonly source: SourceDeclaration
  /** Where to fetch from instead of the source's own address (a mirror, a test server). */
  readonly base?: string | undefined
  readonly date: string
  /** Declared deliveries the snapshot corrects. */
  readonly replaces?: ReadonlyArray<string>
  readonly now: () => Date
  readonly http: HttpOptions
  readonly log: (line: string) => void
}): Promise<SnapshotResult> => {
  const { source } = options
  if (source.remote === undefined) throw new Error(`${source.name} is not fetched`)
  const retrievedAt = options.now().toISOString()
  let fetched: RemoteFile
  try {
    fetched = await FETCHERS[source.remote.answer](
      source.remote.url(options.base ?? source.origin),
      options.http,
      options.log,
    )
  } catch (e) {
    if (!(e instanceof FetchError)) throw e
    return {
      kind: "refused",
      problems: [
        problem({ code: "source/fetch", file: e.url, message: `${source.name}: ${e.message}; nothing filed` }),
      ],
    }
  }
  const dir = await mkdtemp(join(tmpdir(), `snapshot-${source.name}-`))
  try {
    const path = join(dir, source.remote.fileName)
    await writeFile(path, fetched.bytes)
    return await fileSnapshot({
      rawDir: options.rawDir,
      source,
      from: path,
      date: options.date,
      now: options.now(),
      name: source.remote.fileName,
      retrieved: retrievedAt.slice(0, 10),
      ...(options.replaces === undefined ? {} : { replaces: options.replaces }),
      fetched: {
        url: fetched.url,
        pages: fetched.pages,
        retrievedAt,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
      },
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
