#!/bin/sh
# Model goldens: `sslsift dump` of every sample, reviewed by hand once.
#
#   tests/model/fixtures/<kind>/<file>.json  <->  fixtures/<kind>/<file>
#   tests/model/corpus/<kind>/<file>.json    <->  ../shared/corpus/<kind>/<file>
#                                               (reference-only; skipped
#                                               when the corpus is absent)
#
# dump runs from the base folder with a relative path, so goldens do not
# depend on where the tree lives.  Goldens of .evtx logs are skipped in a
# build without libevtx.  UPDATE_GOLDENS=1 rewrites them instead of
# comparing; review the diff like code.
. "$TOP/tests/lib.sh"

check_golden() { # base relpath golden
	if [ ! -f "$1/$2" ]; then
		is "missing" "present" "$2: the sample of $3 exists"
		return
	fi
	cd "$1" || return
	run dump "$2"
	cd "$TOP" || return
	if [ "${UPDATE_GOLDENS:-0}" = 1 ]; then
		mkdir -p "$(dirname "$3")"
		printf '%s\n' "$out" >"$3"
	fi
	is "$out" "$(cat "$3")" "dump $2"
}

for golden in $(find tests/model/fixtures -name '*.json' 2>/dev/null | sort); do
	rel=${golden#tests/model/fixtures/}
	check_golden "$TOP/fixtures" "${rel%.json}" "$golden"
done

evtx=no
"$SSLSIFT" --version | grep -q '^features: evtx' && evtx=yes

for golden in $(find tests/model/corpus -name '*.json' 2>/dev/null | sort); do
	rel=${golden#tests/model/corpus/}
	case "$rel" in
	evtx/*)
		if [ "$evtx" = no ]; then
			skip "dump ${rel%.json}" "built without libevtx"
			continue
		fi
		;;
	esac
	if [ -d "$CORPUS" ]; then
		check_golden "$CORPUS" "${rel%.json}" "$golden"
	else
		skip "dump ${rel%.json}" "reference-only sample, $CORPUS not present"
	fi
done

# Every sample of a kind that has a parser has a golden (and vice versa,
# above).
for f in $(find fixtures -mindepth 2 -maxdepth 2 -type f ! -name README |
    grep -v '^fixtures/bundles/' | grep -v '^fixtures/regress/' | sort); do
	kind=$(echo "$f" | cut -d/ -f2)
	test -f "tests/model/$f.json"
	_result $? "$f has a model golden"
done

done_testing
