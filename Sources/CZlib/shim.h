// zlib from Debian's zlib1g-dev: gzopen/gzread read gzip files and, transparently, plain ones.
#ifndef SCALINGLAWS_CZLIB_SHIM_H
#define SCALINGLAWS_CZLIB_SHIM_H
#include <zlib.h>
#endif
