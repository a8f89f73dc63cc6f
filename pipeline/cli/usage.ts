/** The command line's help, command by command. */
import { SOURCES } from "../sources/index.ts"
import { optionsHelp } from "./options.ts"

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
  generate   Rewrite the derived files (schemas/derived/, .github/CODEOWNERS, bin/build-options.json)
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

${optionsHelp("build")}`,
  validate: `Usage: pipeline validate [--raw DIR] [--out DIR] [--report FILE] [--max-errors N] [--publication FILE] [--cache DIR | --no-cache]

Checks the deliveries exactly as build does (same problems, same exit status) and
publishes nothing.

${optionsHelp("validate")}`,
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

${optionsHelp("snapshot")}`,
  configure: `Usage: pipeline configure [--base-url URL] [--repository URL] [--publication FILE]

Records the address the release is published at (baseUrl) and the repository's (repository)
in publication.json, each when none is configured there: the nightly workflow passes the
address GitHub Pages serves the site at and the repository's on GitHub, so the release it
commits, the site it deploys and a local build all use them. An address already configured is
left as it is. A release's address without its closing slash gets one.

${optionsHelp("configure")}`,
  publish: `Usage: pipeline publish [--repo DIR] [--raw DIR] [--out DIR] [--remote NAME] [--publication FILE]

After a build, in a git checkout: when the release folder differs from what is committed,
commits it together with the raw folder (new snapshots) and the publication's configuration
(an address configure recorded), with a message that summarises the
change; tags the release's version (v<version>) unless that tag exists; and pushes the commit
and the tag. When the release is as committed, it does nothing. Under GitHub Actions it writes
the step outputs changed, version, tag and commit, and a job summary.

${optionsHelp("publish")}`,
  add: `Usage: pipeline add FILE --dataset NAME --publisher NAME --licence LICENCE [options]

Files a publisher's CSV or Excel file into raw/ with its manifest entry, described from the
file itself: its encoding, delimiter, line endings (a workbook: its sheet and header row),
number format and missing-value markers, and the
field each column feeds (by its label, Swedish or English, and by its values: municipality
codes, "2403 Bjurholm", municipality names of the release in --out). Each guess is printed
with its evidence (stderr) and the entry as JSON (stdout). Then it validates raw/: a delivery
with errors is removed again and raw/ is left as it was (exit status 1). Whatever the file
does not settle is asked, naming the flag that answers it, and nothing is written (exit
status 2).

${optionsHelp("add")}`,
  withdraw: `Usage: pipeline withdraw FILE --reason TEXT [--on-behalf TEXT] [--raw DIR] [--out DIR] [--publication FILE] [--dry-run]

Takes a delivery out of the release: writes "withdrawn": TEXT into its entry in DIR/manifest.json.
The file stays in raw/, and the release lists it as withdrawn, for the reason given. FILE is
the delivery as its entry's "file" says, or its path in DIR. It must be declared, not
withdrawn already and not replaced by a correction, and the manifest must hold together with
the change, or nothing is written (exit status 1). Then raw/ is validated as pipeline validate does: on an error the entry is put
back as it was (exit status 1). The entry is printed on stdout as JSON.

${optionsHelp("withdraw")}`,
  scope: `Usage: pipeline scope --base REV

Prints deliveries-only=true when every path changed between REV and HEAD is under raw/ (a
delivery, which CI builds without a rebuilt dist/), else deliveries-only=false; also written
to $GITHUB_OUTPUT. A base git cannot compare with (none, or all zeros) counts as false.

${optionsHelp("scope")}`,
  generate: `Usage: pipeline generate [--check]

Writes schemas/derived/ from the dataset definitions in schemas/datasets/,
.github/CODEOWNERS from the register of publishers, raw/publishers.json, and
bin/build-options.json from the build's options, as the entry point reads them.

${optionsHelp("generate")}`,
}
