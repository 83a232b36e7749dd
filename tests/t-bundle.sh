#!/bin/sh
# Bundle intake: archives against folders, hostile archives, limits,
# symbolic links.
. "$TOP/tests/lib.sh"

# The demo bundle as the customer sent it: without the expectation file of
# `sslsift test`, which a scan of the folder leaves out but an archive of it
# would hold.
mkdir "$T_TMP/demo"
for f in "$TOP"/fixtures/bundles/demo/*; do
	[ "$(basename "$f")" = expect ] || cp "$f" "$T_TMP/demo/"
done
DEMO="$T_TMP/demo"
inv() { printf '%s\n' "$out" | sed "/^bundle '/d"; }   # the report without its header

run scan "$DEMO"
folder=$(inv)

"$MKARCHIVE" "$T_TMP/demo.zip" zip "tree:$DEMO=demo"
run scan --fail-on never "$T_TMP/demo.zip"
is "$rc" 0 "zip of the demo bundle: exit 0"
like "$out" "\(archive\): 7 files" "zip: header"
is "$(inv)" "$folder" "zip gives the same inventory as the folder"

"$MKARCHIVE" "$T_TMP/demo.tar.gz" tgz "tree:$DEMO="
run scan "$T_TMP/demo.tar.gz"
is "$(inv)" "$folder" "tar.gz gives the same inventory as the folder"

"$MKARCHIVE" "$T_TMP/demo.tar" tar "tree:$DEMO=x/y"
run scan "$T_TMP/demo.tar"
like "$out" ' y/sslcert\.txt' "only one common folder is dropped"

cp "$T_TMP/demo.zip" "$T_TMP/renamed.dat"
run scan "$T_TMP/renamed.dat"
is "$(inv)" "$folder" "an archive is recognised by content, not by name"

run_stdin "$T_TMP/demo.zip" scan -
is "$(inv)" "$folder" "a zip on standard input"

# Path traversal: names are cleaned, shown, never used to write anything.
mkdir "$T_TMP/jail"
"$MKARCHIVE" "$T_TMP/jail/evil.zip" zip \
    "file:../../escaped-netsh.txt=$DEMO/sslcert.txt" \
    "file:/etc/abs-netsh.txt=$DEMO/sslcert.txt" \
    "file:C:\\Windows\\win-netsh.txt=$DEMO/sslcert.txt"
before=$(ls -R "$T_TMP" | wc -l)
run scan "$T_TMP/jail/evil.zip"
is "$rc" 0 "zip with ../ paths: exit 0"
like "$out" "warning: archive entry '../../escaped-netsh.txt' has an unsafe path: shown as 'escaped-netsh.txt'" \
    "../ path reported"
like "$out" "netsh .* escaped-netsh\.txt" "../ entry still analysed"
like "$out" "netsh .* etc/abs-netsh\.txt" "absolute path made relative"
like "$out" "netsh .* Windows/win-netsh\.txt" "drive letter dropped"
is "$(ls -R "$T_TMP" | wc -l)" "$before" "nothing written to disk"

# Links inside archives are not followed.
"$MKARCHIVE" "$T_TMP/links.tar" tar "symlink:passwd=/etc/passwd" \
    "hardlink:shadow=/etc/shadow" "file:ok.txt=$DEMO/sslcert.txt"
run scan "$T_TMP/links.tar"
like "$out" "archive entry 'passwd' is a symbolic link: not followed" \
    "symlink entry reported"
like "$out" "archive entry 'shadow' is a hard link: not followed" \
    "hardlink entry reported"
like "$out" "netsh .* ok\.txt" "regular entry still analysed"

# A zip bomb stops at the expansion limit, quickly, with a message.
"$MKARCHIVE" "$T_TMP/bomb.zip" zip \
    "file:a-first.txt=$DEMO/sslcert.txt" \
    "repeat:b-bomb.txt=209715200:  TCP    0.0.0.0:443            0.0.0.0:0              LISTENING       4
" "file:c-after.txt=$DEMO/sslcert.txt"
run scan "$T_TMP/bomb.zip"
is "$rc" 2 "zip bomb: exit 2 (incomplete)"
like "$out" "archive expands more than 250 times \(a zip bomb\?\)" \
    "zip bomb: diagnostic"
like "$out" "netsh .* a-first\.txt" "files before the bomb analysed"

# Encrypted entries are listed, not read.
if "$MKARCHIVE" "$T_TMP/enc.zip" zip "encrypted:secret.txt=hello" 2>/dev/null
then
	run scan "$T_TMP/enc.zip"
	like "$out" "secret.txt: error: encrypted archive entry" \
	    "encrypted entry reported"
else
	skip "encrypted entry reported" "libarchive cannot write ZipCrypto"
fi

# A truncated archive: what was read is reported, exit 2.
"$MKARCHIVE" "$T_TMP/cut.zip" zip "tree:$DEMO=" truncate:3000
run scan "$T_TMP/cut.zip"
is "$rc" 2 "truncated zip: exit 2"
like "$err" "cannot read archive" "truncated zip: message on stderr"

# Too many entries.
"$MKARCHIVE" "$T_TMP/many.zip" zip "many:f=30"
run scan --max-files 10 "$T_TMP/many.zip"
is "$rc" 2 "entry limit: exit 2"
like "$out" 'more than 10 files \(--max-files\)' "entry limit: diagnostic"
like "$out" '\(archive\): 10 files' "entry limit: the first 10 listed"

# Per-file size limit.
run scan --max-file-size 2K "$DEMO"
like "$out" 'applicationHost.config: error: file is 5910 bytes, over the limit of 2048' \
    "file size limit: diagnostic"
like "$out" 'netsh .* sslcert\.txt' "small files still analysed"

# A nested archive is named, not opened.
mkdir "$T_TMP/nest"
cp "$T_TMP/demo.zip" "$T_TMP/nest/inner.zip"
run scan "$T_TMP/nest"
like "$out" "inner.zip: note: zip archive inside the bundle: not opened" \
    "nested archive: note"

# Symbolic links in a folder bundle: inside followed, outside not.
mkdir "$T_TMP/links"
cp "$DEMO/sslcert.txt" "$T_TMP/links/real.txt"
ln -s real.txt "$T_TMP/links/inside.txt"
ln -s /etc/passwd "$T_TMP/links/outside.txt"
run scan "$T_TMP/links"
like "$out" "netsh .* inside\.txt" "symlink inside the bundle followed"
like "$out" "symbolic link 'outside.txt' points outside the bundle: not followed" \
    "symlink outside the bundle not followed"

done_testing
