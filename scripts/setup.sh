#!/usr/bin/env bash
# Installs what Loupe needs and is missing: Debian packages (when this user may
# install them) and the npm dependencies. `--services` adds PostgreSQL and Redis,
# which the tests start for the team-scale backends. Safe to run again: it does nothing
# when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

# onnxruntime-node's install hook downloads CUDA files from outside the npm
# registry; npm 11 skips it through "allowScripts", npm 10 needs this.
export ONNXRUNTIME_NODE_INSTALL=skip

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Without a CJK font Chinese text renders as empty boxes.
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || missing+=(fonts-wqy-microhei)
# --services: the team-scale backends the tests start on temporary folders and ports.
if [[ "${1:-}" == "--services" ]]; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
fi

if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    echo "loupe setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
    fc-cache -f >/dev/null 2>&1 || true
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "loupe setup: installing Debian packages with sudo: ${missing[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
    sudo fc-cache -f >/dev/null 2>&1 || true
  else
    echo "loupe setup: missing ${missing[*]}; install them with your package manager (video decoding, browser tests and Chinese text need them)." >&2
  fi
fi

# npm install only when node_modules is absent or older than the lock file. A node_modules that is a
# link (a git worktree sharing another checkout's) is left alone: npm ci would empty the folder it
# points to, under every checkout that shares it.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json || package.json -nt node_modules/.package-lock.json ]]; then
  if [[ -L node_modules ]]; then
    echo "loupe setup: node_modules links to $(readlink node_modules) and looks older than package.json; not reinstalling through the link (run npm ci there if it is stale)" >&2
  else
    echo "loupe setup: installing npm dependencies"
    if [[ -f package-lock.json ]]; then
      npm ci --no-audit --no-fund
    else
      npm install --no-audit --no-fund
    fi
  fi
fi
