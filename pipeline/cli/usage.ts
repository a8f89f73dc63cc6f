/** The command line's help, command by command. */
import { DEFAULT_CAP } from "../problems/collector.ts"
import { SOURCES } from "../sources/index.ts"
import { ADD_USAGE } from "./add.ts"
import { WITHDRAW_USAGE } from "./revisions.ts"

/** Where normalized deliveries are kept between builds, under the project's folder. */
export const DEFAULT_CACHE = ".cache/pipeline/deliveries"

const CACHE_OPTIONS = `  --cache DIR       where deliveries read and normalized are kept, under a hash of their
                    content, the manifest's entry and the code, so that the next run reads only
                    what changed (default: ${DEFAULT_CACHE} in the project's folder)
  --no-cache        read and normalize every delivery, and keep none`

const REMOTE_SOURCES = [...SOURCES.values()]
  .filter((s) => s.remote !== undefined)
  .map((s) => s.name)
  .join(", ")

export const USAGE: Record<string, string> = {
  main: `Usage: pipeline <command> [options]

Commands:
  build      Validate raw/ and publish the release into dist/ (atomically);
             the default when no command is given
  validate   Check the deliveries in raw/ without publishing anything
  generate   Rewrite the derived files (schemas/derived/, .github/CODEOWNERS)
  snapshot   File a source's file into raw/ with its manifest entry: fetched, or downloaded by hand
  add        File a publisher's CSV into raw/ with a manifest entry described from the file
  withdraw   Take a delivery out of the release, keeping it in raw/ as history
  publish    Commit, tag and push the built release, if and only if it changed (git)
  configure  Record the release's and the repository's address in publication.json, unless configured
  scope      Say whether the commits since a base touch raw/ alone (a delivery), for CI

Run "pipeline <command> --help" for a command's options.`,
  build: `Usage: pipeline build [--raw DIR] [--out DIR] [--report FILE] [--max-errors N] [--base-url URL] [--publication FILE] [--summary] [--cache DIR | --no-cache]

Validates every delivery declared in DIR/manifest.json, writes the release into a staging
folder beside the output folder, checks it, and swaps it in. On any problem the output
folder is left exactly as it was and the exit status is 1.

Options:
  --raw DIR         folder of deliveries and their manifest (default: raw)
  --out DIR         release folder (default: dist)
  --report FILE     where to write the JSON validation report (default: validation-report.json)
  --max-errors N    how many problems to list; all are counted (default: ${DEFAULT_CAP})
  --base-url URL    where the release will be published (https://…/), instead of baseUrl
                    in publication.json: links and the DCAT catalogue's identifiers
  --publication FILE  the publication's configuration (default: the project's publication.json)
  --summary         write what the release changes, dataset by dataset and delivery by
                    delivery, to the job summary ($GITHUB_STEP_SUMMARY), as CI shows a delivery
${CACHE_OPTIONS}
  -h, --help        show this help`,
  validate: `Usage: pipeline validate [--raw DIR] [--out DIR] [--report FILE] [--max-errors N] [--publication FILE] [--cache DIR | --no-cache]

Checks the deliveries exactly as build does (same problems, same exit status) and
publishes nothing.

Options:
  --raw DIR         folder of deliveries and their manifest (default: raw)
  --out DIR         the published release the manifest is held to (default: dist)
  --report FILE     where to write the JSON validation report (default: validation-report.json)
  --max-errors N    how many problems to list; all are counted (default: ${DEFAULT_CAP})
  --publication FILE  the publication's configuration (default: the project's publication.json)
${CACHE_OPTIONS}
  -h, --help        show this help`,
  snapshot: `Usage: pipeline snapshot SOURCE --from FILE [--raw DIR] [--date YYYY-MM-DD] [--replaces FILE]...
                         [--as-of YYYY-MM-DD] [--retrieved YYYY-MM-DD] [--via TEXT]
       pipeline snapshot [SOURCE] [--url URL] [--raw DIR] [--date YYYY-MM-DD] [--replaces FILE]...

Files a snapshot of a declared source into DIR/SOURCE/DATE/: the file, a sidecar beside it
(<name>.snapshot.json: origin, address, retrieval time, the day its data is as of, sha256,
bytes, licence or the terms known, what was removed as personal data, HTTP validators) and a
manifest entry naming the source; the next build publishes it. Three days are kept apart, each
only where known: the day the data is as of (--as-of, or read from the file where the source
names a column for it), the day the file was retrieved (a fetch knows it; --retrieved for a
file downloaded by hand), and the day it was filed (--date).

With --from, files FILE, downloaded by hand. Without it, fetches SOURCE, or every source the
pipeline can fetch (${REMOTE_SOURCES}), with a timeout, retries with backoff and a size cap.
A file that does not have the source's declared shape is refused with the place it differs,
and a failed fetch files nothing (exit status 1). A file whose bytes are already filed is not
filed again (exit status 0), and nothing is ever overwritten. Only snapshot reads outside
raw/ or uses the network.

The newest snapshot of a source (by date, then name) is the one published; older ones stay
in raw/ as history. A file with the bytes of the newest snapshot is not filed again (exit
status 0); one with the bytes of an older snapshot is filed anew, as the newest.

Sources: ${[...SOURCES.keys()].join(", ")}

Options:
  --from FILE       the file to file, downloaded by hand
  --url URL         fetch from URL instead of the source's own address (a mirror)
  --raw DIR         folder of deliveries and their manifest (default: raw)
  --date DATE       the day the file is filed (received), YYYY-MM-DD (default: today, UTC)
  --as-of DATE      the day the file's data describes, where known (--from only)
  --retrieved DATE  the day the file was taken from its source, where known (--from only)
  --via TEXT        the copy the file was taken from, where not its source directly: who
                    made it and when (--from only)
  --replaces FILE   a declared delivery (path relative to DIR) the snapshot corrects: it
                    stays in raw/ and is no longer published; repeat for several
  -h, --help        show this help`,
  configure: `Usage: pipeline configure [--base-url URL] [--repository URL] [--publication FILE]

Records the address the release is published at (baseUrl) and the repository's (repository)
in publication.json, each when none is configured there: the nightly workflow passes the
address GitHub Pages serves the site at and the repository's on GitHub, so the release it
commits, the site it deploys and a local build all use them. An address already configured is
left as it is. A release's address without its closing slash gets one.

Options:
  --base-url URL      the release's address (https://…)
  --repository URL    the repository's address (https://github.com/OWNER/NAME): the codebooks
                      and pages link each delivery to its file there at the release's tag
  --publication FILE  the publication's configuration (default: the project's publication.json)
  -h, --help          show this help`,
  publish: `Usage: pipeline publish [--repo DIR] [--raw DIR] [--out DIR] [--remote NAME] [--publication FILE]

After a build, in a git checkout: when the release folder differs from what is committed,
commits it together with the raw folder (new snapshots) and the publication's configuration
(an address configure recorded), with a message that summarises the
change; tags the release's version (v<version>) unless that tag exists; and pushes the commit
and the tag. When the release is as committed, it does nothing. Under GitHub Actions it writes
the step outputs changed, version, tag and commit, and a job summary.

Options:
  --repo DIR        the git checkout (default: .)
  --raw DIR         folder of deliveries and their manifest (default: raw)
  --out DIR         release folder (default: dist)
  --remote NAME     the remote to push to (default: origin)
  --publication FILE  the publication's configuration to commit with it
                    (default: publication.json in the checkout)
  -h, --help        show this help`,
  add: ADD_USAGE,
  withdraw: WITHDRAW_USAGE,
  scope: `Usage: pipeline scope --base REV

Prints deliveries-only=true when every path changed between REV and HEAD is under raw/ (a
delivery, which CI builds without a rebuilt dist/), else deliveries-only=false; also written
to $GITHUB_OUTPUT. A base git cannot compare with (none, or all zeros) counts as false.

Options:
  --base REV        the commit to compare with (a pull request's base, a push's previous head)
  -h, --help        show this help`,
  generate: `Usage: pipeline generate [--check]

Writes schemas/derived/ from the dataset definitions in schemas/datasets/, and
.github/CODEOWNERS from the register of publishers, raw/publishers.json.

Options:
  --check           write nothing; exit 1 if a derived file is out of date
  -h, --help        show this help`,
}
