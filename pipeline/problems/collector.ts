/** Collects problems up to a cap while counting all of them. */
import type { Problem } from "./problem.ts"
import { compareProblems } from "./problem.ts"

export const DEFAULT_CAP = 1000

export class ProblemCollector {
  private readonly kept: Problem[] = []
  errorCount = 0
  warningCount = 0

  constructor(readonly cap: number = DEFAULT_CAP) {}

  add(p: Problem): void {
    if (p.severity === "error") this.errorCount++
    else this.warningCount++
    if (this.kept.length < this.cap) this.kept.push(p)
  }

  addAll(ps: Iterable<Problem>): void {
    for (const p of ps) this.add(p)
  }

  get hasErrors(): boolean {
    return this.errorCount > 0
  }

  /** True when more problems were found than kept. */
  get truncated(): boolean {
    return this.errorCount + this.warningCount > this.kept.length
  }

  sorted(): Problem[] {
    return [...this.kept].sort(compareProblems)
  }
}
