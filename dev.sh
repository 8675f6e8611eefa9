#!/usr/bin/env bash
# Precedent's developer entry point: sets up what a task needs on a fresh Debian machine, then runs it.
#   bash dev.sh demo        install, ingest the sample corpus, serve the web UI on http://127.0.0.1:5000
#   bash dev.sh test        install everything the tests need (Java, chromium, Node from Debian if missing), type-check, run all tests
#   bash dev.sh bench       reader accuracy against tests/gold, then the quick benchmark (a few minutes);  bash dev.sh bench-full  all sizes
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {  # apt_install PACKAGE... — only what is missing, only as root or with sudo
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    say "installing from Debian: $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_python() {
    if ! "$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
        echo "Precedent needs Python 3.11 or newer as '$PYTHON' (set PYTHON=...)." >&2; exit 1
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        if ! "$PYTHON" -m venv --help >/dev/null 2>&1 || ! "$PYTHON" -c 'import ensurepip' 2>/dev/null; then
            apt_install python3-venv
        fi
        say "creating $VENV"
        "$PYTHON" -m venv "$VENV"
        "$VENV/bin/python" -m pip install -q --upgrade pip
    fi
}

ensure_node() {
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

install_project() {  # install_project EXTRAS
    say "installing Precedent${1:+ with [$1]} into $VENV"
    "$VENV/bin/python" -m pip install -q -e ".${1:+[$1]}"
    ensure_node
    say "building web assets (CodeMirror from the npm registry)"
    npm ci --silent --no-audit --no-fund >/dev/null
    "$VENV/bin/python" -m webui.build_assets
}

ensure_test_tools() {
    local missing=()
    command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

case "${1:-}" in
    demo)
        ensure_python; install_project ""
        exec "$VENV/bin/precedent" demo "${@:2}" ;;
    test)
        ensure_python; ensure_test_tools; install_project test
        say "type-checking archive/, webui/ and precedent/ (mypy, settings in pyproject.toml)"
        "$VENV/bin/python" -m mypy
        say "running the test suite"
        exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "${@:2}" ;;
    bench)
        ensure_python; install_project test
        "$VENV/bin/python" -m bench.accuracy
        exec "$VENV/bin/python" -m bench.run --quick "${@:2}" ;;
    bench-full)
        ensure_python; install_project test
        exec "$VENV/bin/python" -m bench.run --full "${@:2}" ;;
    *)
        sed -n '2,6p' "$0"; exit 2 ;;
esac
