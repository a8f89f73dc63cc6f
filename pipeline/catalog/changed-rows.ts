/**
 * The rows the change record lists as changed, with each changed field's values before and
 * after, as the JSON files give them (a changed row's values are in both sides' data), from the
 * `diff` table the comparison made (changes.ts).
 */
import type { Column } from "../../schemas/derive/columns.ts"
import { quoteIdent as q } from "../../schemas/derive/duckdb.ts"
import type { Database } from "../db/duckdb.ts"
import { makeRedactor } from "../privacy/redact.ts"
import { parquet } from "./change-sides.ts"
import type { ChangedRow, RowChange, Value } from "./changes.ts"

/** How many changed rows are listed per dataset, with their old and new values. */
export const LISTED_CHANGES = 1000

/**
 * Old values pass the redaction new ones pass: the change record never publishes again a
 * person's name or address that the release has since removed from the data.
 */
const redact = makeRedactor([])
const scrub = (v: Value): Value => (typeof v === "string" ? redact(v).text : v)

export const changedRowsOf = async (
  db: Database,
  o: {
    readonly pk: ReadonlyArray<string>
    /** The fields compared, in the order of the diff's `d<i>` columns. */
    readonly common: ReadonlyArray<Column>
    /** The key's order, as SQL. */
    readonly order: string
    /** The Parquet files of the two sides. */
    readonly next: string
    readonly previous: string
  },
  traces: (r: Record<string, unknown>) => RowChange,
): Promise<ChangedRow[]> => {
  const { pk, common, order } = o
  const values = common.flatMap((c, i) => [`to_json(p.${q(c.name)}) AS b${i}`, `to_json(n.${q(c.name)}) AS a${i}`])
  const rows = await db.rows(`SELECT c.*, ${values.join(", ")}
    FROM (SELECT * FROM diff WHERE change = 'changed' ORDER BY ${order} LIMIT ${LISTED_CHANGES}) c
    JOIN ${parquet(o.next)} n ON ${pk.map((k) => `n.${q(k)} = c.${q(k)}`).join(" AND ")}
    JOIN ${parquet(o.previous)} p ON ${pk.map((k) => `p.${q(k)} = c.${q(k)}`).join(" AND ")}
    ORDER BY ${pk.map((k) => `c.${q(k)}`).join(", ")}`)
  return rows.map((r) => ({
    ...traces(r),
    fields: Object.fromEntries(
      common.flatMap((c, i) =>
        r[`d${i}`] === true
          ? [
              [
                c.name,
                {
                  before: scrub(JSON.parse(String(r[`b${i}`])) as Value),
                  after: scrub(JSON.parse(String(r[`a${i}`])) as Value),
                },
              ],
            ]
          : [],
      ),
    ),
  }))
}
