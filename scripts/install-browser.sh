#!/usr/bin/env bash
# Installs Debian's Chromium, which tests/suite/browser.rs drives headless to check
# the report's index.html, and its WebDriver (chromedriver), through which
# tests/suite/serve_browser.rs uses the web pages, when they are not on the PATH.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium chromium-driver fonts-dejavu-core fonts-liberation >/dev/null
chromium --version
chromedriver --version
