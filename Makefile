# zapisy -- full-text search for Czech meeting minutes.
#   make          build bin/zapisy-index and bin/zapisy-search
#   make deps     install missing Debian packages (idempotent)
#   make test     unit tests (plain and under ASan+UBSan) and integration tests
#   make bench    stemmer quality, indexing and query speed
#   make run      build, index corpus/ into var/db, show a search
#   make fuzz     every libFuzzer target for FUZZ_SECONDS (default 600) each
#   make cluster  index corpus/ into SHARDS shards (var/shards) and serve them with
#                 xapian-tcpsrv on 127.0.0.1:18600...; search with --db var/cluster
#   make cluster-stop

CC      = gcc
CXX     = g++
CSTD    = -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
          -DZP_LEXICON_FILE='"$(LEXICON_ABS)"'
CXXSTD  = -std=c++17 -Wall -Wextra -Werror
OPT     ?= -O2 -g
INC     = -Ilib -Ilib/xapian-c -Iweb -I/usr/include/libxml2
SAN     = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LIBS    = -lxapian -lutf8proc -lmagic -lzip -lxml2 -lcmark -lhunspell -licui18n -licuuc -lzstd -lpthread
# The programs allocate through jemalloc (Debian libjemalloc2): Xapian's writer
# and a page's hits make many small allocations; measured against glibc's
# malloc, 6 % off indexing on one core and 5 % more FastCGI pages a second,
# and no cost to a plain CGI's start (tcmalloc's start cost it 18 %:
# docs/benchmarks.md).  Not in the sanitizer builds, which bring their own.
MALLOC  = -l:libjemalloc.so.2
DB      ?= var/db
# Czech word forms with their lemmas, built from hunspell-cs (lib/lemma.h)
LEXICON = build/cs.lex
LEXICON_ABS = $(CURDIR)/$(LEXICON)

LIB_C   = $(wildcard lib/*.c)
LIB_CXX = lib/xapian-c/zx.cc
UNIT    = $(basename $(notdir $(wildcard tests/unit/test_*.c)))

OBJ      = $(LIB_C:%.c=build/%.o) $(LIB_CXX:%.cc=build/%.o)
SAN_OBJ  = $(LIB_C:%.c=build/san/%.o) $(LIB_CXX:%.cc=build/san/%.o)

BINS = bin/zapisy-index bin/zapisy-search bin/zapisy.cgi
WEB_OBJ = build/web/cgi.o build/web/page.o build/web/params.o build/web/template.o
TOOLS = build/tools/stem-eval build/tools/analyse-bench build/tools/bench-query build/tools/meta-eval build/tools/mkpdf build/tools/bare-xapian \
        build/tools/fts5-bench
UNIT_BINS = $(UNIT:%=build/tests/%) $(UNIT:%=build/tests/san/%)

# libFuzzer harnesses (tests/fuzz/): lib/ and the harness built with clang,
# ASan and UBSan; the extractor harness once per kind of input.
FUZZ_CC   = clang
FUZZ_CXX  = clang++
FUZZ_SAN  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_OBJ  = $(LIB_C:%.c=build/fuzz/%.o) $(LIB_CXX:%.cc=build/fuzz/%.o) build/fuzz/web/page.o \
            build/fuzz/web/params.o build/fuzz/web/template.o
FUZZ_PLAIN = analyse query meta snippet params docdata
FUZZ_KINDS = text:1 html:2 markdown:3 rtf:4 office:5
FUZZ_TARGETS = $(FUZZ_PLAIN:%=build/fuzz/fuzz_%) $(foreach k,$(FUZZ_KINDS),build/fuzz/fuzz_$(word 1,$(subst :, ,$(k))))
FUZZ_SECONDS ?= 600

.PHONY: all deps test unit bench run clean fuzz fuzz-build cluster cluster-stop
all: $(BINS) $(LEXICON)

deps:
	@tools/deps.sh

build/%.o: %.c $(wildcard lib/*.h lib/xapian-c/*.h web/*.h indexer/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(OPT) $(INC) -c $< -o $@
build/%.o: %.cc lib/xapian-c/zx.h
	@mkdir -p $(dir $@)
	$(CXX) $(CXXSTD) $(OPT) $(INC) -c $< -o $@
build/san/%.o: %.c $(wildcard lib/*.h lib/xapian-c/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -O1 -g $(SAN) $(INC) -c $< -o $@
build/san/%.o: %.cc lib/xapian-c/zx.h
	@mkdir -p $(dir $@)
	$(CXX) $(CXXSTD) -O1 -g $(SAN) $(INC) -c $< -o $@

build/libzapisy.a: $(OBJ)
	ar rcs $@ $^
build/san/libzapisy.a: $(SAN_OBJ)
	ar rcs $@ $^

bin/zapisy-index: build/indexer/main.o build/indexer/workers.o build/libzapisy.a
	@mkdir -p bin
	$(CXX) $(OPT) $^ $(LIBS) $(MALLOC) -o $@
bin/zapisy-search: build/searcher/main.o build/libzapisy.a
	@mkdir -p bin
	$(CXX) $(OPT) $^ $(LIBS) $(MALLOC) -o $@

bin/zapisy.cgi: $(WEB_OBJ) build/libzapisy.a
	@mkdir -p bin
	$(CXX) $(OPT) $^ $(LIBS) -lfcgi $(MALLOC) -o $@

build/tools/lexicon-build: tools/lexicon-build.c build/libzapisy.a
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(OPT) $(INC) $^ $(LIBS) -lstdc++ -o $@

$(LEXICON): tools/lexicon.sh tools/lexicon-irregular.tsv build/tools/lexicon-build /usr/share/hunspell/cs_CZ.dic
	tools/lexicon.sh build/tools/lexicon-build $@.tmp && mv $@.tmp $@

build/tools/mkpdf: tests/fixtures/mkpdf.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(OPT) $< -o $@

# the floor zapisy is measured against: Xapian alone (C++: TermGenerator is)
build/tools/bare-xapian: tests/bench/bare-xapian.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXSTD) $(OPT) $< -lxapian -o $@

# a second baseline: SQLite FTS5 on the same files
build/tools/fts5-bench: tests/bench/fts5-bench.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(OPT) $< -lsqlite3 -o $@

build/tools/%: build/tests/bench/%.o build/libzapisy.a
	@mkdir -p $(dir $@)
	$(CXX) $(OPT) $^ $(LIBS) $(MALLOC) -o $@

build/tests/test_%: build/tests/unit/test_%.o build/libzapisy.a
	$(CXX) $(OPT) $^ $(LIBS) -lcmocka -o $@
build/tests/san/test_%: build/san/tests/unit/test_%.o build/san/libzapisy.a
	@mkdir -p $(dir $@)
	$(CXX) $(SAN) $^ $(LIBS) -lcmocka -o $@

unit: $(UNIT_BINS)

build/fuzz/%.o: %.c $(wildcard lib/*.h lib/xapian-c/*.h web/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(INC) -c $< -o $@
build/fuzz/%.o: %.cc lib/xapian-c/zx.h
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(CXXSTD) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(INC) -c $< -o $@
build/fuzz/libzapisy.a: $(FUZZ_OBJ)
	ar rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libzapisy.a
	$(FUZZ_CC) $(CSTD) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer $(INC) -c $< -o $@.o
	$(FUZZ_CXX) $(FUZZ_SAN) -fsanitize=fuzzer $@.o build/fuzz/libzapisy.a $(LIBS) -o $@
define fuzz_kind
build/fuzz/fuzz_$(1): tests/fuzz/fuzz_extract.c tests/fuzz/fuzz.h build/fuzz/libzapisy.a
	$$(FUZZ_CC) $$(CSTD) -O1 -g $$(FUZZ_SAN) -fsanitize=fuzzer -DFUZZ_KIND=$(2) $$(INC) -c $$< -o $$@.o
	$$(FUZZ_CXX) $$(FUZZ_SAN) -fsanitize=fuzzer $$@.o build/fuzz/libzapisy.a $$(LIBS) -o $$@
endef
$(foreach k,$(FUZZ_KINDS),$(eval $(call fuzz_kind,$(word 1,$(subst :, ,$(k))),$(word 2,$(subst :, ,$(k))))))

fuzz-build: $(FUZZ_TARGETS)

fuzz: deps fuzz-build
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

test: deps all unit build/tools/mkpdf fuzz-build
	@tests/run.sh

bench: deps all $(TOOLS)
	@tests/bench/run.sh

run: deps all
	@tools/run.sh $(DB)

SHARDS ?= 3
CLUSTER_PORT ?= 18600
cluster: deps all
	@test -f var/shards/XAPIANDB || bin/zapisy-index --quiet --db var/shards --shards $(SHARDS) corpus
	@tools/cluster.sh start var/cluster $(CLUSTER_PORT) var/shards/shard-*

cluster-stop:
	@tools/cluster.sh stop var/cluster

clean:
	rm -rf build bin

.SECONDARY:
