@echo off
rem TradeXL installer for Windows. Double-click it; no administrator rights and no terminal needed.
rem It installs TradeXL into its own Python environment for this user, installs the xlwings add-in into Excel,
rem points the add-in at that Python (so a button never says "Could not find interpreter" or "No module named"),
rem checks everything with `tradexl doctor`, and opens your workbook. Running it again updates TradeXL.
setlocal
set "SOURCE=%~dp0.."
set "VENV=%LOCALAPPDATA%\TradeXL\venv"
set "BOOKS=%USERPROFILE%\Documents\TradeXL"
set "BOOK=%BOOKS%\TradeWorkbook.xlsm"

echo TradeXL installer
echo.
set "PY=python"
where py >nul 2>nul && set "PY=py -3"
%PY% -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>nul
if errorlevel 1 (
  echo Python 3.11 or newer is needed. Its download page opens now: install it, tick "Add python.exe to PATH",
  echo then double-click this installer again.
  start "" "https://www.python.org/downloads/windows/"
  pause
  exit /b 1
)

echo [1/5] TradeXL's own Python environment: %VENV%
if not exist "%VENV%\Scripts\python.exe" %PY% -m venv "%VENV%" || goto failed

echo [2/5] Installing TradeXL and xlwings (a few minutes)
"%VENV%\Scripts\python.exe" -m pip install --quiet --upgrade pip || goto failed
if exist "%SOURCE%\setup.cfg" (
  "%VENV%\Scripts\python.exe" -m pip install --quiet --upgrade "%SOURCE%" || goto failed
) else (
  "%VENV%\Scripts\python.exe" -m pip install --quiet --upgrade tradexl || goto failed
)

echo [3/5] Installing the xlwings add-in into Excel (Excel must be closed)
"%VENV%\Scripts\xlwings.exe" addin install || goto failed

echo [4/5] Pointing the add-in at TradeXL's Python
"%VENV%\Scripts\tradexl.exe" doctor --set-interpreter

echo [5/5] Your workbook: %BOOK%
if not exist "%BOOKS%" mkdir "%BOOKS%"
if not exist "%BOOK%" (
  if exist "%SOURCE%\TradeWorkbook.xlsm" (
    copy "%SOURCE%\TradeWorkbook.xlsm" "%BOOK%" >nul || goto failed
  ) else (
    "%VENV%\Scripts\tradexl.exe" new "%BOOK%" || goto failed
  )
)
"%VENV%\Scripts\tradexl.exe" doctor "%BOOK%"
if errorlevel 1 (
  echo.
  echo Some checks failed: each FAIL line above says how to fix it.
  pause
  exit /b 1
)
echo.
echo Done. Excel opens your workbook now: click Enable Content, then use the Trade tab.
start "" "%BOOK%"
pause
exit /b 0

:failed
echo.
echo The step above failed. Nothing else was changed. Send a photo of this window to whoever supports TradeXL.
pause
exit /b 1
