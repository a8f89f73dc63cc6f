/**
 * The one adapter from Effect Schema's issues to what the pipeline reports: a value decoded
 * with every issue collected, each issue walked down its tree to a finding with its path, its
 * kind and, for a failed check, which check it was. Callers locate findings (in a JSON file by
 * path, in a record by cell) and decide on hints from the kind, never from a message's wording.
 */
import { type Schema, SchemaIssue, SchemaParser } from "effect"
import { type JsonNode, JsonLimitError, JsonSyntaxError, locate, parseJsonText, toPlain } from "../shared/json-text.ts"
import type { Problem, ProblemCode } from "./problem.ts"
import { problem } from "./problem.ts"

export interface SchemaFinding {
  /** Where in the value: keys and indexes from its root. */
  readonly path: ReadonlyArray<PropertyKey>
  readonly kind: "missing-key" | "unexpected-key" | "type" | "check" | "value"
  /** For a failed check: its identifier (`effect/schema/isPattern`, …), or undefined for a custom one. */
  readonly check: string | undefined
  /** In words, as Effect Schema says it ("Expected a date YYYY-MM-DD"). */
  readonly message: string
}

const format = SchemaIssue.makeFormatterDefault()

const KINDS: Partial<Record<SchemaIssue.Issue["_tag"], SchemaFinding["kind"]>> = {
  MissingKey: "missing-key",
  UnexpectedKey: "unexpected-key",
  InvalidType: "type",
}

/** Every finding of an issue tree, in the order Effect gives them. */
export const schemaFindings = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey> = []): SchemaFinding[] => {
  switch (issue._tag) {
    case "Pointer":
      return schemaFindings(issue.issue, [...path, ...issue.path])
    case "Composite":
      return issue.issues.flatMap((i) => schemaFindings(i, path))
    case "AnyOf": {
      // No member came close (a value outside a closed list): the union is the finding.
      const found = issue.issues.flatMap((i) => schemaFindings(i, path))
      return found.length > 0 ? found : [{ path, kind: "value", check: undefined, message: format(issue) }]
    }
    case "Encoding":
      return schemaFindings(issue.issue, path)
    case "Filter": {
      const representation = (
        issue.filter.annotations as { readonly representation?: { readonly id?: string } } | undefined
      )?.representation
      // A check of a whole value may point at one of its parts (an end date before the start),
      // with its own message there; otherwise the check's own words stand.
      if (issue.issue._tag !== "Pointer")
        return [{ path, kind: "check", check: representation?.id, message: format(issue) }]
      let [inner, at]: [SchemaIssue.Issue, ReadonlyArray<PropertyKey>] = [issue.issue, path]
      while (inner._tag === "Pointer") [inner, at] = [inner.issue, [...at, ...inner.path]]
      return [{ path: at, kind: "check", check: representation?.id, message: format(inner) }]
    }
    default:
      return [{ path, kind: KINDS[issue._tag] ?? "value", check: undefined, message: format(issue) }]
  }
}

export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly findings: ReadonlyArray<SchemaFinding> }

/** A decoder that collects every issue; properties the schema does not name are ignored. */
export const decoderOf = <S extends Schema.Top>(schema: S): ((input: unknown) => Decoded<S["Type"]>) => {
  const decode = SchemaParser.decodeUnknownResult(schema as unknown as Schema.Codec<S["Type"], unknown>)
  return (input) => {
    const result = decode(input, { errors: "all" })
    return result._tag === "Success"
      ? { ok: true, value: result.success }
      : { ok: false, findings: schemaFindings(result.failure) }
  }
}

/** Findings in a JSON document as problems, each located by its path and named by it. */
export const documentProblems = (
  findings: ReadonlyArray<SchemaFinding>,
  where: {
    readonly code: ProblemCode
    readonly file: string
    readonly prefix?: ReadonlyArray<PropertyKey>
    readonly locate: (path: ReadonlyArray<PropertyKey>) => { line: number; column: number }
  },
): Problem[] =>
  findings.map((f) => {
    const path = [...(where.prefix ?? []), ...f.path]
    return problem({
      code: where.code,
      file: where.file,
      ...where.locate(path),
      message: `${path.length > 0 ? `${path.map(String).join(".")}: ` : ""}${f.message}`,
    })
  })

/**
 * A JSON document read with the positions of its values (for locating findings), or the
 * problem at its first syntax error, named `what` ("the manifest").
 */
export const parseDocument = (
  text: string,
  where: { readonly code: ProblemCode; readonly file: string; readonly what: string },
): { readonly ok: true; readonly root: JsonNode } | { readonly ok: false; readonly problem: Problem } => {
  try {
    return { ok: true, root: parseJsonText(text) }
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e
    const limit = e instanceof JsonLimitError ? e.code : undefined
    return {
      ok: false,
      problem: problem({
        code: limit ?? where.code,
        file: where.file,
        line: e.line,
        column: e.column,
        message:
          limit === undefined
            ? `${where.what} is not valid JSON: ${e.message}`
            : `${where.what} has ${e.message}, more than any needs; read no further`,
      }),
    }
  }
}

/**
 * A JSON document decoded by `decode`, with its positions kept for locating later findings; or
 * its problems: the first syntax error, or every finding of the decoder, each located.
 */
export const decodeDocument = <T>(
  text: string,
  decode: (input: unknown) => Decoded<T>,
  where: { readonly code: ProblemCode; readonly file: string; readonly what: string },
):
  | { readonly ok: true; readonly value: T; readonly root: JsonNode }
  | { readonly ok: false; readonly problems: Problem[] } => {
  const parsed = parseDocument(text, where)
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] }
  const { root } = parsed
  const decoded = decode(toPlain(root))
  return decoded.ok
    ? { ok: true, value: decoded.value, root }
    : {
        ok: false,
        problems: documentProblems(decoded.findings, { ...where, locate: (path) => locate(root, path) }),
      }
}
