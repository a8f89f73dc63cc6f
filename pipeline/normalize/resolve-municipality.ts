/**
 * A municipality named in a cell ("2403 Bjurholm", or "Bjurholms kommun") resolved to its code
 * against the names the release holds, or a problem saying why it cannot be.
 */
import type { SourceCell } from "../contract/source-record.ts"
import { problem, type Problem } from "../problems/problem.ts"
import { padCode, splitCodeName } from "./cells.ts"
import type { MunicipalityIndex } from "./municipality-names.ts"
import type { NormalizeContext } from "./normalize-row.ts"

export const resolveMunicipality = (
  text: string,
  parse: "code-name" | "municipality-name",
  cell: SourceCell | undefined,
  ctx: NormalizeContext,
  problems: Problem[],
  zeroPad: number | undefined,
): string | undefined => {
  const where =
    cell === undefined
      ? { file: ctx.file }
      : { file: ctx.file, line: cell.line, column: cell.column, columnName: cell.label ?? cell.name }
  const index = ctx.names
  if (parse === "code-name") {
    const split = splitCodeName(text)
    if (!split.ok) {
      problems.push(problem({ code: "cell/type", ...where, value: text, message: `expected ${split.expected}` }))
      return undefined
    }
    const { code: given, name } = split.value
    // The name is checked against the code it will be published as, its leading zeros restored.
    const code = zeroPad === undefined ? given : padCode(given, zeroPad)
    const known = index?.nameOf(code)
    const named = index?.match(name)
    // An unknown code is left to the foreign-key check; a known code must carry its own name.
    if (known !== undefined && !(named?.kind === "found" && named.code === code)) {
      problems.push(
        problem({
          code: "cell/constraint",
          ...where,
          value: text,
          message: `code ${code} is ${known}, not ${JSON.stringify(name)}`,
        }),
      )
      return undefined
    }
    return given
  }
  if (index === undefined || index.size === 0) {
    problems.push(
      problem({
        code: "cell/unknown-name",
        ...where,
        value: text,
        message: "no municipality list is delivered to match names against",
      }),
    )
    return undefined
  }
  const match = index.match(text)
  if (match.kind === "found") return match.code
  problems.push(
    match.kind === "unknown"
      ? problem({
          code: "cell/unknown-name",
          ...where,
          value: text,
          message: `no municipality is named ${JSON.stringify(text)}${nearName(index, text)}`,
        })
      : problem({
          code: "cell/ambiguous-name",
          ...where,
          value: text,
          message: `${JSON.stringify(text)} could name any of ${match.codes.join(", ")}`,
        }),
  )
  return undefined
}

const nearName = (index: MunicipalityIndex, text: string): string => {
  const near = index.nearest(text)
  return near === undefined
    ? '; the names are those the release lists, with or without "kommun"'
    : `; did you mean ${JSON.stringify(near.name)} (${near.code})? Correct the cell, or declare a correction in the delivery's entry`
}
