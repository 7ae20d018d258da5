# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# The first Python >= 3.11 found is used for .venv (set PYTHON=... to choose).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3 python; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= .atrium-demo
PORT ?= 8765

.PHONY: run server test test-calendar lint bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
# Bytecode written once: where PYTHONDONTWRITEBYTECODE is set, every start would compile ~140 modules
# (~150 ms of the cold start on this machine).
	$(BIN)/python -m compileall -q app sync ui
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/atrium demo

server: $(STAMP)
	mkdir -p $(DEMO_DIR)
	$(BIN)/atrium-server --db $(DEMO_DIR)/server.db --host 127.0.0.1 --port $(PORT) --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python -m pytest -n auto

# The whole suite with the clock shifted (ATRIUM_NOW) and TZ set to adversarial instants (tests/calendar_run.py):
# today's two by default, every one with ALL=1, or the ones named in INSTANTS="month-start new-year".
test-calendar: $(STAMP)
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python -m tests.calendar_run \
		$(if $(ALL),--all,$(INSTANTS)) -- -n auto -q

bench: $(STAMP)
	$(BIN)/python -m bench --quick

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache
