#!/bin/sh
# OpenBLAS (with and without OPENBLAS_CORETYPE) against BLIS with reference
# LAPACK on the Monte Carlo's four kernels, one thread each. Needs Debian's
# libopenblas-dev, libblis-dev and liblapack-dev. Prints JSON lines.
set -e
cd "$(dirname "$0")"
out=${TMPDIR:-/tmp}/scaling-laws-blas-$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
lib=/usr/lib/x86_64-linux-gnu
cc -O2 kernels.c -o "$out/openblas" -L$lib/openblas-pthread -Wl,-rpath,$lib/openblas-pthread -lopenblas
cc -O2 kernels.c -o "$out/blis" $lib/lapack/liblapack.so.3 $lib/blis-openmp/libblis.so.4 -Wl,-rpath,$lib/blis-openmp
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 BLIS_NUM_THREADS=1
core=$(OPENBLAS_VERBOSE=2 "$out/openblas" x 2>&1 >/dev/null | sed -n 's/^Core: //p')
"$out/openblas" "OpenBLAS 0.3.21, kernel ${core:-auto}"
for kernel in Haswell Sandybridge; do
    OPENBLAS_CORETYPE=$kernel "$out/openblas" "OpenBLAS 0.3.21, OPENBLAS_CORETYPE=$kernel"
done
LD_LIBRARY_PATH=$lib/blis-openmp "$out/blis" "BLIS 0.9.0 + reference LAPACK 3.11"
