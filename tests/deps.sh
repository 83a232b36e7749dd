#!/bin/sh
# Install what building and testing sslsift needs, if it is missing.
# Debian/Ubuntu: apt-get (as root, or through sudo).  macOS: Homebrew.
# Nothing happens when everything is present; SKIP_DEPS=1 skips the check.
set -u

[ "${SKIP_DEPS:-0}" = 1 ] && exit 0
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

# pkg-config module, Debian package, Homebrew formula ("-": Homebrew has
# none).  libevtx is optional (without it .evtx logs are not read), and
# Debian's libevtx-dev needs libbfio-dev without depending on it.
MODULES="
libxml-2.0 libxml2-dev libxml2
libpcre2-8 libpcre2-dev pcre2
libcjson libcjson-dev cjson
libarchive libarchive-dev libarchive
libevtx libevtx-dev -
libbfio libbfio-dev -
"
# command, Debian package, Homebrew formula (build and test tools; "-" when
# Homebrew has no such formula or the tool is not needed there)
COMMANDS="
pkg-config pkg-config pkg-config
mandoc mandoc mandoc
valgrind valgrind -
clang clang -
evtxexport libevtx-utils -
"

missing_deb=""
missing_brew=""

if ! command -v "$PKG_CONFIG" >/dev/null 2>&1; then
	missing_deb="pkg-config"
	missing_brew="pkg-config"
fi
set -- $COMMANDS
while [ $# -ge 3 ]; do
	command -v "$1" >/dev/null 2>&1 || {
		case " $missing_deb " in *" $2 "*) ;; *) missing_deb="$missing_deb $2" ;; esac
		[ "$3" = - ] || case " $missing_brew " in *" $3 "*) ;; *) missing_brew="$missing_brew $3" ;; esac
	}
	shift 3
done
# libFuzzer's runtime (for make fuzz / fuzz-smoke), when clang lacks it.
if command -v clang >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	t=$(mktemp -d "${TMPDIR:-/tmp}/sslsift-deps.XXXXXX")
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$t/f.c"
	clang -fsanitize=fuzzer -o "$t/f" "$t/f.c" >/dev/null 2>&1 ||
	    missing_deb="$missing_deb libclang-rt-dev"
	rm -rf "$t"
elif command -v apt-get >/dev/null 2>&1; then
	missing_deb="$missing_deb libclang-rt-dev"
fi
# The SARIF schema test (tests/t-sarif.sh) validates with Python's
# jsonschema; Debian packages it, Homebrew does not (the test skips).
if command -v apt-get >/dev/null 2>&1 &&
    ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
	missing_deb="$missing_deb python3-jsonschema"
fi
set -- $MODULES
while [ $# -ge 3 ]; do
	if ! command -v "$PKG_CONFIG" >/dev/null 2>&1 ||
	    ! "$PKG_CONFIG" --exists "$1" 2>/dev/null; then
		missing_deb="$missing_deb $2"
		[ "$3" = - ] || missing_brew="$missing_brew $3"
	fi
	shift 3
done

[ -z "$missing_deb" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "sslsift: missing:$missing_deb" >&2
		echo "sslsift: run as root: apt-get install$missing_deb" >&2
		exit 1
	fi
	echo "sslsift: installing:$missing_deb" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >&2 &&
	    $SUDO apt-get install -y -qq --no-install-recommends $missing_deb >&2 ||
	    { echo "sslsift: apt-get install failed" >&2; exit 1; }
elif command -v brew >/dev/null 2>&1; then
	case " $missing_deb " in *" libevtx-dev "*)
		echo "sslsift: Homebrew has no libevtx: .evtx logs will not be" \
		    "read (export them as XML on Windows)" >&2 ;;
	esac
	[ -z "$missing_brew" ] && exit 0
	echo "sslsift: installing:$missing_brew" >&2
	brew install $missing_brew >&2 || exit 1
	echo "sslsift: Homebrew's libxml2 and libarchive are keg-only; if the" \
	    "build cannot find them, set" >&2
	echo '  export PKG_CONFIG_PATH="$(brew --prefix libxml2)/lib/pkgconfig:$(brew --prefix libarchive)/lib/pkgconfig"' >&2
else
	# libevtx (and evtxexport, for its tests) are optional
	required=""
	for p in $missing_deb; do
		case "$p" in libevtx-dev | libbfio-dev | libevtx-utils) ;;
		*) required="$required $p" ;;
		esac
	done
	echo "sslsift: missing:$missing_deb (install them with your package manager)" >&2
	[ -z "$required" ] && exit 0
	exit 1
fi
