#!/bin/sh
# Rule tables (jq's .test style): tests/rules/<family>.test hold blocks of
#
#   BUNDLE [SCAN-OPTION...]      a folder of fixtures/bundles/, then options
#   RULE[,RULE...] | *           the rules the block looks at
#   RULE SEVERITY SUBJECT        the findings of those rules, in any order,
#   ...                          or %%NONE when there must be none
#
# separated by blank lines; '#' starts a comment line.  Each block runs
# `sslsift scan --format brief` and compares.  A bundle holding an artifact
# whose parser is not built in yet is skipped, saying which parser it waits
# for.  Then the meta-tests: every rule has a page with the required
# headings, loads, and has at least one firing and one silent block.
. "$TOP/tests/lib.sh"

BUNDLES="$TOP/fixtures/bundles"
facts="$T_TMP/facts"
: >"$facts"

# Artifacts of a known kind that no parser read: "kind kind ...".
pending_kinds() {
	printf '%s\n' "$1" | tr '{' '\n' |
	    sed -n 's/.*"kind":"\([a-z]*\)".*"status":"none".*/\1/p' |
	    grep -v '^unknown$' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# Does the comma-separated selection $1 include rule $2?
selects() {
	[ "$1" = "*" ] && return 0
	case ",$1," in *",$2,"*) return 0 ;; esac
	return 1
}

run_block() { # file line bundle-and-options selection expected
	set -- "$1" "$2" "$3" "$4" "$5"
	name="$(basename "$1"):$2: $3 [$4]"
	bundle=${3%% *}
	opts=""
	[ "$bundle" != "$3" ] && opts=${3#* }
	for id in $(grep -o '^[A-Z][A-Z]*[0-9][0-9]*' "$T_TMP/ids"); do
		selects "$4" "$id" || continue
		if printf '%s\n' "$5" | grep -q "^$id "; then
			echo "fires $id" >>"$facts"
		else
			echo "silent $id" >>"$facts"
		fi
	done
	if [ ! -d "$BUNDLES/$bundle" ]; then
		is "missing" "present" "$name: bundle exists"
		return
	fi
	# shellcheck disable=SC2086
	run scan --format json $opts "$BUNDLES/$bundle"
	waits=$(pending_kinds "$out")
	if [ -n "$waits" ]; then
		skip "$name" "waits for the parser of: $waits"
		return
	fi
	# shellcheck disable=SC2086
	run scan --format brief $opts "$BUNDLES/$bundle"
	got=""
	for line in $(printf '%s\n' "$out" | awk '{ print $1 }' | sort -u); do
		selects "$4" "$line" || continue
		got="$got
$(printf '%s\n' "$out" | grep "^$line ")"
	done
	got=$(printf '%s\n' "$got" | sed '/^$/d' | LC_ALL=C sort)
	want=$(printf '%s\n' "$5" | sed '/^%%NONE$/d; /^$/d' | LC_ALL=C sort)
	is "$got" "$want" "$name"
}

run rules
printf '%s\n' "$out" | grep -v ' \[' >"$T_TMP/ids"
is "$rc" 0 "the built-in rules load"

for file in "$TOP"/tests/rules/*.test; do
	no=0 start=0 head="" sel="" exp="" state=head
	while IFS= read -r line || [ -n "$line" ]; do
		no=$((no + 1))
		case "$line" in '#'*) continue ;; esac
		if [ -z "$line" ]; then
			if [ "$state" != head ]; then
				run_block "$file" "$start" "$head" "$sel" "$exp"
			fi
			state=head exp=""
			continue
		fi
		case "$state" in
		head) head=$line start=$no state=sel ;;
		sel) sel=$line state=exp ;;
		exp) exp="$exp
$line" ;;
		esac
	done <"$file"
	[ "$state" != head ] && run_block "$file" "$start" "$head" "$sel" "$exp"
done

# Meta-tests: each rule file is loaded, has its page and both cases.
for json in "$TOP"/rules/*/*.json; do
	id=$(basename "$json" .json)
	page="${json%.json}.md"
	grep -q "^$id " "$T_TMP/ids"
	_result $? "$id: loaded from $(basename "$(dirname "$json")")/$id.json"
	missing=""
	head -n 1 "$page" 2>/dev/null | grep -q "^# $id " || missing="title"
	for h in "Why it matters" "What triggers it" "Problematic example" \
	    "Corrected example" "Exceptions" "References"; do
		grep -qx "## $h" "$page" 2>/dev/null || missing="$missing, $h"
	done
	is "$missing" "" "$id: page with every heading"
	grep -qx "fires $id" "$facts"
	_result $? "$id: a block where it fires"
	grep -qx "silent $id" "$facts"
	_result $? "$id: a block where it stays silent"
done

done_testing
