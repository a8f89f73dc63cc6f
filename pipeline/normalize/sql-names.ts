/**
 * The SQL of the name lookup: each distinct text of a "code name" or name column decided once
 * against `name_keys` (load/name-lookup.ts), with the code it gives or the reason it gives none.
 */
import { sqlString } from "../../schemas/derive/duckdb.ts"
import { CODE_NAME_SOURCE } from "../shared/written-forms.ts"
import { REASONS } from "./reasons.ts"
import { nameKeySql, trimmed } from "./sql-cells.ts"

/**
 * Selects, for each distinct `t` of `from`'s column `column`: `code`, `why` (NULL when the text
 * resolves), and for a "code name" cell the code as published (`given`, its zeros restored) and
 * the name, for the message of a mismatch; for a name, the codes it could be (`codes`).
 */
export const nameLookupSql = (
  parse: "code-name" | "municipality-name",
  zeroPad: number | undefined,
  column: string,
  from: string,
): string => {
  const distinct = `(SELECT DISTINCT ${column} AS t FROM ${from})`
  if (parse === "code-name") {
    const re = sqlString(`(?s)${CODE_NAME_SOURCE}`)
    // The name is checked against the code as it will be published, its zeros restored.
    const padded =
      zeroPad === undefined
        ? "given"
        : `CASE WHEN regexp_matches(given, '^[0-9]+$') AND length(given) < ${zeroPad} THEN lpad(given, ${zeroPad}, '0') ELSE given END`
    // A known code must carry its own name (an unknown code is the foreign key's to report).
    return `SELECT t, CASE WHEN form THEN given END AS code,
        CASE WHEN NOT form THEN ${sqlString(REASONS.codeName)}
          WHEN EXISTS (SELECT 1 FROM name_keys k WHERE k.code = padded)
            AND NOT EXISTS (SELECT 1 FROM name_keys k WHERE k.key = ${nameKeySql("name")} AND k.n = 1 AND k.code = padded)
          THEN ${sqlString(REASONS.codeNameMismatch)} END AS why,
        padded AS given, name, NULL::VARCHAR[] AS codes
      FROM (SELECT *, ${padded} AS padded
        FROM (SELECT t, regexp_matches(t, ${re}) AS form, regexp_extract(t, ${re}, 1) AS given,
          ${trimmed(`regexp_extract(t, ${re}, 2)`)} AS name FROM ${distinct}))`
  }
  return `SELECT d.t, CASE WHEN k.n = 1 THEN k.code END AS code,
      CASE WHEN NOT EXISTS (SELECT 1 FROM name_keys) THEN ${sqlString(REASONS.noNames)}
        WHEN k.key IS NULL THEN ${sqlString(REASONS.unknownName)}
        WHEN k.n > 1 THEN ${sqlString(REASONS.ambiguousName)} END AS why,
      NULL::VARCHAR AS given, NULL::VARCHAR AS name, k.codes AS codes
    FROM ${distinct} d LEFT JOIN name_keys k ON k.key = ${nameKeySql("d.t")}`
}
