#!/usr/bin/env bash
# Installs what privlab needs on a fresh Debian 12 machine: Debian packages (Chromium, ffmpeg for the
# fake camera, mitmproxy, poppler and a CJK font for the lab report, Java for Allure), npm packages,
# and Appium's drivers into a project-local APPIUM_HOME. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have chromium     || need+=(chromium)
have chromedriver || need+=(chromium-driver)
have ffmpeg       || need+=(ffmpeg)
have mitmdump     || need+=(mitmproxy)
have pdftoppm     || need+=(poppler-utils)
have java         || need+=(openjdk-17-jre-headless)
have certutil     || need+=(libnss3-tools)
have openssl      || need+=(openssl)
have redis-server || need+=(redis-server)   # the batch queue (BullMQ) and its tests
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk fontconfig)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi

# The CLI runs compiled (dist/); npm ci's prepare builds it, this catches sources changed since.
node scripts/build.mjs --if-stale

# Appium's drivers live in a project-local APPIUM_HOME so nothing is installed globally.
export APPIUM_HOME="$PWD/.appium"
# chromium: mobile web through Appium; uiautomator2: native Android (its npm package also carries the
# real APKs privlab's inspect tests read). Each installs in seconds from npm.
for drv in appium-chromium-driver appium-uiautomator2-driver; do
  if [ ! -d "$APPIUM_HOME/node_modules/$drv" ]; then
    echo "setup: installing $drv into $APPIUM_HOME"
    npx appium driver install --source=npm "$drv" >/dev/null
  fi
done
echo "setup: done (check with: npx privlab doctor)"
