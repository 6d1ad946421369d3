# Sourced by ./fxbank and .ci/run: selects a JDK of release 21 or newer.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under /usr/lib/jvm.

java_release() { # prints the feature release of the java binary $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1 || echo 0
}

select_java() {
  local candidate release
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" \
                   $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    release=$(java_release "$candidate")
    if [ "${release:-0}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$candidate")")")
      export JAVA_HOME
      return 0
    fi
  done
  echo "FxBank needs a JDK of release 21 or newer; none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
  return 1
}
