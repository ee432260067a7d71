#!/usr/bin/env bash
# LDAP login benchmark of issue 4, one run on this machine: login latency through the LDAP
# search-then-bind provider vs a raw LDAP bind (connect, bind, close) of the same user from the
# same JVM, as a ratio (target <= 1.5), and logins/s with 8 concurrent clients. The LDAP server is
# UnboundID's in-memory directory in the same JVM, over TCP on 127.0.0.1
# (bench/src/main/java/cores/bench/LdapLogin.java).
# Needs: `cd bench && mvn -B -DskipTests package` (after installing bundles/ldap-common and
# bundles/auth-ldap). Usage: bench/ldap.sh [iterations] [seconds]   (default 3000 10)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec java -Xms256m -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$here/target/classes:$here/target/lib/*" cores.bench.LdapLogin "${1:-3000}" "${2:-10}"
