/** Numbers in the release's text files (CSV, JSON, the streamed workbook's cells). */
import { quoteIdent } from "../../schemas/derive/duckdb.ts"

/**
 * A decimal number as people write it: a whole number without ".0" (7390), any other in the
 * shortest text that reads back as the same double (12.5, 0.30000000000000004).
 */
export const numberTextSql = (column: string): string => {
  const c = quoteIdent(column)
  return `CASE WHEN ${c} = trunc(${c}) AND abs(${c}) < 1e15 THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END`
}
