/** Runs the `pipeline` command as a user does, in a child process, for tests. */
import { execFile } from "node:child_process"
import { resolve } from "node:path"
import { promisify } from "node:util"

const exec = promisify(execFile)
const BIN = resolve("bin", "pipeline.mjs")

/** `cwd`: the folder it runs in, for a command that reads the project's files from there (generate). */
export const pipeline = async (args: string[], env: Record<string, string> = {}, cwd?: string) => {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], {
      env: { ...process.env, GITHUB_ACTIONS: "", ...env },
      ...(cwd === undefined ? {} : { cwd }),
    })
    return { status: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { status: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}
