/** Collects problems up to a cap while counting all of them. */
import type { Problem } from "./problem.ts"
import { compareProblems } from "./problem.ts"

export const DEFAULT_CAP = 1000

export class ProblemCollector {
  private readonly kept: Problem[] = []
  errorCount = 0
  warningCount = 0
  private unlisted = 0

  constructor(readonly cap: number = DEFAULT_CAP) {}

  add(p: Problem): void {
    if (p.severity === "error") this.errorCount++
    else this.warningCount++
    if (this.kept.length < this.cap) this.kept.push(p)
  }

  /** Counts problems found but not passed in (a capped query returned only the first ones). */
  countUnlisted(severity: Problem["severity"], n: number): void {
    if (n <= 0) return
    if (severity === "error") this.errorCount += n
    else this.warningCount += n
    this.unlisted += n
  }

  addAll(ps: Iterable<Problem>): void {
    for (const p of ps) this.add(p)
  }

  get hasErrors(): boolean {
    return this.errorCount > 0
  }

  /** True when more problems were found than kept. */
  get truncated(): boolean {
    return this.errorCount + this.warningCount > this.kept.length || this.unlisted > 0
  }

  sorted(): Problem[] {
    return [...this.kept].sort(compareProblems)
  }
}
