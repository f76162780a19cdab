#!/usr/bin/env bash
# Installs the real programs the tests drive (LibreOffice to open/print what we generate, Dovecot as a real
# IMAP server on loopback, poppler for PDF page checks) when they are missing. Needs root or sudo; a no-op when
# everything is present.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui python3-uno fonts-wqy-zenhei)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${need[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
# The tests start their own Dovecot on a loopback port; the packaged service must not hold the IMAP ports.
if command -v systemctl >/dev/null 2>&1; then $sudo systemctl disable --now dovecot >/dev/null 2>&1 || true; fi
$sudo pkill -x dovecot >/dev/null 2>&1 || true
