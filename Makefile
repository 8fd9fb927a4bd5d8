# Two entry points for a fresh machine: `make serve` and `make test`.
# Each builds its own virtual environment (.venv) from pyproject.toml first.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test lint fmt bench install system-test-deps

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

serve: $(VENV)/.installed
	$(VENV)/bin/tifa serve --host $(HOST) --port $(PORT)

# The browser tests drive Debian's chromium; its CJK fonts make the screenshots legible. The load test
# (tests/bench, bench/bench_load.py) drives Debian's wrk. Install what is
# missing (root on CI, sudo elsewhere).
SYSTEM_TEST_PACKAGES = chromium fonts-noto-cjk wrk
system-test-deps:
	@missing=""; for p in $(SYSTEM_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

test: $(VENV)/.installed system-test-deps
	$(VENV)/bin/ruff check api tests bench
	$(VENV)/bin/tifa fmt --check
	$(VENV)/bin/pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check api tests bench

fmt: $(VENV)/.installed
	$(VENV)/bin/tifa fmt

bench: $(VENV)/.installed
	$(PY) -m bench.run_all
