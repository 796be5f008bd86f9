#!/usr/bin/env bash
# Builds the Debian package from a finished build, unpacks it into an empty folder and checks
# that what a user gets works: the files a desktop needs, valid metadata, the declared Qt
# dependencies, the installed dashboard starting, and the installed binary answering --version,
# --help and `summary` like the build-tree binary does.
#   check-deb.sh CPACK BUILD_DIR BUILD_TREE_NIGHTWATT SAMPLE_LOG VERSION
set -euo pipefail
cpack=$1 build_dir=$2 built_binary=$3 sample=$4 version=$5
app_id=io.github.nightwatt.Nightwatt

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

if ! "$cpack" -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  fail "cpack -G DEB failed"
fi
deb=$(find "$work/out" -maxdepth 1 -name '*.deb' -print -quit)
[ -n "$deb" ] || fail "cpack wrote no .deb"
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

control=$(dpkg-deb --field "$deb" Package Version Depends)
echo "$control"
grep -qx "Package: nightwatt" <<<"$control" || fail "package name"
grep -qx "Version: $version" <<<"$control" || fail "package version is not $version"
# The package names in Depends, one a line, without versions (alternatives count too).
declared=$(sed -n 's/^Depends: //p' <<<"$control" | tr ',|' '\n\n' | sed 's/^ *//; s/[ (].*//')
depends() { grep -qx "$1" <<<"$declared" || fail "Depends does not name $1 ($2)"; }
# Every Qt library the binary and its modules link (the executable QtCore only; the dashboard's
# module Widgets, Charts and Svg, the command-line module Sql and Network) must be declared.
modules=("$(dirname "$built_binary")"/libnightwatt_*.so)
[ "${#modules[@]}" -eq 2 ] && [ -f "${modules[0]}" ] || fail "the build has not the two modules beside $built_binary"
for elf in "$built_binary" "${modules[@]}"; do
  qt_libraries=$(readelf -d "$elf" | sed -n 's/.*(NEEDED).*\[\(libQt6[^]]*\)\]/\1/p')
  [ -n "$qt_libraries" ] || fail "$elf links no Qt library"
  for library in $qt_libraries; do
    path=$(ldd "$elf" | awk -v lib="$library" '$1 == lib {print $3}')
    package=$(dpkg -S "$(readlink -f "$path")" | head -n1 | cut -d: -f1)
    depends "$package" "$library"
  done
done

# Qt loads plugins at run time, which no NEEDED entry names; these two are declared on purpose
# (the run library's SQLite driver, platform plugins), and every plugin a run below loads must
# come from a declared package too.
depends libqt6sql6-sqlite "the run library's SQLite driver, loaded as a Qt plugin"
depends qt6-qpa-plugins "Qt platform plugins"

root="$work/root"
dpkg-deb -x "$deb" "$root"
for file in usr/bin/nightwatt usr/lib/nightwatt/libnightwatt_gui.so usr/lib/nightwatt/libnightwatt_cli.so \
            "usr/share/applications/$app_id.desktop" \
            "usr/share/metainfo/$app_id.metainfo.xml" \
            "usr/share/icons/hicolor/scalable/apps/$app_id.svg"; do
  [ -f "$root/$file" ] || fail "the package lacks /$file"
done
[ -x "$root/usr/bin/nightwatt" ] || fail "/usr/bin/nightwatt is not executable"
grep -qx "Icon=$app_id" "$root/usr/share/applications/$app_id.desktop" || fail "desktop entry names another icon"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" \
  || fail "metainfo has no release $version"
desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net --explain "$root/usr/share/metainfo/$app_id.metainfo.xml" >"$work/appstream.log" \
  || { cat "$work/appstream.log" >&2; fail "appstreamcli validate"; }

installed="$root/usr/bin/nightwatt"
[ "$("$installed" --version)" = "nightwatt $version" ] || fail "installed --version says '$("$installed" --version)'"

# --help is generated from the command table: every command it lists must answer its own --help.
"$installed" --help >"$work/help.txt"
commands=$(sed -n 's/^  nightwatt \([a-z][a-z0-9-]*\).*/\1/p' "$work/help.txt" | sort -u)
[ -n "$commands" ] || fail "--help lists no commands"
for command in $commands; do
  "$installed" "$command" --help >/dev/null || fail "nightwatt $command --help"
done
echo "commands in --help: $(echo $commands)"

# The dashboard itself: still running after 3 s (timeout's 124) means it started and opened the
# log; a missing library or plugin would have ended it with an error.
# LD_DEBUG=files notes every library the dynamic loader opens, dlopen()ed plugins included, in
# one file per process under $work/loaded.
export NIGHTWATT_LIBRARY="$work/library.sqlite"
rc=0
QT_QPA_PLATFORM=offscreen LD_DEBUG=files LD_DEBUG_OUTPUT="$work/loaded" timeout 3 "$installed" "$sample" >"$work/gui.log" 2>&1 || rc=$?
[ "$rc" -eq 124 ] || { cat "$work/gui.log" >&2; fail "installed dashboard exited with $rc within 3 s"; }
LD_DEBUG=files LD_DEBUG_OUTPUT="$work/loaded" "$installed" import "$sample" >"$work/import.log" 2>&1 \
  || { cat "$work/import.log" >&2; fail "installed nightwatt import"; }
QT_QPA_PLATFORM=offscreen LD_DEBUG=files LD_DEBUG_OUTPUT="$work/loaded" "$installed" export "$sample" --png "$work/export.png" \
  >"$work/export.log" 2>&1 || { cat "$work/export.log" >&2; fail "installed nightwatt export"; }
# The loader also tries names it does not find (hardware-capability variants): only files that
# exist count.
plugins=$(cat "$work"/loaded.* | sed -n 's|.*file=\(/[^ ]*/qt6/plugins/[^ ]*\) .*dynamically loaded.*|\1|p' | sort -u)
grep -q "/sqldrivers/libqsqlite" <<<"$plugins" || fail "import did not load the Qt SQLite driver"
grep -q "/platforms/" <<<"$plugins" || fail "the dashboard loaded no platform plugin"
for plugin in $plugins; do
  [ -f "$plugin" ] || continue
  package=$(dpkg -S "$(readlink -f "$plugin")" | head -n1 | cut -d: -f1)
  depends "$package" "$plugin is loaded at run time"
done
echo "plugins loaded: $(for p in $plugins; do [ -f "$p" ] && basename "$p"; done | sort -u | tr '\n' ' ')"

"$installed" summary "$sample" >"$work/installed-summary.txt" || fail "installed nightwatt summary exited $?"
"$built_binary" summary "$sample" >"$work/built-summary.txt"
[ -s "$work/installed-summary.txt" ] || fail "summary printed nothing"
diff -u "$work/built-summary.txt" "$work/installed-summary.txt" || fail "installed and built summaries differ"
echo "installed nightwatt summary:"
cat "$work/installed-summary.txt"
