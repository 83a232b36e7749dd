# sslsift: build, test and install.  GNU make 3.81 or later (macOS ships 3.81).
#
#   make                      build ./sslsift
#   make check                install missing dependencies, build, run every test
#   make demo                 install missing dependencies, build, scan the sample bundle
#   make deps                 install missing build and test dependencies
#   make install / uninstall  PREFIX=/usr/local DESTDIR=
#   make SANITIZE=address,undefined   make DEVELOPER=1 (-Werror)   make V=1
#   make check VALGRIND=1     run every sslsift under valgrind
#   make lint / format / format-check / bench / clean
#   make EVTX=0               build without libevtx even when it is installed

PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/sslsift
MANDIR ?= $(PREFIX)/share/man
INSTALL ?= install

PKGS := libxml-2.0 libpcre2-8 libcjson libarchive

WARNINGS := -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes \
	-Wmissing-prototypes -Wold-style-definition -Wpointer-arith \
	-Wwrite-strings -Wvla -Wformat=2 -Wimplicit-fallthrough -Wshadow \
	-fno-common
ifeq ($(DEVELOPER),1)
WARNINGS += -Werror
endif

CFLAGS ?= -O2 -g
ifneq ($(SANITIZE),)
SANFLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

# libevtx is optional: with it, .evtx logs are read (src/evtx.c, the only
# file compiled with -DHAVE_LIBEVTX); without it, the build still succeeds
# and an .evtx input says it cannot be read.  Its header includes libbfio's,
# which Debian's libevtx-dev does not pull in.  EVTX=0 builds without it.
ifneq ($(EVTX),0)
ifeq ($(shell $(PKG_CONFIG) --exists libevtx libbfio 2>/dev/null && echo y),y)
EVTX_CFLAGS := -DHAVE_LIBEVTX \
	$(shell $(PKG_CONFIG) --cflags libevtx libbfio 2>/dev/null)
EVTX_LIBS := $(shell $(PKG_CONFIG) --libs libevtx libbfio 2>/dev/null)
else ifeq ($(shell $(PKG_CONFIG) --exists libevtx 2>/dev/null && echo y),y)
$(warning libevtx without libbfio (Debian: libbfio-dev): building without .evtx support)
endif
endif

ALL_CFLAGS = $(WARNINGS) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) $(CPPFLAGS) \
	-DSSLSIFT_DATADIR='"$(DATADIR)"'
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS = $(PKG_LIBS) $(EVTX_LIBS) -lpthread

ifneq ($(V),1)
Q_CC = @echo "  CC      $@";
Q_LD = @echo "  LD      $@";
Q_AR = @echo "  AR      $@";
Q_GEN = @echo "  GEN     $@";
endif

B := .build
SRCS := $(sort $(wildcard src/*.c))
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
LIB_OBJS := $(patsubst src/%.c,$(B)/%.o,$(LIB_SRCS)) $(B)/rules_data.o
RULE_FILES := $(sort $(wildcard rules/*/*.json rules/*/*.md))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))
TOOL_BINS := $(B)/tests/mkarchive $(B)/tests/genevents $(B)/tests/mkevtx \
	$(B)/tests/jsonparse
ifneq ($(EVTX_CFLAGS),)
TOOL_BINS += $(B)/tests/evtxxml $(B)/tests/binxmlcheck
endif

.PHONY: all check check-run demo deps install uninstall clean lint \
	format format-check bench test-progs fuzz fuzz-smoke

all: sslsift

# A changed compiler or flag set rebuilds everything (redis .make-settings).
FLAGS_NOW := $(CC) $(ALL_CFLAGS) $(EVTX_CFLAGS) $(ALL_LDFLAGS) $(LIBS)
FLAGS_OLD := $(shell cat $(B)/flags 2>/dev/null)
ifneq ($(FLAGS_NOW),$(FLAGS_OLD))
$(shell mkdir -p $(B) && echo '$(subst ','\'',$(FLAGS_NOW))' > $(B)/flags)
endif

# Adding or removing a rule file rebuilds the built-in rules.
RULES_OLD := $(shell cat $(B)/rules.list 2>/dev/null)
ifneq ($(RULE_FILES),$(RULES_OLD))
$(shell mkdir -p $(B) && echo '$(RULE_FILES)' > $(B)/rules.list)
endif

$(B)/%.o: src/%.c $(B)/flags
	@mkdir -p $(B)
	$(Q_CC)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Only the adapter sees libevtx's headers.
$(B)/evtx.o: ALL_CFLAGS += $(EVTX_CFLAGS)

# The built-in rules, compiled in by a small generator (no xxd, no scripts).
$(B)/embed: tests/embed.c $(B)/flags
	@mkdir -p $(B)
	$(Q_CC)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ tests/embed.c

$(B)/rules.list:
	@mkdir -p $(B) && touch $@

$(B)/rules_data.c: $(B)/embed $(RULE_FILES) $(B)/rules.list
	$(Q_GEN)$(B)/embed $(RULE_FILES) > $@.tmp && mv $@.tmp $@

$(B)/rules_data.o: $(B)/rules_data.c src/rules_data.h $(B)/flags
	$(Q_CC)$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $(B)/rules_data.c

$(B)/libsslsift.a: $(LIB_OBJS)
	$(Q_AR)rm -f $@ && $(AR) rcs $@ $(LIB_OBJS)

sslsift: $(B)/main.o $(B)/libsslsift.a
	$(Q_LD)$(CC) $(ALL_LDFLAGS) -o $@ $(B)/main.o $(B)/libsslsift.a $(LIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/tap.h $(B)/libsslsift.a
	@mkdir -p $(B)/tests
	$(Q_CC)$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< \
		$(B)/libsslsift.a $(LIBS)

$(B)/tests/mkarchive: tests/mkarchive.c $(B)/flags
	@mkdir -p $(B)/tests
	$(Q_CC)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBS)

$(B)/tests/genevents: tests/genevents.c $(B)/flags
	@mkdir -p $(B)/tests
	$(Q_CC)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

$(B)/tests/mkevtx: tests/mkevtx.c $(B)/flags
	@mkdir -p $(B)/tests
	$(Q_CC)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

$(B)/tests/evtxxml: tests/evtxxml.c $(B)/flags
	@mkdir -p $(B)/tests
	$(Q_CC)$(CC) $(ALL_CFLAGS) $(EVTX_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(EVTX_LIBS)

$(B)/tests/binxmlcheck: tests/binxmlcheck.c $(B)/libsslsift.a
	@mkdir -p $(B)/tests
	$(Q_CC)$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< \
		$(B)/libsslsift.a $(LIBS)

$(B)/tests/jsonparse: tests/jsonparse.c $(B)/libsslsift.a
	@mkdir -p $(B)/tests
	$(Q_CC)$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< \
		$(B)/libsslsift.a $(LIBS)

test-progs: sslsift $(UNIT_BINS) $(TOOL_BINS)

-include $(wildcard $(B)/*.d)

# The two commands a newcomer runs.  Both install what is missing first, in
# a separate make so that pkg-config is asked again afterwards.
check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory check-run

check-run: test-progs
	@VALGRIND='$(VALGRIND)' SANITIZE='$(SANITIZE)' sh tests/run.sh

demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory sslsift
	./sslsift scan fixtures/bundles/demo; test $$? -le 1

deps:
	@sh tests/deps.sh

# Throughput and memory on generated 100 MB and 1 GB System-log exports,
# against xmllint --stream and Python's iterparse (see tests/bench.sh), and
# on .evtx logs against evtxexport (tests/bench-evtx.sh), and of batches:
# 10,000 small bundles at -j 1 and -j 2 (tests/bench-batch.sh); and the
# worst inputs found, the figures behind LIMITS in sslsift(1)
# (tests/bench-worst.sh).
bench: sslsift $(B)/tests/genevents $(B)/tests/mkevtx $(B)/tests/mkarchive
	@sh tests/bench.sh
	@sh tests/bench-evtx.sh
	@sh tests/bench-batch.sh
	@sh tests/bench-worst.sh

install: sslsift
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(DATADIR)/rules
	$(INSTALL) -m 755 sslsift $(DESTDIR)$(BINDIR)/sslsift
	$(INSTALL) -m 644 man/sslsift.1 $(DESTDIR)$(MANDIR)/man1/sslsift.1
	for f in man/*.5; do [ -f "$$f" ] && $(INSTALL) -m 644 "$$f" \
		$(DESTDIR)$(MANDIR)/man5/; done; true
	for f in man/*.7; do [ -f "$$f" ] && $(INSTALL) -m 644 "$$f" \
		$(DESTDIR)$(MANDIR)/man7/; done; true
	cd rules && find . -type f \( -name '*.json' -o -name '*.md' \) | \
	while read -r f; do \
		$(INSTALL) -d "$(DESTDIR)$(DATADIR)/rules/$$(dirname "$$f")" && \
		$(INSTALL) -m 644 "$$f" "$(DESTDIR)$(DATADIR)/rules/$$f"; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sslsift $(DESTDIR)$(MANDIR)/man1/sslsift.1 \
		$(DESTDIR)$(MANDIR)/man5/sslsift-rules.5 \
		$(DESTDIR)$(MANDIR)/man7/sslsift-bundle.7
	rm -rf $(DESTDIR)$(DATADIR)

# Static analysis: cppcheck, clang-tidy (per file: version 14 reports false
# va_list errors when given several files at once) and a banned-call grep.
BANNED := sprintf|vsprintf|strcpy|strcat|gets|sscanf|atoi|atol|strtok|tmpnam
lint:
	cppcheck --std=c11 --enable=warning,style,performance,portability \
		--inline-suppr --error-exitcode=1 -q -D__GNUC__ \
		--suppress=toomanyconfigs --suppress=missingIncludeSystem src/
	@for f in $(SRCS); do \
		clang-tidy --quiet "$$f" -- -std=c11 $(PKG_CFLAGS) \
		    $(EVTX_CFLAGS) -I$(B) \
		    2>/dev/null || { echo "clang-tidy: $$f"; exit 1; }; \
	done
	@if grep -nE '\<($(BANNED))\(' src/*.c src/*.h; then \
		echo "lint: banned function in src/"; exit 1; fi
	@echo "lint: clean"

# Fuzzing (libFuzzer; clang and its runtime, Debian libclang-rt-*-dev).
FUZZ_CC ?= clang
FUZZ_TIME ?= 30
FB := $(B)/fuzz
FUZZ_CFLAGS = -std=c11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	$(PKG_CFLAGS) -DSSLSIFT_DATADIR='"$(DATADIR)"'
FUZZ_LDFLAGS = -fsanitize=fuzzer,address,undefined
FUZZ_LIB_OBJS := $(patsubst src/%.c,$(FB)/obj/%.o,$(LIB_SRCS)) \
	$(FB)/obj/rules_data.o
FUZZ_KINDS := apphost netsh netstat events certutil reg
FUZZ_BINS := $(FB)/fuzz_text_decode $(FB)/fuzz_sniff $(FB)/fuzz_bundle \
	$(FB)/fuzz_rule_load $(FB)/fuzz_binxml \
	$(patsubst %,$(FB)/fuzz_parse_%,$(FUZZ_KINDS))
ifneq ($(EVTX_CFLAGS),)
FUZZ_BINS += $(FB)/fuzz_parse_evtx
endif

$(FB)/obj/%.o: src/%.c
	@mkdir -p $(FB)/obj
	$(Q_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FB)/obj/evtx.o: FUZZ_CFLAGS += $(EVTX_CFLAGS)

# The binary reader has its own harness (an explicit rule wins over the
# pattern below, which would build tests/fuzz/fuzz_parse.c).
$(FB)/fuzz_parse_evtx: tests/fuzz/fuzz_parse_evtx.c $(FB)/libfuzz.a
	$(Q_LD)$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc $(FUZZ_LDFLAGS) -o $@ $< \
		$(FB)/libfuzz.a $(LIBS)

$(FB)/obj/rules_data.o: $(B)/rules_data.c src/rules_data.h
	@mkdir -p $(FB)/obj
	$(Q_CC)$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -c -o $@ $(B)/rules_data.c

$(FB)/libfuzz.a: $(FUZZ_LIB_OBJS)
	$(Q_AR)rm -f $@ && $(AR) rcs $@ $(FUZZ_LIB_OBJS)

$(FB)/fuzz_parse_%: tests/fuzz/fuzz_parse.c $(FB)/libfuzz.a
	$(Q_LD)$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc \
		-DFUZZ_KIND=KIND_$(shell echo $* | tr a-z A-Z) $(FUZZ_LDFLAGS) \
		-o $@ $< $(FB)/libfuzz.a $(LIBS)

$(FB)/fuzz_%: tests/fuzz/fuzz_%.c $(FB)/libfuzz.a
	$(Q_LD)$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc $(FUZZ_LDFLAGS) -o $@ $< \
		$(FB)/libfuzz.a $(LIBS)

-include $(wildcard $(FB)/obj/*.d)

fuzz: $(FUZZ_BINS)

fuzz-smoke: fuzz
	@sh tests/fuzz/smoke.sh $(FUZZ_TIME)

FORMAT_FILES = $(wildcard src/*.c src/*.h tests/unit/*.c tests/unit/*.h \
	tests/*.c tests/fuzz/*.c)

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run --Werror $(FORMAT_FILES)

clean:
	rm -rf $(B) sslsift
