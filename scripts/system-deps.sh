#!/usr/bin/env bash
# Installs the real programs the tests drive when they are missing: LibreOffice (opens and prints what we
# generate; a CJK font so Chinese labels render), poppler (PDF page checks), Dovecot (a real IMAP server on
# loopback) and openssl (its test certificate). Needs root or sudo; a no-op when everything is present.
set -euo pipefail
packages=(libreoffice-calc-nogui python3-uno fonts-wqy-zenhei poppler-utils dovecot-imapd openssl)
need=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${need[*]}"
$sudo apt-get update -q >/dev/null
# The packaged Dovecot service must not start and hold the IMAP ports: the tests start their own instance.
policy_added=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  policy_added=1
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
[ -z "$policy_added" ] || $sudo rm -f /usr/sbin/policy-rc.d
# No `pkill dovecot` here: the tests start and stop their own servers by pid, and another Dovecot on this
# machine (a developer's, another test run's) is not ours to stop.
