/* Unit tests for content sniffing (src/sniff.c). */
#include "compat.h"

#include <string.h>

#include "sniff.h"
#include "tap.h"

static void
kind(const char *text, enum artifact_kind want, const char *name)
{
	enum artifact_kind got = sniff_text(text, strlen(text));

	if (!ok(got == want, "%s is %s", name, artifact_kind_name(want)))
		printf("#   got: %s\n", artifact_kind_name(got));
}

int
main(void)
{
	kind(
	    "Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\X]\n",
	    KIND_REG, "regedit header");
	kind("REGEDIT4\n", KIND_REG, "REGEDIT4 header");
	kind("[HKEY_LOCAL_MACHINE\\SYSTEM\\A]\n\"Enabled\"=dword:00000000\n\n"
	     "[HKEY_LOCAL_MACHINE\\SYSTEM\\B]\n\"Enabled\"=dword:00000001\n",
	    KIND_REG, "headerless .reg fragment");
	kind("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/"
	     "event'><System><EventID>1</EventID></System></Event>",
	    KIND_EVENTS, "wevtutil output");
	kind("Log Name:      System\nSource:        Schannel\nEvent Xml:\n"
	     "<Event>\n",
	    KIND_EVENTS, "Event Viewer copy");
	kind("<?xml version=\"1.0\"?>\n<configuration>\n"
	     "<system.applicationHost>\n<sites>\n",
	    KIND_APPHOST, "applicationHost.config");
	kind("<site name=\"a\" id=\"1\">\n<application path=\"/\">\n"
	     "<bindings>\n<binding protocol=\"http\" "
	     "bindingInformation=\"*:80:\" />\n",
	    KIND_APPHOST, "lone <site> fragment");
	kind("My \"Personal\"\n================ Certificate 0 "
	     "================\nSerial Number: 01\n",
	    KIND_CERTUTIL, "certutil -store");
	kind("================ \xe8\xaf\x81\xe4\xb9\xa6 0 ================\n",
	    KIND_CERTUTIL, "localized certutil banner");
	kind("\nSSL Certificate bindings:\n-------------------------\n\n"
	     "    IP:port                      : 0.0.0.0:443\n",
	    KIND_NETSH, "netsh http show sslcert");
	kind("    Hostname:port                : a.b.com:443\n"
	     "    Certificate Hash             : 00\n",
	    KIND_NETSH, "headerless netsh record");
	kind("IP addresses present in the IP listen list:\n"
	     "-------------------------------------------\n\n    10.0.0.1\n",
	    KIND_NETSH, "netsh http show iplisten");
	kind("  TCP    0.0.0.0:443            0.0.0.0:0              "
	     "LISTENING       4\n  TCP    [::]:443               [::]:0    "
	     "             LISTENING       4\n",
	    KIND_NETSTAT, "headerless netstat rows");
	kind("Customer says https is broken.\nPlease help.\n", KIND_UNKNOWN,
	    "prose");
	kind("", KIND_UNKNOWN, "empty text");

	ok(sniff_evtx((const unsigned char *)"ElfFile\0\0\0", 10),
	    "evtx magic");
	ok(!sniff_evtx((const unsigned char *)"ElfFil", 6),
	    "short evtx magic is not evtx");
	ok(sniff_archive((const unsigned char *)"PK\003\004xx", 6) == SNIFF_ZIP,
	    "zip magic");
	ok(sniff_archive((const unsigned char *)"\x1f\x8b\x08", 3) ==
		SNIFF_GZIP,
	    "gzip magic");
	ok(sniff_archive((const unsigned char *)"plain", 5) ==
		SNIFF_NOT_ARCHIVE,
	    "text is no archive");
	return done_testing();
}
