/**
 * The reconciliation as the build runs it: the register files among the current deliveries,
 * the name each file's source goes by in the report, and what each transcription took from a
 * register, all from the manifest; and the line the build says of it.
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { SourceDeclaration } from "../contract/source-declaration.ts"
import { QUALITY_FILE } from "../contract/release-layout.ts"
import type { Database } from "../db/duckdb.ts"
import type { LoadedManifest } from "../manifest/load-manifest.ts"
import { takenFrom } from "../manifest/taken-from.ts"
import { type QualityReport, reconcileWithRegisters } from "./reconcile.ts"

export const reconcileDeliveries = (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  manifest: LoadedManifest,
  sources: ReadonlyMap<string, SourceDeclaration>,
): Promise<QualityReport> => {
  const registers = [
    ...new Map(
      manifest.deliveries.flatMap((d) =>
        d.source === undefined ? [] : [[d.file, { file: d.file, source: d.source }]],
      ),
    ).values(),
  ]
  const sourceOf = (file: string) => {
    const d = manifest.deliveries.find((x) => x.file === file)
    const source = d?.source === undefined ? undefined : sources.get(d.source)
    return source?.title ?? d?.publisher ?? file
  }
  return reconcileWithRegisters(db, datasets, registers, sourceOf, takenFrom(manifest.history))
}

/** What the build says of the comparison, or nothing where no row was compared. */
export const reconciliationLine = (
  quality: QualityReport,
  datasets: ReadonlyArray<DatasetDefinition>,
): string | undefined => {
  const { agreements, copied, disagreements } = quality.reconciliation
  const name = datasets.find((d) => d.reconcile !== undefined)?.name
  const rows = name === undefined ? 0 : Number(quality.reconciliation[name] ?? 0)
  return rows === 0
    ? undefined
    : `compared ${rows} row${rows === 1 ? "" : "s"} of ${name} in the deliveries with the register: ${agreements} aspects agree from independent sources, ${copied} were copied from the register itself, ${disagreements} differ (${QUALITY_FILE}); the delivery's rows are published`
}
