# Sourced by ./mvnw and ./theater: sets JAVA_HOME to a JDK 25 or newer, or exits with a clear message.
# Looks at THEATER_JAVA_HOME, JAVA_HOME, then /usr/lib/jvm/* (where Temurin 25 sits on our machines).

theater_java_major() { # prints the feature version of the JDK in $1, or nothing
  [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

theater_find_jdk() {
  for candidate in "${THEATER_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 \
      /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] || continue
    major=$(theater_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

JAVA_HOME=$(theater_find_jdk) || {
  echo "theater: no JDK 25 or newer found (looked at THEATER_JAVA_HOME, JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "theater: install one (e.g. Temurin 25) or set THEATER_JAVA_HOME to its folder." >&2
  exit 1
}
export JAVA_HOME
