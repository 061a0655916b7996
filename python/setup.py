"""Packages libScalingLawsC.so (the Swift package's C library) inside the
scaling_laws package.

Two routes:
- `pip install ./python` (the developer route) runs
  `swift build -c release --product ScalingLawsC` in the checkout; it needs
  the Swift toolchain and the Debian -dev packages of `make deps`.
- `make wheel` sets SCALING_LAWS_LIBRARY to the already built library and
  builds a wheel from it without running swift; `auditwheel repair` then
  copies the shared libraries it needs (GSL, OpenBLAS, LAPACKE, gfortran)
  into the wheel, which installs and runs with Python and NumPy alone.

The version is the package's one version, read from the Swift source
(`ScalingLawsVersion.current`), the string `scaling-laws --version` prints.
"""
import os
import re
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # setuptools >= 70 ships its own
    try:
        from setuptools.command.bdist_wheel import bdist_wheel
    except ImportError:
        bdist_wheel = None

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIBRARY = "libScalingLawsC.so"


def package_version():
    """`static let current = "X.Y.Z"` of `enum ScalingLawsVersion` in Sources/."""
    pattern = re.compile(r'enum ScalingLawsVersion\s*\{[^}]*?static let current\s*=\s*"([^"]+)"', re.S)
    for directory, _, files in os.walk(os.path.join(ROOT, "Sources")):
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(directory, name), encoding="utf-8") as source:
                    found = pattern.search(source.read())
                if found:
                    return found.group(1)
    raise RuntimeError("ScalingLawsVersion.current not found under %s/Sources: build from the ScalingLaws checkout"
                       % ROOT)


def built_library():
    """The library to package: $SCALING_LAWS_LIBRARY as built, or a fresh `swift build`."""
    given = os.environ.get("SCALING_LAWS_LIBRARY")
    if given:
        if not os.path.exists(given):
            raise RuntimeError("SCALING_LAWS_LIBRARY=%s does not exist" % given)
        return given
    if not os.path.exists(os.path.join(ROOT, "Package.swift")):
        raise RuntimeError("scaling_laws must be built from the ScalingLaws checkout (Package.swift not found in %s)"
                           % ROOT)
    swift = os.environ.get("SWIFT", "swift")
    subprocess.check_call([swift, "build", "-c", "release", "--product", "ScalingLawsC"], cwd=ROOT)
    bin_path = subprocess.check_output([swift, "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                       text=True).strip()
    return os.path.join(bin_path, LIBRARY)


class BuildWithLibrary(build_py):
    def run(self):
        library = built_library()
        super().run()
        target = os.path.join(self.build_lib, "scaling_laws")
        os.makedirs(target, exist_ok=True)
        shutil.copy2(library, os.path.join(target, LIBRARY))


class BinaryDistribution(Distribution):
    """A platform wheel: it carries a shared library."""

    def has_ext_modules(self):
        return True


commands = {"build_py": BuildWithLibrary}
if bdist_wheel is not None:
    class PlatformWheel(bdist_wheel):
        """py3-none-PLATFORM: the library is loaded with ctypes, so the wheel
        fits every Python 3 on the platform (no CPython ABI involved)."""

        def finalize_options(self):
            super().finalize_options()
            self.root_is_pure = False

        def get_tag(self):
            _, _, platform = super().get_tag()
            return "py3", "none", platform

    commands["bdist_wheel"] = PlatformWheel

if __name__ == "__main__":  # pip's build backend runs this file as __main__; tests import package_version
    setup(version=package_version(), cmdclass=commands, distclass=BinaryDistribution)
