# ScalingLaws: build, test and demo on a Debian machine with the Swift toolchain.
# `make deps` installs the C libraries (GSL, OpenBLAS, LAPACKE) only when missing.

SWIFT ?= swift
CONFIG ?= release
DEBIAN_PACKAGES := libgsl-dev libopenblas-dev liblapacke-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build test demo bench bench-quick clean schemas

deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps
	$(SWIFT) build -c $(CONFIG) --build-tests
	$(SWIFT) test -c $(CONFIG) --skip-build --disable-swift-testing

demo: build
	$(SWIFT) run -c $(CONFIG) --skip-build scaling-laws demo --force

# Docs/schemas/COMMAND.schema.json from the output model (CLITests check them against real outputs).
SCHEMA_COMMANDS := predict simulate spectrum exponents optimal-ridge compute-optimal sweep compare
schemas: build
	@mkdir -p Docs/schemas
	@for c in $(SCHEMA_COMMANDS); do .build/$(CONFIG)/scaling-laws schema $$c > Docs/schemas/$$c.schema.json; done

clean:
	rm -rf .build scaling-laws-output

bench: deps
	@python3 -c "import numpy, scipy" 2>/dev/null || python3 -m pip install --quiet numpy scipy
	$(SWIFT) build -c $(CONFIG) --product scaling-laws-bench
	$(SWIFT) run -c $(CONFIG) --skip-build scaling-laws-bench $(BENCH_FLAGS)

bench-quick:
	$(MAKE) bench BENCH_FLAGS=--quick
