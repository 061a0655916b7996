/* The four dense kernels of the Monte Carlo (dgemm, dsyrk, dpotrf, dsyevd),
 * timed through the Fortran BLAS/LAPACK interface so that one source runs
 * against any library (Benchmarks/blas/compare.sh links it to OpenBLAS and
 * to BLIS with reference LAPACK). Best of 5 runs, one thread, sizes of a
 * trial at N = P = 400, M = 2000, timed in thread CPU time (one thread, so
 * equal to the wall time on an idle machine). Prints one JSON object per kernel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void dgemm_(const char *, const char *, const int *, const int *, const int *, const double *, const double *,
            const int *, const double *, const int *, const double *, double *, const int *);
void dsyrk_(const char *, const char *, const int *, const int *, const double *, const double *, const int *,
            const double *, double *, const int *);
void dpotrf_(const char *, const int *, double *, const int *, int *);
void dsyevd_(const char *, const char *, const int *, double *, const int *, double *, double *, const int *,
             int *, const int *, int *);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);  /* CPU time of this thread: fair on a loaded machine */
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static unsigned long long state = 12345;
static double uniform(void) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(state >> 11) / 9007199254740992.0 - 0.5;
}

int main(int argc, char **argv) {
    const char *label = argc > 1 ? argv[1] : "blas";
    const int n = 400, m = 2000, repeats = 5;
    double *u = malloc(sizeof(double) * n * m), *x = malloc(sizeof(double) * m * n);
    double *c = malloc(sizeof(double) * n * n), *s = malloc(sizeof(double) * n * n), *w = malloc(sizeof(double) * n);
    for (int i = 0; i < n * m; i++) { u[i] = uniform(); x[i] = uniform(); }
    const double one = 1, zero = 0;
    double best[4] = {1e30, 1e30, 1e30, 1e30}, check[4] = {0, 0, 0, 0};
    int lwork = 1 + 6 * n + 2 * n * n, liwork = 3 + 5 * n, info = 0;
    double *work = malloc(sizeof(double) * lwork);
    int *iwork = malloc(sizeof(int) * liwork);
    for (int r = 0; r < repeats; r++) {
        double t = now();
        dgemm_("N", "N", &n, &n, &m, &one, u, &n, x, &m, &zero, c, &n);  /* Phi = U X */
        double t1 = now();
        dsyrk_("L", "N", &n, &m, &one, u, &n, &zero, s, &n);            /* U U^T */
        double t2 = now();
        for (int i = 0; i < n; i++) s[i + i * n] += m;                  /* well conditioned */
        memcpy(c, s, sizeof(double) * n * n);
        double t3 = now();
        dpotrf_("L", &n, c, &n, &info);
        double t4 = now();
        if (info != 0) { fprintf(stderr, "dpotrf info %d\n", info); return 1; }
        dsyevd_("V", "L", &n, s, &n, w, work, &lwork, iwork, &liwork, &info);
        double t5 = now();
        if (info != 0) { fprintf(stderr, "dsyevd info %d\n", info); return 1; }
        double times[4] = {t1 - t, t2 - t1, t4 - t3, t5 - t4};
        for (int k = 0; k < 4; k++) if (times[k] < best[k]) best[k] = times[k];
        check[0] = c[0]; check[3] = w[n - 1];
    }
    const char *names[4] = {"dgemm", "dsyrk", "dpotrf", "dsyevd"};
    double flops[4] = {2.0 * n * n * m, 1.0 * n * n * m, n * (double)n * n / 3, 9.0 * n * (double)n * n};
    for (int k = 0; k < 4; k++)
        printf("{\"library\": \"%s\", \"kernel\": \"%s\", \"seconds\": %.6f, \"gflops\": %.2f}\n", label, names[k], best[k],
               flops[k] / best[k] / 1e9);
    (void)check;
    return 0;
}
