# ScalingLaws: build, test and demo on a Debian machine with the Swift toolchain.
# `make deps` installs the C libraries (GSL, OpenBLAS, LAPACKE, OpenMPI) only when missing.

SWIFT ?= swift
CONFIG ?= release
DEBIAN_PACKAGES := libgsl-dev libopenblas-dev liblapacke-dev zlib1g-dev pkg-config libopenmpi-dev openmpi-bin dataset-fashion-mnist
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTHON ?= python3
# The C compiler for the C interface's test program: cc, else the toolchain's clang.
CC := $(shell command -v cc || command -v clang)

.PHONY: deps build test test-c test-python test-slurm check-layers demo bench bench-quick clean schemas

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
	$(MAKE) test-c test-slurm test-python

# Imports point down the module layers of scripts/layers.txt (README.md, "Module graph"),
# and the check fails on planted wrong-way imports.
check-layers:
	$(PYTHON) scripts/check_layers.py
	$(PYTHON) scripts/test_check_layers.py

# The C interface from C: Docs/Theory.md section 7 and the error paths; the .so needs no libswift*.
test-c: deps
	$(SWIFT) build -c $(CONFIG) --product ScalingLawsC
	$(CC) -std=c11 -Wall -Wextra -Werror -I Sources/ScalingLawsC/include Tests/CInterface/check_reference.c \
	  -L .build/$(CONFIG) -lScalingLawsC -Wl,-rpath,'$$ORIGIN' -lm -o .build/$(CONFIG)/check_reference
	.build/$(CONFIG)/check_reference
	@! ldd .build/$(CONFIG)/libScalingLawsC.so | grep libswift || { echo "libScalingLawsC.so needs libswift*"; exit 1; }
	@echo "ldd libScalingLawsC.so: no libswift* (Swift runtime linked statically)"

# The Python package (python/) against the library and the CLI of this checkout.
test-python: deps
	$(SWIFT) build -c $(CONFIG) --product ScalingLawsC
	$(SWIFT) build -c $(CONFIG) --product scaling-laws
	CONFIG=$(CONFIG) $(PYTHON) -m pytest -q python/tests

# Docs/slurm/*.sh on a single-node Slurm started here (Debian's slurm-wlm and
# munge; `make deps` does not install them): skipped, saying so, without them.
test-slurm:
	$(SWIFT) build -c $(CONFIG) --product scaling-laws
	$(SWIFT) build -c $(CONFIG) --product scaling-laws-mpi
	CONFIG=$(CONFIG) bash Tests/Slurm/test-slurm.sh

demo: build
	$(SWIFT) run -c $(CONFIG) --skip-build scaling-laws demo --force

# Docs/schemas/COMMAND.schema.json from the output model, and map dataset shard.schema.json (CLITests check them against real outputs).
SCHEMA_COMMANDS := predict simulate spectrum exponents optimal-ridge compute-optimal sweep compare map dataset shard
schemas: build
	@mkdir -p Docs/schemas
	@for c in $(SCHEMA_COMMANDS); do .build/$(CONFIG)/scaling-laws schema $$c > Docs/schemas/$$c.schema.json; done

clean:
	rm -rf .build scaling-laws-output

bench: deps
	@python3 -c "import numpy, scipy" 2>/dev/null || python3 -m pip install --quiet numpy scipy
	$(SWIFT) build -c $(CONFIG) --product scaling-laws-bench
	$(SWIFT) build -c $(CONFIG) --product scaling-laws
	$(SWIFT) build -c $(CONFIG) --product scaling-laws-mpi
	$(SWIFT) run -c $(CONFIG) --skip-build scaling-laws-bench $(BENCH_FLAGS)

bench-quick:
	$(MAKE) bench BENCH_FLAGS=--quick
