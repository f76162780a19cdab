#!/bin/bash
# TradeXL installer for macOS. Double-click it in Finder (first time: right-click > Open); no terminal typing.
# It installs TradeXL into its own Python environment for this user, installs the xlwings add-in into Excel,
# points the add-in at that Python (so a button never says "Could not find interpreter" or "No module named"),
# checks everything with `tradexl doctor`, and opens your workbook. Running it again updates TradeXL.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SOURCE="$HERE/.."
VENV="$HOME/Library/Application Support/TradeXL/venv"
BOOKS="$HOME/Documents/TradeXL"
BOOK="$BOOKS/TradeWorkbook.xlsm"

failed() {
  echo
  echo "The step above failed. Nothing else was changed. Send a screenshot of this window to whoever supports TradeXL."
  read -r -p "Press Return to close." _
  exit 1
}

echo "TradeXL installer"
echo
PY=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    PY="$candidate"
    break
  fi
done
if [ -z "$PY" ]; then
  echo "Python 3.11 or newer is needed. Its download page opens now: install it, then double-click this installer again."
  open "https://www.python.org/downloads/macos/"
  read -r -p "Press Return to close." _
  exit 1
fi

echo "[1/5] TradeXL's own Python environment: $VENV"
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV" || failed

echo "[2/5] Installing TradeXL and xlwings (a few minutes)"
"$VENV/bin/python" -m pip install --quiet --upgrade pip || failed
if [ -f "$SOURCE/setup.cfg" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade "$SOURCE" || failed
else
  "$VENV/bin/python" -m pip install --quiet --upgrade tradexl || failed
fi

echo "[3/5] Installing the xlwings add-in into Excel (Excel must be closed)"
"$VENV/bin/xlwings" addin install || failed

echo "[4/5] Pointing the add-in at TradeXL's Python"
"$VENV/bin/tradexl" doctor --set-interpreter

echo "[5/5] Your workbook: $BOOK"
mkdir -p "$BOOKS" || failed
if [ ! -f "$BOOK" ]; then
  if [ -f "$SOURCE/TradeWorkbook.xlsm" ]; then
    cp "$SOURCE/TradeWorkbook.xlsm" "$BOOK" || failed
  else
    "$VENV/bin/tradexl" new "$BOOK" || failed
  fi
fi
if ! "$VENV/bin/tradexl" doctor "$BOOK"; then
  echo
  echo "Some checks failed: each FAIL line above says how to fix it."
  read -r -p "Press Return to close." _
  exit 1
fi
echo
echo "Done. Excel opens your workbook now: click Enable Content, then use the Trade tab."
open "$BOOK"
