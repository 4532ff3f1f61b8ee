# Two commands do all set-up on a fresh machine:
#   make serve   install into .venv, build the graph if none is built, serve it on 127.0.0.1:8000
#   make test    install into .venv (with test extras and the browser), run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: serve test install browser clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

browser:
	@bash scripts/install-browser.sh

serve: install
	$(BIN)/kg serve

test: install browser
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench

clean:
	rm -rf .kg $(VENV) *.egg-info .pytest_cache
