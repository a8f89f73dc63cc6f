/** The validation report: what was read, what was wrong. No clock: it is part of the release. */
import type { ProblemCollector } from "../problems/collector.ts"
import type { Problem } from "../problems/problem.ts"
import type { DeliveryStats } from "../load/ingest.ts"

export interface ValidationReport {
  readonly valid: boolean
  readonly errors: number
  readonly warnings: number
  /** True when more problems were found than listed. */
  readonly partial: boolean
  readonly corrections: number
  readonly deliveries: ReadonlyArray<{
    readonly file: string
    readonly dataset: string
    readonly rows_read: number
    readonly rows_rejected: number
  }>
  readonly problems: ReadonlyArray<Problem>
}

export const validationReport = (
  collector: ProblemCollector,
  stats: ReadonlyArray<DeliveryStats>,
  corrections: number,
): ValidationReport => ({
  valid: !collector.hasErrors,
  errors: collector.errorCount,
  warnings: collector.warningCount,
  partial: collector.truncated,
  corrections,
  deliveries: stats.map((s) => ({
    file: s.file,
    dataset: s.dataset,
    rows_read: s.rowsRead,
    rows_rejected: s.rowsRejected,
  })),
  problems: collector.sorted(),
})
