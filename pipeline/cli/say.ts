/**
 * Writes a line for people to stderr. The line may quote what a delivery holds (a file's name,
 * a value), and the terminal is GitHub Actions' in CI: it is written as one visible line that
 * the runner cannot read as a workflow command (pipeline/shared/escape-text.ts).
 */
import { terminalLine } from "../shared/escape-text.ts"

export const say = (line: string): void => {
  process.stderr.write(`${terminalLine(line)}\n`)
}
