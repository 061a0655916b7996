"""`pip install ./python` builds the Swift library and installs it inside the
package: the installed copy imports and works from anywhere, with no
environment variable (checked in a scratch --target directory)."""
import os
import subprocess
import sys

from conftest import ROOT


def test_pip_install_builds_and_ships_the_library(tmp_path):
    try:
        import setuptools  # noqa: F401
        import wheel  # noqa: F401
        isolation = ["--no-build-isolation"]  # build with what is installed, offline
    except ImportError:
        isolation = []  # pip fetches setuptools and wheel into an isolated build environment
    target = tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *isolation,
                            "--target", str(target), os.path.join(ROOT, "python")], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (target / "scaling_laws" / "libScalingLawsC.so").exists()
    code = ("import scaling_laws as sl; assert sl._library.lib._name.startswith(%r); "
            "print(float(sl.predict(alpha=1, M=1000, N=100, P=400).loss))" % str(target))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = str(target)
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True, capture_output=True,
                         text=True).stdout
    assert abs(float(out) / 1.4932651045e-05 - 1) < 1e-8
    ldd = subprocess.run(["ldd", str(target / "scaling_laws" / "libScalingLawsC.so")], capture_output=True, text=True)
    assert "libswift" not in ldd.stdout
