/**
 * The same problem found again and again is said once, with how many times: a wide row's
 * fixed cell (its municipality, say) is read once for each of its year columns, and a fault
 * there would otherwise be reported once per column. Pure.
 */
import type { Problem } from "./problem.ts"

const keyOf = (p: Problem): string =>
  JSON.stringify([p.code, p.severity, p.file, p.sheet, p.line, p.column, p.columnName, p.value, p.message])

/** Each problem once, in the order first found; one found `n` > 1 times says so in its message. */
export const onceEach = (problems: ReadonlyArray<Problem>, where: string): Problem[] => {
  const seen = new Map<string, { problem: Problem; times: number }>()
  for (const p of problems) {
    const key = keyOf(p)
    const found = seen.get(key)
    if (found === undefined) seen.set(key, { problem: p, times: 1 })
    else found.times++
  }
  return [...seen.values()].map(({ problem, times }) =>
    times === 1
      ? problem
      : { ...problem, message: `${problem.message} (the same ${times} times: once in each ${where})` },
  )
}
