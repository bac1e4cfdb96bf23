#!/usr/bin/env bash
# Installs what Cachet needs, builds it, and runs its main job on demo mail:
# creates a demo profile, imports a mailbox the project generates itself, and
# prints the mailbox list and the newest messages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installers/install-deps.sh
bash installers/build.sh

cli="$PWD/build/app/cachet-cli"
profile="${CACHET_DEMO_PROFILE:-${XDG_DATA_HOME:-$HOME/.local/share}/cachet/demo}"
# A demo passphrase, given through the environment as scripts do. Never use it for real mail.
export CACHET_PASSPHRASE="${CACHET_PASSPHRASE:-demo passphrase}"

# The generated mail is written to a private temporary folder and removed as soon as it is imported.
mail=$(mktemp -d)
trap 'rm -rf "$mail"' EXIT
python3 resources/demo/make_mail.py --maildir "$mail/Maildir" --profile demo --seed 1 >/dev/null

if [ -e "$profile/profile.json" ]; then
  echo "Replacing the earlier demo profile at $profile"
  rm -rf "$profile"
fi
"$cli" --profile "$profile" init --kdf interactive
"$cli" --profile "$profile" import "$mail/Maildir"
echo
echo "== Mailboxes =="
"$cli" --profile "$profile" mailboxes
echo
echo "== Newest messages in INBOX =="
"$cli" --profile "$profile" list --limit 15
echo
echo "== Search: has:attachment =="
"$cli" --profile "$profile" search has:attachment --limit 5
echo
echo "Try: CACHET_PASSPHRASE='$CACHET_PASSPHRASE' $cli --profile '$profile' show UID"
