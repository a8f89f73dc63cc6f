/** The shell of a workflow's step, as the runner hands it to bash, so a test runs what the workflow runs. */
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { promisify } from "node:util"

const exec = promisify(execFile)

/** The `run:` script of the step named `name` in a workflow of .github/workflows/. */
export const stepScript = (workflow: string, name: string): string => {
  const lines = readFileSync(resolve(".github", "workflows", workflow), "utf8").split("\n")
  const at = lines.findIndex((l) => l.trim() === `- name: ${name}`)
  if (at < 0) throw new Error(`${workflow} has no step named ${JSON.stringify(name)}`)
  const indent = lines[at]!.indexOf("-") + 2
  const step: string[] = []
  for (const line of lines.slice(at + 1)) {
    if (line.trim() !== "" && line.search(/\S/u) < indent) break
    step.push(line)
  }
  const run = step.findIndex((l) => l.trim().startsWith("run:"))
  if (run < 0) throw new Error(`the step ${JSON.stringify(name)} runs no script`)
  const inline = step[run]!.trim().slice("run:".length).trim()
  if (inline !== "|") return inline
  const body = step.slice(run + 1).filter((l, i, all) => l.trim() !== "" || all.slice(i).some((x) => x.trim() !== ""))
  const margin = Math.min(...body.filter((l) => l.trim() !== "").map((l) => l.search(/\S/u)))
  return body.map((l) => l.slice(margin)).join("\n")
}

/** Runs a step's script with bash in `cwd`, with `env` besides the process's, as the runner would. */
export const runStep = async (workflow: string, name: string, cwd: string, env: Record<string, string> = {}) =>
  exec("bash", ["-e", "-c", stepScript(workflow, name)], { cwd, env: { ...process.env, ...env } })
