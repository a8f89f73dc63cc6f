/**
 * Runs the table rules over the staged tables. A finding in a delivery that excludes invalid
 * rows becomes a warning and its row is deleted; any other finding is an error. With the
 * deliveries kept in the cache, a rule that can be is taken delivery by delivery
 * (apply-by-delivery.ts).
 */
import type { DatasetDefinition } from "../../schemas/dataset.ts"
import type { ProblemCollector } from "../problems/collector.ts"
import { asExcluded, type Problem } from "../problems/problem.ts"
import { onceEach } from "../problems/repeats.ts"
import type { Database } from "../db/duckdb.ts"
import { findingsByDelivery, type KeptDeliveries } from "./apply-by-delivery.ts"
import { cappedSql, excludeSql, findingsSql, tableRules, type RuleFinding } from "./table-rules.ts"

export const applyTableRules = async (
  db: Database,
  datasets: ReadonlyArray<DatasetDefinition>,
  excludedFiles: ReadonlyArray<string>,
  collector: ProblemCollector,
  locate: (finding: RuleFinding) => Problem,
  kept?: KeptDeliveries,
): Promise<void> => {
  for (const rule of tableRules(datasets)) {
    if (kept === undefined || !(await findingsByDelivery(db, rule, kept))) await db.run(findingsSql(rule))
    const rows = await db.rows(cappedSql(collector.cap, excludedFiles))
    if (rows.length === 0) continue
    let excludedListed = 0
    const found: Problem[] = []
    for (const row of rows) {
      const file = String(row["_file"])
      const located = locate({
        code: rule.code,
        dataset: rule.dataset,
        fields: rule.fields,
        file,
        line: Number(row["_line"]),
        cols: (row["_cols"] as string | null) ?? null,
        value: (row["value"] as string | null) ?? null,
        message: String(row["message"]),
      })
      const excluded = excludedFiles.includes(file)
      if (excluded) excludedListed++
      found.push(excluded ? asExcluded(located) : located)
    }
    // A wide row's cell, found at fault once for each of its value columns, is said once.
    collector.addAll(onceEach(found, "value column of the row"))
    // Only the first findings are listed; the rest are counted.
    const total = Number(rows[0]!["total"])
    const excludedTotal = Number(rows[0]!["excluded_total"])
    collector.countUnlisted("warning", excludedTotal - excludedListed)
    collector.countUnlisted("error", total - excludedTotal - (rows.length - excludedListed))
    if (excludedTotal > 0) await db.run(excludeSql(rule, excludedFiles))
  }
  await db.run("DROP TABLE IF EXISTS findings")
}
