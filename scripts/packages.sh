# Sourced by ./fxbank and .ci/run: installs the Debian packages the tests need when they are missing.
#   ensure_packages <command>=<package> ...   e.g. ensure_packages promtool=prometheus
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "The tests need the Debian package(s) ${missing[*]}: install them (apt-get install -y ${missing[*]})." >&2
      return 1
    fi
  fi
  echo "Installing ${missing[*]} (the tests need them) ..." >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
