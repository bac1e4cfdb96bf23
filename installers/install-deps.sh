#!/usr/bin/env bash
# Installs every Debian 12 package Cachet needs to build, test and benchmark.
# Safe to run twice: apt-get install skips what is already there.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6-dev
  libgpgmepp-dev libgpgme-dev libsqlcipher-dev sqlcipher libssl-dev libvmime-dev libsodium-dev
  libgnutls28-dev
  # runtime tools
  gnupg gpg-agent
  # test provider and peers (OpenSMTPD: only if no other mail server is installed, see below)
  dovecot-imapd dovecot-lmtpd python3
  # real mail programs that test the bridge
  isync curl
  # the short fuzz run of the tests (libFuzzer)
  clang
  # benchmark peer
  notmuch
  # GUI tests
  xvfb xauth
)

# OpenSMTPD conflicts with every other mail server package (mail-transport-agent):
# installing it would remove Postfix or Exim, so such a machine is left as it is.
other_mta=$(dpkg-query -W -f='${db:Status-Status} ${Package} ${Provides}\n' 2>/dev/null \
  | awk '$1 == "installed" && $2 != "opensmtpd" && /mail-transport-agent/ { print $2 }' || true)
if [ -z "$other_mta" ]; then
  PACKAGES+=(opensmtpd)
else
  echo "install-deps: not installing opensmtpd, it would replace $other_mta; the SMTP tests need it" >&2
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q

# The tests start their own OpenSMTPD; the system service the package would start
# on port 25 is kept from starting (a policy-rc.d for this install only, unless
# the machine has one already) and disabled.
policy=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$policy" ]; then
  own_policy=$policy
  trap '$SUDO rm -f "$own_policy"' EXIT
  printf '%s\n' '#!/bin/sh' '# Written by install-deps.sh for one apt-get run: no starting opensmtpd.' \
    'for arg; do case "$arg" in opensmtpd|opensmtpd.service) exit 101 ;; esac; done' 'exit 0' \
    | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
fi
$SUDO apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
if [ -n "$own_policy" ]; then
  $SUDO rm -f "$own_policy"
fi

if [ -x /usr/sbin/smtpd ]; then
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now opensmtpd.service >/dev/null 2>&1 || true
  else
    $SUDO systemctl disable opensmtpd.service >/dev/null 2>&1 || true
    $SUDO update-rc.d opensmtpd disable >/dev/null 2>&1 || true
    $SUDO service opensmtpd stop >/dev/null 2>&1 || true
  fi
fi
