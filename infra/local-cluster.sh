#!/usr/bin/env bash
# A three-silo cluster on this machine, without Docker: Azurite (one storage account: blobs for
# the event log and keys, tables for Orleans membership, reminders and grain state), three silo
# processes, and nginx in front of them on 127.0.0.1:${COMPANION_HTTP_PORT:-5080}.
#
#   infra/local-cluster.sh up       start everything, wait until nginx and every silo answer
#   infra/local-cluster.sh status   what runs, with process ids
#   infra/local-cluster.sh down     stop exactly what `up` started (by the pid files it wrote)
#
# Every silo gets the caller's environment, so a Companion__AdminToken,
# Companion__TokenSigningKey or Companion__MasterKey set by the caller is the cluster's; when
# unset, `up` generates each once into the state folder and hands the same ones to every silo.
#
# Settings (environment): COMPANION_CLUSTER_DIR (state: pids, logs, data; default .cluster),
# COMPANION_HTTP_PORT (5080), COMPANION_SILO_HTTP_PORTS ("5081 5082 5083"),
# COMPANION_SILO_PORTS ("11111 11112 11113"), COMPANION_GATEWAY_PORTS ("30000 30001 30002"),
# COMPANION_AZURITE_PORT (blob, 10000), COMPANION_AZURITE_QUEUE_PORT (10001, unused),
# COMPANION_AZURITE_TABLE_PORT (10002), COMPANION_SILO_DLL (a built
# Companion.Silo.dll; default: build src/Companion.Silo in Release).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
state="${COMPANION_CLUSTER_DIR:-$repo/.cluster}"
[ "${1:-}" != up ] || mkdir -p "$state"
[ ! -d "$state" ] || state="$(cd "$state" && pwd)"
pids="$state/pids"
http_port="${COMPANION_HTTP_PORT:-5080}"
read -r -a silo_http_ports <<< "${COMPANION_SILO_HTTP_PORTS:-5081 5082 5083}"
read -r -a silo_ports <<< "${COMPANION_SILO_PORTS:-11111 11112 11113}"
read -r -a gateway_ports <<< "${COMPANION_GATEWAY_PORTS:-30000 30001 30002}"
azurite_port="${COMPANION_AZURITE_PORT:-10000}"
queue_port="${COMPANION_AZURITE_QUEUE_PORT:-10001}"
table_port="${COMPANION_AZURITE_TABLE_PORT:-10002}"
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"

log() { printf 'local-cluster: %s\n' "$*"; }
die() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

# A process started here is remembered as <name>.pid plus a text its command line must
# contain, so `down` never signals a process that merely reused the id.
alive() {
  local name=$1 pid match
  [ -f "$pids/$name.pid" ] || return 1
  pid=$(cat "$pids/$name.pid"); match=$(cat "$pids/$name.match")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$match"
}

start() {
  local name=$1 match=$2; shift 2
  mkdir -p "$pids" "$state/logs"
  setsid "$@" > "$state/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$pids/$name.pid"
  printf '%s' "$match" > "$pids/$name.match"
}

stop() {
  local name=$1 pid
  if alive "$name"; then
    pid=$(cat "$pids/$name.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$name" || break; sleep 0.2; done
    if alive "$name"; then kill -KILL "$pid" 2>/dev/null || true; fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pids/$name.pid" "$pids/$name.match"
}

wait_for() {
  local what=$1 url=$2 name=$3
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    alive "$name" || die "$what exited while starting; see $state/logs/$name.log"
    sleep 0.25
  done
  die "$what did not answer at $url within 60 s; see $state/logs/$name.log"
}

components() { echo azurite silo-1 silo-2 silo-3 nginx; }

up() {
  for name in $(components); do alive "$name" && die "already up ($name runs); run '$0 down' first"; done
  for command in node nginx curl dotnet; do
    command -v "$command" >/dev/null || die "$command is missing; run infra/install-test-deps.sh (or ./test.sh) to install it"
  done
  [ -f "$repo/infra/azurite/node_modules/azurite/dist/src/azurite.js" ] || npm ci --prefix "$repo/infra/azurite" --no-audit --no-fund --loglevel=error

  local dll="${COMPANION_SILO_DLL:-}"
  if [ -z "$dll" ]; then
    log "building the silo"
    dotnet build "$repo/src/Companion.Silo" -c Release -nologo -v q >/dev/null
    dll="$repo/src/Companion.Silo/bin/Release/net10.0/Companion.Silo.dll"
  fi
  [ -f "$dll" ] || die "no silo at $dll"

  if [ -z "${Companion__AdminToken:-}" ]; then
    [ -f "$state/admin-token" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$state/admin-token"
    export Companion__AdminToken; Companion__AdminToken=$(cat "$state/admin-token")
  fi
  if [ -z "${Companion__TokenSigningKey:-}" ]; then
    [ -f "$state/token-key" ] || head -c 32 /dev/urandom | base64 > "$state/token-key"
    export Companion__TokenSigningKey; Companion__TokenSigningKey=$(cat "$state/token-key")
  fi
  if [ -z "${Companion__MasterKey:-}" ]; then
    [ -f "$state/master-key" ] || (umask 077; head -c 32 /dev/urandom | base64 > "$state/master-key")
    export Companion__MasterKey; Companion__MasterKey=$(cat "$state/master-key")
  fi
  trap 'status=$?; if [ "$status" != 0 ]; then log "start failed; stopping what started"; down; fi' EXIT

  mkdir -p "$state/azurite" "$state/nginx"
  start azurite "$state/azurite" node "$repo/infra/azurite/node_modules/azurite/dist/src/azurite.js" \
    --blobHost 127.0.0.1 --blobPort "$azurite_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" --location "$state/azurite" \
    --skipApiVersionCheck --disableTelemetry --silent
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$azurite_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$table_port") 2>/dev/null && break
    alive azurite || die "Azurite exited while starting; see $state/logs/azurite.log"
    sleep 0.2
  done

  local upstreams=""
  for i in 0 1 2; do
    local n=$((i + 1))
    mkdir -p "$state/silo-$n"
    upstreams+="        server 127.0.0.1:${silo_http_ports[$i]} max_fails=1 fail_timeout=5s;"$'\n'
    (
      cd "$(dirname "$dll")"
      export Urls="http://127.0.0.1:${silo_http_ports[$i]}"
      # Membership, reminders and grain state go to the same account's table service.
      export Storage__Provider=AzureBlob Storage__AzureBlob__ConnectionString="$connection"
      export Orleans__ClusteringProvider=AzureStorage
      export Orleans__SiloPort="${silo_ports[$i]}" Orleans__GatewayPort="${gateway_ports[$i]}"
      export Orleans__ClusterId="${Orleans__ClusterId:-companion-local-cluster}"
      start "silo-$n" "$state/silo-$n" dotnet "$dll" "--Companion:DataDirectory=$state/silo-$n"
    )
  done

  sed -e "s#@STATE@#$state#g" -e "s#@HTTP_PORT@#$http_port#g" "$repo/infra/nginx/nginx.conf.template" \
    | awk -v upstreams="$upstreams" '{ if ($0 == "@UPSTREAMS@") printf "%s", upstreams; else print }' > "$state/nginx/nginx.conf"
  start nginx "$state/nginx/nginx.conf" nginx -p "$state/nginx" -c "$state/nginx/nginx.conf" -g 'daemon off;'

  for i in 0 1 2; do wait_for "silo-$((i + 1))" "http://127.0.0.1:${silo_http_ports[$i]}/healthz" "silo-$((i + 1))"; done
  wait_for nginx "http://127.0.0.1:$http_port/healthz" nginx
  trap - EXIT
  log "up: http://127.0.0.1:$http_port (silos on ${silo_http_ports[*]}); state in $state"
}

down() {
  for name in nginx silo-3 silo-2 silo-1 azurite; do stop "$name"; done
}

status() {
  local name
  for name in $(components); do
    if alive "$name"; then echo "$name running (pid $(cat "$pids/$name.pid"))"; else echo "$name stopped"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
