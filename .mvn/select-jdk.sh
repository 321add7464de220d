# Sourced by ./mvnw and ./pqflux (POSIX sh): exports JAVA_HOME pointing at a JDK >= 25.
# Order: JAVA_HOME if it is >= 25, else the newest JDK >= 25 under /usr/lib/jvm.
pqflux_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
pqflux_select_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(pqflux_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
  fi
  best_home=""; best_major=0
  # callers may run with globbing off (mvnw uses set -f)
  set +f
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(pqflux_java_major "$home")
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best_home=$home; best_major=$major
    fi
  done
  if [ -z "$best_home" ]; then
    echo "pqflux needs a JDK >= 25: JAVA_HOME is not one and none was found under /usr/lib/jvm." >&2
    echo "Install one (e.g. the temurin-25-jdk Debian package) or point JAVA_HOME at it." >&2
    return 1
  fi
  JAVA_HOME=$best_home
  export JAVA_HOME
}
pqflux_select_jdk || exit 1
