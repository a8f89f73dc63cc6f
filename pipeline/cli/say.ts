/**
 * Writes lines for people to stderr. They may quote what a delivery holds (a file's name, a
 * value), and the terminal is GitHub Actions' in CI: each line (a message of ours may have
 * several) is written as terminalLine writes it, visible and no workflow command the runner
 * could read (pipeline/shared/escape-text.ts).
 */
import { terminalLine } from "../shared/escape-text.ts"

export const say = (text: string): void => {
  process.stderr.write(`${text.split("\n").map(terminalLine).join("\n")}\n`)
}
