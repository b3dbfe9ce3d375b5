#!/usr/bin/env bash
# Side-by-side reply-splitting benchmark (not a test): Rapport against planer, email-reply-parser and
# node-email-reply-parser on the talon, quotequail and Rapport fixture corpora. Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -pl core test -Dtest=ReplyCorpusTest -Dsurefire.failIfNoSpecifiedTests=false
(cd bench/replies && npm install --no-audit --no-fund --silent)
node bench/replies/compare.mjs
