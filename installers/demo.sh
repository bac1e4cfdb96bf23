#!/usr/bin/env bash
# Installs what Cachet needs, builds it, and runs the full demo on this machine
# only: a test provider on loopback (Dovecot and OpenSMTPD) holding the
# project's own demo mail, a demo profile with an account on it, and the
# desktop app; with no display, the daemon with the bridge, printing how a
# mail program connects (resources/demo/run_demo.py). Ctrl-C ends it and
# removes the provider with its mail.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installers/install-deps.sh
bash installers/build.sh
exec python3 resources/demo/run_demo.py "$@"
