/**
 * The last stage of a build: the checked release put in place of the published one, and what
 * it published recorded in the store for the next build (a failure to record is only said).
 */
import { relative } from "node:path"
import type { ReleasePlan } from "../incremental/plan.ts"
import { recordRelease } from "../incremental/survey.ts"
import { publish } from "../swap/swap.ts"
import type { RunContext } from "./context.ts"

export const publishRelease = async (
  ctx: RunContext,
  stagingDir: string,
  date: string,
  plan: ReleasePlan,
): Promise<void> => {
  const { outDir, progress } = ctx
  await publish(stagingDir, outDir)
  const store = ctx.options.cache
  if (store !== undefined && plan.now !== undefined)
    await recordRelease(store, outDir, date, plan.now).catch((e: Error) =>
      progress(`not recorded for the next build: ${e.message.split("\n")[0]}`),
    )
  progress(`published ${relative(process.cwd(), outDir) || "."}`)
}
