# Thin wrapper over CMake. `make` builds build/jixiao; see README.md for the targets.
BUILD        ?= build
ASAN_BUILD   ?= build-asan
FUZZ_BUILD   ?= build-fuzz
JOBS         ?= $(shell nproc)
FUZZ_SECONDS ?= 30
CMAKE_FLAGS  ?=

.PHONY: all deps build serve demo test bench bench-server asan fuzz format clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja $(BUILD)/Makefile:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

# The web system on SQLite (var/jixiao.db). The first start creates the demo region and prints
# its logins once; later starts keep the data.
DB     ?= sqlite:var/jixiao.db
LISTEN ?= 127.0.0.1:8080
serve: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS) --target jixiao
	$(BUILD)/jixiao serve --db $(DB) --listen $(LISTEN)

demo: build
	@bash scripts/demo.sh $(BUILD)/jixiao

# Every test, with a throwaway PostgreSQL cluster for the storage and server tests (started
# and stopped by scripts/with-postgres.sh) and the browser tests required.
test: build
	JIXIAO_REQUIRE_BROWSER=1 bash scripts/with-postgres.sh ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: build
	$(BUILD)/jixiao_bench --benchmark_counters_tabular=true

# Requests per second and latency of the server with wrk, on SQLite and on PostgreSQL.
bench-server: build
	bash bench/server.sh $(BUILD)/jixiao

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DJIXIAO_SANITIZE=ON -DJIXIAO_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp ctest --output-on-failure -j $(JOBS)

fuzz: deps
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DJIXIAO_FUZZ=ON -DJIXIAO_TEST=OFF -DJIXIAO_BENCH=OFF -DJIXIAO_SANITIZE=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@bash scripts/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
