/** `pipeline build --summary`: what the built release changes, in the job summary. */
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import type { ChangeRecord } from "../catalog/changelog.ts"
import { CHANGES_FILE } from "../contract/release-layout.ts"
import { writeSummary } from "../git/github-env.ts"
import { previewSummary } from "../git/summary.ts"
import type { OnBehalfChange } from "../manifest/ownership.ts"

export const writePreview = async (
  outDir: string,
  warnings: number,
  onBehalf: ReadonlyArray<OnBehalfChange>,
): Promise<void> => {
  const record = JSON.parse(await readFile(join(outDir, CHANGES_FILE), "utf8")) as ChangeRecord
  await writeSummary(previewSummary(record, warnings, onBehalf))
}
