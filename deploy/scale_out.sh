#!/usr/bin/env bash
# Scale-out deployment of the dashboard on one machine: N Streamlit processes behind nginx
# (sticky sessions by a routing cookie) on one PostgreSQL. Everything runs from a state
# directory, as the current user, on 127.0.0.1; no root and no system services are needed
# (as root, PostgreSQL runs as the `postgres` user, which it requires).
#
# Why: one Streamlit process runs scripts on about one core; past that the way to serve more
# people is more processes behind a proxy that keeps each browser tab on one process (a tab's
# session lives in that process's memory). See docs/deployment.md.
#
# Usage:
#   deploy/scale_out.sh start     start PostgreSQL (unless DATABASE_URL is set), build the demo
#                                 into it when it is empty, start the app processes and nginx
#   deploy/scale_out.sh stop      stop what `start` started and remove the state directory
#   deploy/scale_out.sh status    show the processes and the proxy URL
#
# Settings (environment variables, all optional):
#   BARO_DEPLOY_DIR    state directory (default /tmp/baro-scale-out)
#   APP_PROCESSES      number of Streamlit processes (default 2)
#   APP_BASE_PORT      port of the first process; the others follow (default 8601)
#   PROXY_PORT         nginx port, the URL readers open (default 8500)
#   PG_PORT            port of the local PostgreSQL (default 55432)
#   DATABASE_URL       an existing PostgreSQL to use instead of a local one
#                      (postgresql+psycopg://user:password@host:port/database); then no demo is built
#   DEMO_RESPONDENTS   size of the demo built into the local PostgreSQL (default: the calibrated demo)
#   STREAMLIT_OPTIONS  extra options for every Streamlit process (e.g. "--runner.postScriptGC=false")
#   PYTHON             the interpreter with the requirements (default .venv/bin/python)
# After `start`, $BARO_DEPLOY_DIR/deploy.env holds DATABASE_URL, PROXY_URL, APP_PORTS and the pids.
set -euo pipefail
shopt -s inherit_errexit  # fail inside $(...) too

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${BARO_DEPLOY_DIR:-/tmp/baro-scale-out}"
APP_PROCESSES="${APP_PROCESSES:-2}"
APP_BASE_PORT="${APP_BASE_PORT:-8601}"
PROXY_PORT="${PROXY_PORT:-8500}"
PG_PORT="${PG_PORT:-55432}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
HOST=127.0.0.1

log() { echo "scale_out: $*" >&2; }

pg_bin() {
    local newest
    newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    [ -n "$newest" ] || { log "PostgreSQL binaries not found (apt-get install postgresql)"; exit 1; }
    echo "$newest"
}

# PostgreSQL refuses to run as root: then run its commands as the postgres user.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

wait_http() {  # url, seconds
    local deadline=$((SECONDS + $2))
    until curl -fsS "$1" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || { log "no answer from $1 after $2 s"; return 1; }
        sleep 0.3
    done
}

start_postgres() {
    local bin
    bin="$(pg_bin)"
    mkdir -p "$DIR/pg"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$DIR/pg"
        # The postgres user must be able to reach the state directory.
        runuser -u postgres -- test -x "$DIR/pg" || { log "postgres cannot enter $DIR (chmod o+x its parents)"; exit 1; }
    fi
    if [ ! -f "$DIR/pg/data/PG_VERSION" ]; then
        as_pg "$bin/initdb" -D "$DIR/pg/data" -U baro --auth=trust -E UTF8 --locale=C >"$DIR/pg/initdb.log"
    fi
    # max_connections: each app process holds a small pool (SQLAlchemy default 5 + 10 overflow).
    if ! as_pg "$bin/pg_ctl" -D "$DIR/pg/data" status >/dev/null 2>&1; then
        as_pg "$bin/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w -t 60 \
            -o "-h $HOST -p $PG_PORT -k $DIR/pg -c max_connections=100 -c shared_buffers=128MB" start >/dev/null
    fi
    if ! "$bin/psql" -h "$HOST" -p "$PG_PORT" -U baro -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = 'baro'" | grep -q 1; then
        "$bin/createdb" -h "$HOST" -p "$PG_PORT" -U baro baro
    fi
    echo "postgresql+psycopg://baro@$HOST:$PG_PORT/baro"
}

build_demo_if_empty() {  # database url
    local count
    count="$("$PYTHON" - "$1" <<'EOF'
import sys
from sqlalchemy import create_engine, inspect, text
engine = create_engine(sys.argv[1])
with engine.connect() as connection:
    has = inspect(connection).has_table("respondents")
    print(connection.execute(text("SELECT count(*) FROM respondents")).scalar() if has else 0)
EOF
)"
    if [ "$count" -gt 0 ]; then
        log "database holds $count respondents; not rebuilding"
        return
    fi
    local size=()
    [ -z "${DEMO_RESPONDENTS:-}" ] || size=(--respondents "$DEMO_RESPONDENTS")
    log "building the demo into PostgreSQL (about a minute for the calibrated demo)"
    (cd "$ROOT" && "$PYTHON" -m baro demo --database-url "$1" "${size[@]}") >"$DIR/demo.log"
}

start_apps() {  # database url
    local secret i port
    # One cookie secret for all processes: a tab routed to another process after a restart
    # keeps a valid XSRF cookie.
    secret="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(32))')"
    APP_PORTS=""
    for ((i = 0; i < APP_PROCESSES; i++)); do
        port=$((APP_BASE_PORT + i))
        # shellcheck disable=SC2086  # STREAMLIT_OPTIONS is a list of options
        # A simple command in the background, so $! is the Streamlit process itself.
        (
            cd "$ROOT"
            export DATABASE_URL="$1" STREAMLIT_SERVER_COOKIE_SECRET="$secret"
            nohup "$PYTHON" -m streamlit run app.py --server.address "$HOST" --server.port "$port" \
                --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none \
                ${STREAMLIT_OPTIONS:-} >"$DIR/app-$port.log" 2>&1 </dev/null &
            echo $! >"$DIR/app-$port.pid"
        )
        APP_PORTS="$APP_PORTS $port"
    done
    APP_PORTS="${APP_PORTS# }"
    for port in $APP_PORTS; do
        if ! wait_http "http://$HOST:$port/_stcore/health" 90; then
            tail -5 "$DIR/app-$port.log" >&2
            exit 1
        fi
    done
}

write_nginx_conf() {
    local servers="" port
    for port in $APP_PORTS; do
        servers="$servers        server $HOST:$port max_fails=0;"$'\n'
    done
    mkdir -p "$DIR/nginx/tmp"
    # As root nginx's workers run as nobody and need their temp directory.
    [ "$(id -u)" -ne 0 ] || chown -R nobody "$DIR/nginx/tmp"
    cat >"$DIR/nginx/nginx.conf" <<EOF
# Generated by deploy/scale_out.sh; see docs/deployment.md for what each part is for.
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $DIR/nginx/tmp/body;
    proxy_temp_path $DIR/nginx/tmp/proxy;
    fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
    uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
    scgi_temp_path $DIR/nginx/tmp/scgi;

    # Sticky sessions: a tab keeps its process. The first request has no cookie and is routed
    # by a random request id, which becomes the cookie; later requests (the websocket, media,
    # reconnects) hash the cookie to the same process. ip_hash would send every reader behind
    # one office NAT (and every load-test session on loopback) to the same process.
    map \$cookie_baro_route \$baro_route {
        ""      \$request_id;
        default \$cookie_baro_route;
    }
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ""      close;
    }
    upstream baro_app {
        hash \$baro_route consistent;
$servers    }
    server {
        listen $HOST:$PROXY_PORT;
        location / {
            proxy_pass http://baro_app;
            proxy_http_version 1.1;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            # A session's websocket stays open for as long as the tab does.
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
            add_header Set-Cookie "baro_route=\$baro_route; Path=/; HttpOnly; SameSite=Lax" always;
        }
    }
}
EOF
}

start() {
    mkdir -p "$DIR"
    local url
    if [ -n "${DATABASE_URL:-}" ]; then
        url="$DATABASE_URL"
    else
        url="$(start_postgres)"
        build_demo_if_empty "$url"
    fi
    start_apps "$url"
    write_nginx_conf
    "$NGINX" -p "$DIR/nginx" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf"
    wait_http "http://$HOST:$PROXY_PORT/_stcore/health" 30
    {
        echo "DATABASE_URL=$url"
        echo "PROXY_URL=http://$HOST:$PROXY_PORT"
        echo "PROXY_PORT=$PROXY_PORT"
        echo "APP_PORTS=\"$APP_PORTS\""
        echo "APP_PIDS=\"$(for p in $APP_PORTS; do cat "$DIR/app-$p.pid"; done | xargs)\""
        echo "NGINX_PID=$(cat "$DIR/nginx/nginx.pid")"
    } >"$DIR/deploy.env"
    log "serving on http://$HOST:$PROXY_PORT ($APP_PROCESSES processes on ports $APP_PORTS)"
}

stop() {
    [ -d "$DIR" ] || { log "nothing to stop ($DIR does not exist)"; return; }
    if [ -f "$DIR/nginx/nginx.pid" ]; then
        "$NGINX" -p "$DIR/nginx" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf" -s quit || true
    fi
    local pidfile
    for pidfile in "$DIR"/app-*.pid; do
        [ -f "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    if [ -f "$DIR/pg/data/PG_VERSION" ]; then
        as_pg "$(pg_bin)/pg_ctl" -D "$DIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    sleep 0.5
    rm -rf "$DIR"
    log "stopped and removed $DIR"
}

status() {
    if [ ! -f "$DIR/deploy.env" ]; then
        log "not running ($DIR/deploy.env missing)"
        return 1
    fi
    cat "$DIR/deploy.env"
    # shellcheck disable=SC1091
    . "$DIR/deploy.env"
    local port
    for port in $APP_PORTS; do
        printf 'app %s: %s\n' "$port" "$(curl -fsS "http://$HOST:$port/_stcore/health" 2>/dev/null || echo down)"
    done
    printf 'proxy %s: %s\n' "$PROXY_PORT" "$(curl -fsS "http://$HOST:$PROXY_PORT/_stcore/health" 2>/dev/null || echo down)"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
