#!/usr/bin/env bash
# Installs what the tests need when it is missing; quiet and quick when everything is there.
# Called by ./test.sh. Needs root (or sudo) only when a Debian package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests start as real processes: command -> package.
declare -A debian=(
  [node]=nodejs
  [npm]=npm
  [curl]=curl
  [nginx]=nginx
  [docker-compose]=docker-compose
  [unzip]=unzip
  [python3]=python3
)

missing=()
for command in "${!debian[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${debian[$command]}")
done

# PostgreSQL for the benchmark's Marten peer (the smoke starts its own cluster): Debian keeps
# initdb off the PATH, under /usr/lib/postgresql/<version>/bin.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Azurite, pinned by infra/azurite/package-lock.json; reinstalled when the lock file changes.
azurite=infra/azurite
stamp="$azurite/node_modules/.package-lock.json"
if [ ! -f "$azurite/node_modules/azurite/dist/src/azurite.js" ] || [ "$azurite/package-lock.json" -nt "$stamp" ]; then
  echo "installing Azurite (npm ci --prefix $azurite)"
  npm ci --prefix "$azurite" --no-audit --no-fund --loglevel=error
fi

# Redocly CLI, the OpenAPI linter, pinned by infra/redocly/package-lock.json.
redocly=infra/redocly
if [ ! -x "$redocly/node_modules/.bin/redocly" ] || [ "$redocly/package-lock.json" -nt "$redocly/node_modules/.package-lock.json" ]; then
  echo "installing Redocly CLI (npm ci --prefix $redocly)"
  npm ci --prefix "$redocly" --no-audit --no-fund --loglevel=error
fi

# openapi-typescript, openapi-fetch and TypeScript: a web app's generated client, pinned by infra/openapi-ts/package-lock.json.
openapits=infra/openapi-ts
if [ ! -x "$openapits/node_modules/.bin/tsc" ] || [ "$openapits/package-lock.json" -nt "$openapits/node_modules/.package-lock.json" ]; then
  echo "installing openapi-typescript (npm ci --prefix $openapits)"
  npm ci --prefix "$openapits" --no-audit --no-fund --loglevel=error
fi

# Chromium for the browser tests (Debian's package; never a browser download).
infra/install-chromium.sh
