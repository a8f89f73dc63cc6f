/** raw/manifest.json, read whole within its limit and parsed: the manifest, or its problems. */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import { type ManifestResult, parseManifest } from "../manifest/load-manifest.ts"
import { readWhole } from "../read/whole-file.ts"
import { MAX_MANIFEST_BYTES } from "../shared/limits.ts"
import { SOURCES } from "../sources/index.ts"

export const readManifest = async (
  path: string,
  file: string,
  datasets: ReadonlyArray<DatasetDefinition>,
): Promise<ManifestResult> => {
  const bytes = await readWhole(
    path,
    file,
    MAX_MANIFEST_BYTES,
    "no list of deliveries is this large: restore the manifest from the main branch",
  )
  return bytes instanceof Uint8Array
    ? parseManifest(bytes.toString("utf8"), file, datasets, SOURCES)
    : { manifest: undefined, problems: [bytes] }
}
