/**
 * What `validate` says of a delivery `pipeline add` filed, said of the file the publisher typed:
 * when the delivery is refused, the copy in raw/ is removed again, so a problem there is shown
 * at the file given (`folkmangd.xlsx:Blad1!C7`), and a message naming the copy names it too.
 */
import { join, relative } from "node:path"
import { MANIFEST_FILE } from "../contract/raw-layout.ts"
import type { Problem } from "../problems/problem.ts"
import { renderProblem } from "../problems/render.ts"
import type { RunResult } from "../run/run.ts"

/** A filed copy, as validate labels it and relative to raw/, and the path the user gave. */
export interface FiledCopy {
  readonly label: string
  readonly file: string
  readonly given: string
}

/** A text naming a copy, naming the file given instead. */
const textAsGiven = (text: string, copies: ReadonlyArray<FiledCopy>): string =>
  copies.reduce((t, c) => t.replaceAll(c.label, c.given).replaceAll(c.file, c.given), text)

export const asGiven = (p: Problem, copies: ReadonlyArray<FiledCopy>): Problem => {
  const file = copies.find((c) => c.label === p.file)?.given ?? p.file
  const message = textAsGiven(p.message, copies)
  return file === p.file && message === p.message ? p : { ...p, file, message }
}

/** Prints the validation's progress and problems and, when it refused the delivery, that nothing stays. */
export const sayValidation = (
  result: Pick<RunResult, "ok" | "problems" | "report">,
  progress: ReadonlyArray<string>,
  /** The files filed, relative to raw/, each with the path given (none for one made by add). */
  files: ReadonlyArray<{ readonly file: string; readonly given?: string }>,
  rawDir: string,
  say: (line: string) => void,
): void => {
  const copies = files.flatMap((f) =>
    f.given === undefined
      ? []
      : [{ label: relative(process.cwd(), join(rawDir, f.file)), file: f.file, given: f.given }],
  )
  for (const line of progress) say(result.ok ? line : textAsGiven(line, copies))
  for (const p of result.problems) say(renderProblem(result.ok ? p : asGiven(p, copies)))
  if (result.ok) return
  const ours = [...files.map((f) => f.file), MANIFEST_FILE]
  const others = result.problems.filter((p) => p.severity === "error" && !ours.some((f) => p.file.endsWith(f)))
  const errors = result.report.errors
  say(
    `not added: ${errors} error${errors === 1 ? "" : "s"} (above${others.length === 0 ? "" : `, ${others.length} of them in other files of ${rawDir}, there before`}); the entry and the file are removed again, and ${rawDir} is as it was`,
  )
}
