#!/bin/sh
# Copies of Debian's liblapacke.so.3 and libtmglib.so.3 into DIR that take
# LAPACK and BLAS from libopenblas.so.0 (which exports all of both) instead of
# OpenBLAS's separate liblapack.so.3 and libblas.so.3: with DIR first on
# LD_LIBRARY_PATH, `auditwheel repair` bundles OpenBLAS once, and the wheel is
# 3.6 MB smaller. Every symbol the copies leave undefined is checked to be
# defined by libopenblas.so.0, libtmglib.so.3 or the C/Fortran runtimes.
# Usage: python/tools/lapack_on_openblas.sh DIR   (needs patchelf on PATH)
set -eu
dir=$1
mkdir -p "$dir"
library() { ldconfig -p | awk -v name="$1" '$1 == name && /x86-64/ { print $NF; exit }'; }
openblas=$(library libopenblas.so.0)
for name in liblapacke.so.3 libtmglib.so.3; do
    cp -L "$(library $name)" "$dir/$name"
    chmod u+w "$dir/$name"
    patchelf --replace-needed liblapack.so.3 libopenblas.so.0 --remove-needed libblas.so.3 "$dir/$name"
done
defined=$(mktemp)
nm -D --defined-only "$openblas" "$dir/libtmglib.so.3" | awk 'NF == 3 { print $3 }' | sort -u > "$defined"
missing=$(nm -D --undefined-only "$dir/liblapacke.so.3" "$dir/libtmglib.so.3" | awk 'NF == 2 { print $2 }' \
          | grep -v '@' | grep -v '^_' | sort -u | comm -23 - "$defined")
rm -f "$defined"
if [ -n "$missing" ]; then
    echo "lapack_on_openblas: libopenblas.so.0 does not define: $missing" >&2
    exit 1
fi
echo "lapack_on_openblas: $dir/liblapacke.so.3 and libtmglib.so.3 take LAPACK and BLAS from $openblas"
