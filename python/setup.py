"""Builds the Swift C library (product ScalingLawsC of the package one level
up) with `swift build -c release` and installs libScalingLawsC.so inside the
scaling_laws package. Needs the Swift toolchain and the Debian packages of
`make deps` (GSL, OpenBLAS, LAPACKE) at build time; the installed .so carries
the Swift runtime (linked statically) and needs only those C libraries.
"""
import os
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIBRARY = "libScalingLawsC.so"


class BuildWithSwift(build_py):
    def run(self):
        if not os.path.exists(os.path.join(ROOT, "Package.swift")):
            raise RuntimeError("scaling_laws must be built from the ScalingLaws checkout (Package.swift not found in %s)"
                               % ROOT)
        swift = os.environ.get("SWIFT", "swift")
        subprocess.check_call([swift, "build", "-c", "release", "--product", "ScalingLawsC"], cwd=ROOT)
        bin_path = subprocess.check_output([swift, "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                           text=True).strip()
        super().run()
        target = os.path.join(self.build_lib, "scaling_laws")
        os.makedirs(target, exist_ok=True)
        shutil.copy2(os.path.join(bin_path, LIBRARY), os.path.join(target, LIBRARY))


class BinaryDistribution(Distribution):
    """A platform wheel: it carries a shared library."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithSwift}, distclass=BinaryDistribution)
