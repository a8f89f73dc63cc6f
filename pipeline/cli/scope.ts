/**
 * `pipeline scope --base REV`: whether the commits since REV touch raw/ alone (a delivery),
 * for the CI workflow's `deliveries-only` output. A base git cannot compare with (the first
 * push of a branch) counts as a change of code, the stricter case.
 */
import { changeScope } from "../git/change-scope.ts"
import { writeOutputs } from "../git/github-env.ts"
import { say } from "./say.ts"

export const scope = async (options: { readonly repo: string; readonly base: string | undefined }): Promise<number> => {
  const base = options.base ?? ""
  let deliveriesOnly = false
  if (base === "" || /^0+$/u.test(base)) {
    say("no base to compare with: the change is treated as a change of code")
  } else {
    try {
      const found = await changeScope(options.repo, base)
      deliveriesOnly = found.deliveriesOnly
      say(
        found.deliveriesOnly
          ? `deliveries only: ${found.paths.length} path${found.paths.length === 1 ? "" : "s"} under raw/ changed since ${base}`
          : found.paths.length === 0
            ? `nothing changed since ${base}`
            : `not deliveries only: changed beyond raw/ since ${base}: ${found.beyondRaw.slice(0, 10).join(", ")}${found.beyondRaw.length > 10 ? ", …" : ""}`,
      )
    } catch (e) {
      const message = (e as { stderr?: string }).stderr?.trim() || (e as Error).message
      say(`cannot compare with ${base} (${message}): the change is treated as a change of code`)
    }
  }
  await writeOutputs({ "deliveries-only": String(deliveriesOnly) })
  process.stdout.write(`deliveries-only=${deliveriesOnly}\n`)
  return 0
}
