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
  # test provider and peers
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

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
