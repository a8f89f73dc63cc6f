/** Renders problems for people: `path:line:col: code: message`, or GitHub Actions annotations. */
import type { Problem } from "./problem.ts"

const describeValue = (p: Problem): string =>
  p.value === undefined ? "" : p.value === null ? " (value: empty)" : ` (value: ${JSON.stringify(p.value)})`

export const renderProblem = (p: Problem): string => {
  const where = [p.file, p.line, p.line === undefined ? undefined : p.column].filter((x) => x !== undefined).join(":")
  const column = p.columnName === undefined ? "" : ` [column ${p.columnName}]`
  return `${where}: ${p.severity === "warning" ? "warning " : ""}${p.code}: ${p.message}${column}${describeValue(p)}`
}

const escapeData = (s: string): string => s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A")
const escapeProperty = (s: string): string => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C")

/** A workflow command GitHub shows next to the line of the file in a pull request. */
export const renderGithubAnnotation = (p: Problem): string => {
  const props = [`file=${escapeProperty(p.file)}`]
  if (p.line !== undefined) props.push(`line=${p.line}`)
  if (p.line !== undefined && p.column !== undefined) props.push(`col=${p.column}`)
  props.push(`title=${escapeProperty(p.code)}`)
  const level = p.severity === "warning" ? "warning" : "error"
  return `::${level} ${props.join(",")}::${escapeData(`${p.message}${describeValue(p)}`)}`
}
