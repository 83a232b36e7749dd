#!/bin/sh
# Content detection on every real sample: each file of tests/corpus.expect
# must be detected as its kind with the stated encoding and newline style,
# and every file of ../shared/corpus/<kind>/ (when present) as <kind>.
. "$TOP/tests/lib.sh"

while read -r path kind enc nl ref; do
	case "$path" in '#'* | '') continue ;; esac
	if [ "$ref" = ref ]; then
		file="$CORPUS/$path"
		if [ ! -f "$file" ]; then
			skip "$path" "reference-only sample, $CORPUS not present"
			continue
		fi
	else
		file="$TOP/fixtures/$path"
	fi
	run scan "$file"
	got=$(printf '%s\n' "$out" | awk '/^  KIND +ENCODING/ { getline; print $1, $2, $3; exit }')
	is "$got" "$kind $enc $nl" "$path"
done <"$TOP/tests/corpus.expect"

# Whatever the shared corpus holds today, each folder is one kind.
if [ -d "$CORPUS" ]; then
	for dir in "$CORPUS"/*/; do
		kind=$(basename "$dir")
		run scan --format json "$dir"
		bad=$(printf '%s\n' "$out" | sed 's/.*"artifacts":\[//' | tr '{' '\n' |
		    grep '"path"' | grep -v '"path":"SOURCES.md"' |
		    grep -v "\"kind\":\"$kind\"" || true)
		is "$bad" "" "every file in corpus/$kind is $kind"
	done
else
	skip "corpus folders" "$CORPUS not present"
fi

done_testing
