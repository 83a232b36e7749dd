#!/bin/sh
# make bench (part): the worst inputs found, and what one bundle of each
# costs: wall time and peak RSS of `sslsift scan`.  These are the figures
# behind LIMITS in sslsift(1).  Nothing here is a pass/fail test.
#
#   sh tests/bench-worst.sh
#   BENCH_KEEP=0 sh tests/bench-worst.sh     delete the inputs afterwards
#
# The inputs are generated into .build/bench/worst/ (gitignored):
#   netsh-400k       `netsh http show sslcert` with 400,000 entries (past
#                    the 64 MiB cap of a line-oriented artifact)
#   apphost-attr     applicationHost.config with a 100 MB attribute
#   lines-10m        netstat output made of 10 MB lines
#   zip-bomb         a zip with an entry of netsh text that expands to 1 GB
#   zip-100k         a zip of 100,000 entries
#   server-40k       40,000 https bindings, 20,000 http.sys entries and
#                    20,000 certificates: every binding joined, every
#                    served certificate judged
set -u
cd "$(dirname "$0")/.." || exit 1

B=.build/bench/worst
KEEP=${BENCH_KEEP:-1}
TIME=/usr/bin/time
MKARCHIVE=.build/tests/mkarchive

if ! [ -x "$TIME" ] || ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "bench: GNU time (/usr/bin/time -f) is needed: apt-get install time" >&2
	exit 1
fi
mkdir -p "$B"

# netsh entries: ENTRIES netsh_entries N FIRST_HASH_INDEX
netsh_entries() {
	awk -v n="$1" 'BEGIN {
		printf "\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n"
		for (i = 0; i < n; i++) {
			printf "    IP:port                  : 10.%d.%d.%d:443\r\n", \
			    int(i / 65536) % 256, int(i / 256) % 256, i % 256
			printf "    Certificate Hash             : %040x\r\n", i + 1
			printf "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n"
			printf "    Certificate Store Name       : MY\r\n"
			printf "    Verify Client Certificate Revocation : Enabled\r\n"
			printf "    Verify Revocation Using Cached Client Certificate Only : Disabled\r\n"
			printf "    Usage Check                  : Enabled\r\n"
			printf "    Revocation Freshness Time    : 0\r\n"
			printf "    URL Retrieval Timeout        : 0\r\n"
			printf "    Ctl Identifier               : (null)\r\n"
			printf "    Ctl Store Name               : (null)\r\n"
			printf "    DS Mapper Usage              : Disabled\r\n"
			printf "    Negotiate Client Certificate : Disabled\r\n\r\n"
		}
	}'
}

make_inputs() {
	d="$B/netsh-400k"
	if ! [ -d "$d" ]; then
		mkdir -p "$d.tmp" && netsh_entries 400000 >"$d.tmp/sslcert.txt" &&
		    mv "$d.tmp" "$d"
	fi

	d="$B/apphost-attr"
	if ! [ -d "$d" ]; then
		mkdir -p "$d.tmp"
		{
			printf '<?xml version="1.0" encoding="UTF-8"?>\r\n<configuration>\r\n<system.applicationHost>\r\n<sites>\r\n<site name="'
			head -c 100000000 /dev/zero | tr '\0' 'A'
			printf '" id="1">\r\n<bindings>\r\n<binding protocol="https" bindingInformation="*:443:" sslFlags="0" />\r\n</bindings>\r\n</site>\r\n</sites>\r\n</system.applicationHost>\r\n</configuration>\r\n'
		} >"$d.tmp/applicationHost.config" && mv "$d.tmp" "$d"
	fi

	d="$B/lines-10m"
	if ! [ -d "$d" ]; then
		mkdir -p "$d.tmp"
		{
			printf '\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n'
			i=0
			while [ "$i" -lt 5 ]; do
				printf '  TCP    0.0.0.0:443            0.0.0.0:0              LISTENING       4'
				head -c 10000000 /dev/zero | tr '\0' ' '
				printf '\r\n'
				i=$((i + 1))
			done
		} >"$d.tmp/netstat.txt" && mv "$d.tmp" "$d"
	fi

	# The bomb is netsh text, so that it is sniffed and read (zeros would
	# be an unknown binary file, of which only the first bytes are read).
	[ -f "$B/zip-bomb.zip" ] ||
	    "$MKARCHIVE" "$B/zip-bomb.zip" zip \
		file:sslcert.txt=fixtures/bundles/demo/sslcert.txt \
		"repeat:bomb.txt=1000000000:$(netsh_entries 1)" || exit 1
	[ -f "$B/zip-100k.zip" ] ||
	    "$MKARCHIVE" "$B/zip-100k.zip" zip \
		file:sslcert.txt=fixtures/bundles/demo/sslcert.txt \
		many:f=100000 || exit 1

	d="$B/server-40k"
	if ! [ -d "$d" ]; then
		mkdir -p "$d.tmp"
		# 20,000 sites, each with two https bindings (its own IP, and
		# SNI for its host name on the wildcard address).
		awk 'BEGIN {
			printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<configuration>\r\n<system.applicationHost>\r\n<sites>\r\n"
			for (i = 0; i < 20000; i++) {
				printf "<site name=\"site%d\" id=\"%d\">\r\n<bindings>\r\n", i, i + 1
				printf "<binding protocol=\"https\" bindingInformation=\"10.%d.%d.%d:443:\" sslFlags=\"0\" />\r\n", \
				    int(i / 65536) % 256, int(i / 256) % 256, i % 256
				printf "<binding protocol=\"https\" bindingInformation=\"*:443:site%d.example.com\" sslFlags=\"1\" />\r\n", i
				printf "</bindings>\r\n</site>\r\n"
			}
			printf "</sites>\r\n</system.applicationHost>\r\n</configuration>\r\n"
		}' >"$d.tmp/applicationHost.config"
		netsh_entries 20000 >"$d.tmp/sslcert.txt"
		awk 'BEGIN {
			printf "my \"Personal\"\r\n"
			for (i = 0; i < 20000; i++) {
				printf "================ Certificate %d ================\r\n", i
				printf "Serial Number: %038x\r\n", i + 1
				printf "Issuer: CN=Example Issuing CA\r\n"
				printf " NotBefore: 1/1/2026 9:00 AM\r\n NotAfter: 1/1/2027 9:00 AM\r\n"
				printf "Subject: CN=site%d.example.com\r\n", i
				printf "Non-root Certificate\r\n"
				printf "Cert Hash(sha1): %040x\r\n", i + 1
				printf "  Key Container = c%d\r\n", i
				printf "  Provider = Microsoft RSA SChannel Cryptographic Provider\r\n"
				printf "Encryption test passed\r\n\r\n"
			}
			printf "CertUtil: -store command completed successfully.\r\n"
		}' >"$d.tmp/certutil-store-my.txt"
		mv "$d.tmp" "$d"
	fi
}

make_inputs
echo "sslsift $(./sslsift --version | head -n 1 | cut -d' ' -f2), $(nproc 2>/dev/null || echo '?') CPUs; one run each, --as-of 2026-06-01"
printf '%-16s %10s %9s %11s  %s\n' INPUT SIZE TIME "PEAK RSS" "EXIT"
for in in netsh-400k apphost-attr lines-10m zip-bomb.zip zip-100k.zip server-40k; do
	p="$B/$in"
	size=$(du -sk "$p" | cut -f1)
	"$TIME" -f '%e %M' -o "$B/time" ./sslsift scan --as-of 2026-06-01 \
	    --format json "$p" >"$B/out.json" 2>"$B/err"
	st=$?
	read -r t m <<EOF
$(tail -n 1 "$B/time")
EOF
	printf '%-16s %7s MB %7s s %7.1f MiB  %s\n' "$in" \
	    "$(awk -v k="$size" 'BEGIN { printf "%.0f", k / 1024 }')" "$t" \
	    "$(awk -v k="$m" 'BEGIN { print k / 1024 }')" "$st"
done
[ "$KEEP" = 1 ] || rm -rf "$B"
