"""`make test-wheel`: the wheel of `make wheel` as a user gets it.

Prints the wheel's size; `auditwheel show` must name a manylinux platform;
then a fresh venv (in a temporary directory, removed afterwards) gets the
wheel with `pip install`, and a Python whose PATH has no `swift` (and no
LD_LIBRARY_PATH or PYTHONPATH) imports scaling_laws, checks one prediction
against a Docs/Theory.md section 7 reference value and runs one simulation. `ldd` of
the installed library must resolve everything past the C and C++ runtimes
inside the installed package (no GSL or OpenBLAS from the system), and
prints what the wheel holds, largest first.

Usage: python3 python/tools/check_wheel.py DIST_DIRECTORY
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

# The libraries manylinux lets a wheel take from the system (auditwheel's policy whitelist:
# the C and C++ runtimes, and zlib, which every glibc system has).
SYSTEM = ("linux-vdso", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "ld-linux", "libstdc++.so",
          "libgcc_s.so", "libz.so")

SCRIPT = r"""
import shutil, sys
assert shutil.which("swift") is None, "swift on PATH"
import numpy as np
import scaling_laws as sl
print("scaling_laws", sl.__version__, "from", sl.__file__)
assert sl.__version__[0].isdigit(), sl.__version__
r = sl.predict(alpha=1, M=1000, N=100, P=400)
assert abs(float(r.loss) / 1.4932651045e-05 - 1) < 1e-8, r.loss
s = sl.simulate(alpha=1, M=200, N=40, P=120, gamma=1e-3, trials=16, seed=3)
z = float((s.mean - s.theory) / s.standard_error)
assert abs(z) < 4, z
print("predict loss %.10e; simulate mean %.4e +- %.1e, theory %.4e (z = %.2f)"
      % (r.loss, s.mean, s.standard_error, s.theory, z))
# LAPACK through the bundled LAPACKE: the data set's eigendecomposition against NumPy's.
rng = np.random.default_rng(1)
x = rng.standard_normal((300, 12)) * np.arange(1, 13) ** -0.5
d = sl.dataset(x, x @ rng.standard_normal(12))
c = np.cov(x.T, bias=True)
assert np.allclose(d.spectrum, np.linalg.eigvalsh(c)[::-1], rtol=1e-10), d.spectrum
print("dataset spectrum equals numpy's eigvalsh; gradient flow L(1) = %.4e"
      % sl.predict(alpha=1, M=400, N=100, P=300, time=1).loss)
print(sl._library.lib._name)
"""


def run(arguments, **options):
    print("+", " ".join(arguments), flush=True)
    return subprocess.run(arguments, check=True, text=True, **options)


def main(dist):
    wheels = sorted(glob.glob(os.path.join(dist, "scaling_laws-*-manylinux*.whl")))
    if len(wheels) != 1:
        sys.exit("expected one manylinux wheel in %s, found %s" % (dist, wheels))
    wheel = os.path.abspath(wheels[0])
    print("wheel: %s, %.1f MB" % (os.path.basename(wheel), os.path.getsize(wheel) / 1e6), flush=True)
    with zipfile.ZipFile(wheel) as archive:
        for entry in sorted(archive.infolist(), key=lambda e: -e.compress_size)[:12]:
            print("  %-58s %6.1f MB (%.1f MB compressed)" % (entry.filename, entry.file_size / 1e6,
                                                           entry.compress_size / 1e6))
    shown = run([sys.executable, "-m", "auditwheel", "show", wheel], capture_output=True).stdout
    print(shown.strip())
    if "manylinux" not in shown:
        sys.exit("auditwheel show names no manylinux platform")

    scratch = tempfile.mkdtemp(prefix="scaling-laws-wheel-")
    try:
        venv = os.path.join(scratch, "venv")
        run([sys.executable, "-m", "venv", venv])
        python = os.path.join(venv, "bin", "python")
        # Only the venv and the base system directories: no toolchain, no pyenv shims.
        path = os.pathsep.join([os.path.join(venv, "bin"), "/usr/bin", "/bin"])
        if shutil.which("swift", path=path):
            sys.exit("swift is in /usr/bin or /bin; cannot test without the toolchain on PATH")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LD_LIBRARY_PATH", "PYTHONHOME")}
        env["PATH"] = path
        run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel], env=env)
        output = run([python, "-c", SCRIPT], env=env, cwd=scratch, capture_output=True).stdout
        print(output.strip())
        library = output.strip().splitlines()[-1]
        if not library.startswith(venv):
            sys.exit("the library was not loaded from the venv: %s" % library)
        ldd = run(["ldd", library], capture_output=True).stdout
        package = os.path.dirname(os.path.dirname(library))
        for line in ldd.splitlines():
            name = os.path.basename(line.split()[0])
            if name.startswith(SYSTEM):
                continue
            resolved = line.split("=>")[-1].split("(")[0].strip()
            if "not found" in line or not os.path.realpath(resolved).startswith(os.path.realpath(package)):
                sys.exit("%s is not resolved inside the installed package: %s" % (name, line.strip()))
        print("ldd: every library past the C/C++ runtimes resolves inside %s" % package)
    finally:
        shutil.rmtree(scratch)
    print("wheel check passed")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist")
