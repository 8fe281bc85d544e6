# Everything starts from nothing: `make test` and `make demo` create the venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test demo lint bench clean ocr browser

# Scanned pages are read by the tesseract command (cspsearch/ingest/readers/ocr.py).
OCR_PACKAGES := tesseract-ocr tesseract-ocr-eng

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Installs tesseract when it is missing and can be installed (root with apt-get); where there
# is no apt-get, OCR is reported unavailable and the rest still works; otherwise stops with
# the one command to run.
ocr:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx eng; then \
		:; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "OCR unavailable: no apt-get here. Install tesseract with English data to read scanned pages."; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing $(OCR_PACKAGES) for OCR of scanned pages..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES) >/dev/null) \
		|| { echo "Could not install OCR. Run: apt-get update && apt-get install -y $(OCR_PACKAGES)"; exit 1; }; \
	else \
		echo "Scanned pages need tesseract. Run: sudo apt-get install -y $(OCR_PACKAGES)"; exit 1; \
	fi

# The served app is tested in a real browser (tests/test_serve_browser.py): Debian's Chromium and
# its driver, installed like tesseract above; Selenium drives them from the dev extra.
BROWSER_PACKAGES := chromium chromium-driver

browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
		:; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "Browser test skipped: no apt-get here. Install Chromium and chromedriver at /usr/bin to run it."; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing $(BROWSER_PACKAGES) for the browser test of cspsearch serve..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null) \
		|| { echo "Could not install Chromium. Run: apt-get update && apt-get install -y $(BROWSER_PACKAGES)"; exit 1; }; \
	else \
		echo "The browser test needs Chromium. Run: sudo apt-get install -y $(BROWSER_PACKAGES)"; exit 1; \
	fi

# OCR is part of what is tested: `doctor` fails here when the engine is missing.
test: $(STAMP) ocr browser
	$(BIN)/cspsearch doctor
	$(BIN)/ruff check cspsearch tests bench
	$(BIN)/mypy cspsearch
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check cspsearch tests bench
	$(BIN)/mypy cspsearch

demo: $(STAMP) ocr
	$(BIN)/cspsearch ingest corpus --index index
	$(BIN)/cspsearch search "CCTV monitoring" --index index --limit 3
	$(BIN)/cspsearch compare maidstone:2011-2023 medway --index index

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/tui.py

clean:
	rm -rf $(VENV) index/*
