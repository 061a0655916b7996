// CBLAS and LAPACKE from Debian's OpenBLAS and LAPACKE packages.
#ifndef SCALINGLAWS_COPENBLAS_SHIM_H
#define SCALINGLAWS_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
