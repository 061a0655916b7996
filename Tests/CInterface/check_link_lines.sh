#!/bin/sh
# The README's C example, built with the README's link line alone and with the
# pkg-config line against `make install-c` into a temporary PREFIX; each
# program must run with LD_LIBRARY_PATH unset. Run by `make test-c` from the
# repository root.
set -eu
CC=${CC:-cc}
CONFIG=${CONFIG:-release}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The first C block of the README is the example program.
awk '/^```c$/ {inside = 1; next} inside && /^```$/ {exit} inside {print}' README.md > "$tmp/example.c"
[ -s "$tmp/example.c" ] || { echo "README.md: no C example found"; exit 1; }

# The README's link line, with the example and the program in the temporary folder.
line=$(grep -m1 '^cc example.c -I Sources/ScalingLawsC/include' README.md) || { echo "README.md: no link line"; exit 1; }
if [ "$CONFIG" = release ]; then
    cmd=$(printf '%s\n' "$line" | sed -e "s|^cc example.c|$CC $tmp/example.c|" -e "s|-o example\$|-o $tmp/example|")
    echo "README link line: $line"
    sh -c "$cmd"
    env -u LD_LIBRARY_PATH "$tmp/example" | grep '^<L> = ' || { echo "the README's program did not run"; exit 1; }
else
    echo "README link line: skipped (it links .build/release; CONFIG=$CONFIG)"
fi

# Installed: the library, header and scaling-laws.pc under a temporary PREFIX.
make --no-print-directory install-c PREFIX="$tmp/prefix" CONFIG="$CONFIG" > "$tmp/install.log"
pcline=$(grep -o -m1 'cc example.c $(pkg-config --cflags --libs scaling-laws) -o example' README.md) ||
    { echo "README.md: no pkg-config line"; exit 1; }
echo "pkg-config line: $pcline"
flags=$(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs scaling-laws)
$CC "$tmp/example.c" $flags -o "$tmp/example-installed"
readelf -d "$tmp/prefix/lib/libScalingLawsC.so.1" | grep -q 'SONAME.*libScalingLawsC.so.1' ||
    { echo "installed library lacks SONAME libScalingLawsC.so.1"; exit 1; }
env -u LD_LIBRARY_PATH "$tmp/example-installed" | grep '^<L> = ' || { echo "the pkg-config program did not run"; exit 1; }
echo "installed: $(ls "$tmp/prefix/lib" | tr '\n' ' ')($(stat -L -c %s "$tmp/prefix/lib/libScalingLawsC.so") bytes stripped)"
