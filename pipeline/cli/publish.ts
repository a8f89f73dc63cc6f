/** `pipeline publish`: publishes the built release with git, and reports to GitHub Actions. */
import { type PublishResult, publishRelease } from "../git/git-release.ts"
import { writeOutputs, writeSummary } from "../git/github-env.ts"
import { say } from "./say.ts"
import { escapeData } from "../problems/render.ts"
import { markdownText } from "../shared/escape-text.ts"

export const publish = async (options: {
  readonly repo: string
  readonly raw: string
  readonly out: string
  readonly remote: string
  readonly publication: string
}): Promise<number> => {
  let result: PublishResult
  try {
    result = await publishRelease(options)
  } catch (e) {
    const message = (e as { stderr?: string; message: string }).stderr?.trim() || (e as Error).message
    say(`pipeline publish: nothing published: ${message}`)
    if (process.env["GITHUB_ACTIONS"] === "true")
      process.stdout.write(`::error title=publish::${escapeData(message)}\n`)
    await writeSummary(`## Publishing failed\n\nNothing was published: ${markdownText(message)}\n`)
    await writeOutputs({ changed: "false", version: "", tag: "", commit: "" })
    return 1
  }
  await writeOutputs({
    changed: String(result.changed),
    version: result.version ?? "",
    tag: result.tag ?? "",
    commit: result.commit ?? "",
  })
  await writeSummary(result.summary)
  say(
    result.changed
      ? `published ${result.version}: committed${result.tag === undefined ? " (its tag existed: no new tag)" : ` and tagged ${result.tag}`}, pushed ${result.commit}`
      : `nothing changed: the release${result.version === undefined ? "" : ` ${result.version}`} is as committed; no commit, no tag`,
  )
  return 0
}
