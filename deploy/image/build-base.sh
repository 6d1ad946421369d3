#!/usr/bin/env bash
# The root filesystem every FxBank image starts from, built from what this machine can reach — no registry:
#   /opt/java      a jlink runtime of the build's own JDK (only the modules the services use; no debug symbols)
#   /lib, /usr     glibc and libgcc from Debian's packages (apt-get download: the archive
#                  this machine's apt is pointed at; their versions are written to /etc/fxbank-base.txt)
#   /etc/passwd    the unprivileged user the services run as (10001), /tmp writable by all
# Usage: build-base.sh JAVA_HOME OUTPUT_DIR. Done once: a second call with the same JDK finds OUTPUT_DIR complete.
# A bank with a base image of its own (a hardened distroless or UBI image with a JDK 21+) builds on it instead:
# -Dimage.from, -Dimage.java, -Dimage.extra and -Dexec.skip (docs/deployment.md).
set -euo pipefail
java_home=$1
out=$2
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.transaction.xa,java.xml,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,\
jdk.unsupported,jdk.zipfs
packages=(libc6 libgcc-s1)
stamp="$("$java_home/bin/java" -version 2>&1 | head -1) | $modules | ${packages[*]}"
if [ -f "$out/.complete" ] && [ "$(cat "$out/.complete")" = "$stamp" ]; then
  echo "image base: $out is complete"
  exit 0
fi
rm -rf "$out" "$out.debs"
mkdir -p "$out" "$out.debs"
rootfs="$out/rootfs"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$rootfs/opt/java"
(
  cd "$out.debs"
  if ! apt-get download "${packages[@]}" >/dev/null 2>&1; then
    apt-get update -qq && apt-get download "${packages[@]}"
  fi
)
: > "$out/packages.txt"
for deb in "$out.debs"/*.deb; do
  dpkg-deb -x "$deb" "$rootfs"
  dpkg-deb -f "$deb" Package Version | paste -sd' ' >> "$out/packages.txt"
done
rm -rf "$out.debs" "$rootfs/usr/share/doc" "$rootfs/usr/share/man" "$rootfs/usr/share/lintian" "$rootfs/usr/share/locale"
mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/proc" "$rootfs/dev"
chmod 1777 "$rootfs/tmp"
echo "root:x:0:0:root:/root:/sbin/nologin" > "$rootfs/etc/passwd"
echo "fxbank:x:10001:10001:FxBank:/tmp:/sbin/nologin" >> "$rootfs/etc/passwd"
printf 'root:x:0:\nfxbank:x:10001:\n' > "$rootfs/etc/group"
# Time: the JVM has its own zone database; TZ=UTC is the images' environment.
{ echo "java: $("$java_home/bin/java" -version 2>&1 | head -2 | tail -1)"; echo "modules: $modules"; cat "$out/packages.txt"; } \
  > "$rootfs/etc/fxbank-base.txt"
echo "$stamp" > "$out/.complete"
echo "image base: $(du -sh "$rootfs" | cut -f1) in $rootfs"
