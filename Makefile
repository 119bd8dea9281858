# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench bench-scale fuzz package translations clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Testimonia needs Python 3.11 or newer"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

run: $(STAMP)
	$(PY) -m testimonia --sample

test: $(STAMP)
	$(PY) -m ruff check desktop tests bench packaging
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(PY) -m ruff check desktop tests bench packaging

# Installed copies start from compiled bytecode (wheels and the bundle ship it); an editable
# install only has it once a run could write it, which PYTHONDONTWRITEBYTECODE=1 prevents.
bench: $(STAMP)
	$(PY) -m compileall -q desktop >/dev/null
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

# The scale benchmark alone at 1k/10k/30k documents (an hour on a busy 2-core machine today);
# generated projects are cached under ~/.cache/testimonia-bench (see bench/scale_project.py).
bench-scale: $(STAMP)
	$(PY) -m compileall -q desktop >/dev/null
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_scale.py --sizes full

# Every fuzz target for FUZZ_SECONDS each (default 5 minutes); the corpora under build/fuzz grow
# from run to run, and crashing inputs are saved in build/fuzz/artifacts. The test suite runs
# each target for a few seconds (tests/test_fuzz.py).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= txt html docx pdf w3c qdpx project
fuzz: $(STAMP)
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $$t for $(FUZZ_SECONDS) s"; \
		$(PY) -m tests.fuzz.run $$t --deep --seconds $(FUZZ_SECONDS) --corpus build/fuzz/corpus/$$t \
			--artifacts build/fuzz/artifacts || exit 1; \
	done

package: $(STAMP)
	$(PY) packaging/build.py

translations: $(STAMP)
	$(PY) resources/i18n/build.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
