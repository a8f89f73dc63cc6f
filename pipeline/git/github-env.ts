/** The files GitHub Actions gives a step for its outputs and its job summary; nothing when run elsewhere. */
import { appendFile } from "node:fs/promises"

export const writeOutputs = async (outputs: Readonly<Record<string, string>>, env = process.env): Promise<void> => {
  const file = env["GITHUB_OUTPUT"]
  if (file === undefined || file === "") return
  await appendFile(
    file,
    Object.entries(outputs)
      .map(([k, v]) => `${k}=${v.replace(/[\r\n]/gu, " ")}\n`)
      .join(""),
  )
}

export const writeSummary = async (markdown: string, env = process.env): Promise<void> => {
  const file = env["GITHUB_STEP_SUMMARY"]
  if (file === undefined || file === "") return
  await appendFile(file, `${markdown}\n`)
}
