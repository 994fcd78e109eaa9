# e-SOP. The toolchain is pinned: Go 1.27.3 fixes the standard-library
# vulnerabilities of the machine's 1.26 (see docs/decisions.md); any Go
# >= 1.21 fetches it by itself through GOTOOLCHAIN.
export GOTOOLCHAIN := go1.27.3
export CGO_ENABLED := 0

GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: run build test lint bench fuzz vuln clean vendor-js bpmn-moddle

## run: build esop and serve it (esop hands serve to esop-server) on http://ADDR/ (default 127.0.0.1:8080) with the sample SOP book in ./data/esop.db
ADDR ?= 127.0.0.1:8080
run: build
	./esop serve --addr '$(ADDR)'

## build: two static binaries: ./esop, the light front (validate, render of
## files, version; it starts in a few ms), and ./esop-server, the full one
## (every command), to which esop hands serve, import, user and the others
build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o . ./cmd/esop ./cmd/esop-server

## bpmn-moddle: install the pinned bpmn-moddle (test only) into .cache/, where
## export's TestBPMNModdle loads every BPMN export with it (the test installs it too)
BPMN_MODDLE := 10.3.1
bpmn-moddle:
	@test -f .cache/bpmn-moddle-$(BPMN_MODDLE)/node_modules/bpmn-moddle/package.json || \
	  { mkdir -p .cache/bpmn-moddle-$(BPMN_MODDLE) && \
	    npm install --prefix .cache/bpmn-moddle-$(BPMN_MODDLE) --no-audit --no-fund --no-save bpmn-moddle@$(BPMN_MODDLE); }

## test: formatting, vet, and every test (PostgreSQL too when ESOP_TEST_POSTGRES is set);
## SQLite syncs only at checkpoints in the tests (no test cuts the power; TestSynchronousSetting checks the default)
test: lint
	ESOP_SQLITE_SYNC=normal $(GO) test -count=1 -timeout 20m ./...

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## bench: the speed benchmarks recorded in docs/benchmarks.md
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## fuzz: fuzz the decoder and validator, the list items' markers (ListItem), the XLSX reader, the layout of what the validator accepts, then the print's text (PrintText), for FUZZTIME each, keeping the new corpus in testdata/fuzz
FUZZTIME ?= 2m
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzCheckDocuments -fuzztime $(FUZZTIME) -fuzzminimizetime 0 .
	mkdir -p testdata/fuzz/FuzzCheckDocuments
	cp -n $$($(GO) env GOCACHE)/fuzz/github.com/esop-malang/esop/FuzzCheckDocuments/* testdata/fuzz/FuzzCheckDocuments/ 2>/dev/null || true
	$(GO) test -run '^$$' -fuzz FuzzListItem -fuzztime $(FUZZTIME) -fuzzminimizetime 0 .
	mkdir -p testdata/fuzz/FuzzListItem
	cp -n $$($(GO) env GOCACHE)/fuzz/github.com/esop-malang/esop/FuzzListItem/* testdata/fuzz/FuzzListItem/ 2>/dev/null || true
	$(GO) test -run '^$$' -fuzz FuzzReadWorkbook -fuzztime $(FUZZTIME) -fuzzminimizetime 0 ./export/
	mkdir -p export/testdata/fuzz/FuzzReadWorkbook
	cp -n $$($(GO) env GOCACHE)/fuzz/github.com/esop-malang/esop/export/FuzzReadWorkbook/* export/testdata/fuzz/FuzzReadWorkbook/ 2>/dev/null || true
	$(GO) test -run '^$$' -fuzz FuzzLayout -fuzztime $(FUZZTIME) -fuzzminimizetime 0 ./layout/
	mkdir -p layout/testdata/fuzz/FuzzLayout
	cp -n $$($(GO) env GOCACHE)/fuzz/github.com/esop-malang/esop/layout/FuzzLayout/* layout/testdata/fuzz/FuzzLayout/ 2>/dev/null || true
	$(GO) test -run '^$$' -fuzz FuzzPrintText -fuzztime $(FUZZTIME) -fuzzminimizetime 0 ./layout/
	mkdir -p layout/testdata/fuzz/FuzzPrintText
	cp -n $$($(GO) env GOCACHE)/fuzz/github.com/esop-malang/esop/layout/FuzzPrintText/* layout/testdata/fuzz/FuzzPrintText/ 2>/dev/null || true

## vuln: govulncheck against an offline copy of the Go vulnerability database;
## exits non-zero on any vulnerability that the code can reach. The index is
## built once per database version and kept under .cache/vulndb.
VULNDB_VERSION := v0.0.0-20261105234957-e22db6528018
VULNDB         := golang.org/x/vulndb@$(VULNDB_VERSION)
GOVULNCHECK    := golang.org/x/vuln/cmd/govulncheck@v1.9.0
vuln:
	@if [ ! -f .cache/vulndb/$(VULNDB_VERSION).built ]; then \
	  set -e; $(GO) mod download $(VULNDB); rm -rf .cache/vulndb; \
	  echo "building the vulnerability index $(VULNDB_VERSION) (about a minute, once)"; \
	  $(GO) run golang.org/x/vulndb/cmd/indexdb@$(VULNDB_VERSION) \
	    -vulns $$($(GO) env GOMODCACHE)/$(VULNDB)/data/osv -out .cache/vulndb; \
	  touch .cache/vulndb/$(VULNDB_VERSION).built; \
	fi
	$(GO) run $(GOVULNCHECK) -db file://$(CURDIR)/.cache/vulndb ./...

clean:
	rm -f esop esop-server

## vendor-js: fetch the pinned front-end libraries from npm into the tree
vendor-js:
	rm -rf .cache/npm && mkdir -p .cache/npm
	cd .cache/npm && npm pack htmx.org@2.0.11 axe-core@4.14.1 >/dev/null
	tar -xzf .cache/npm/htmx.org-2.0.11.tgz -C .cache/npm package/dist/htmx.min.js
	cp .cache/npm/package/dist/htmx.min.js web/static/vendor/htmx.min.js
	tar -xzf .cache/npm/axe-core-4.14.1.tgz -C .cache/npm package/axe.min.js
	cp .cache/npm/package/axe.min.js web/testdata/vendor/axe.min.js
