/*
 * genevents: write a synthetic but realistic System-log export for
 * `make bench`.
 *
 *   genevents bare|wrapped SIZE > file.xml
 *
 * bare:    what `wevtutil qe System /f:xml` writes: one event per line,
 *          single-quoted attributes, no root, no declaration.
 * wrapped: what Event Viewer's "Save as XML" writes: a declaration, then
 *          <Events>, every event with its RenderingInfo, all on one line.
 *
 * The mix is a busy IIS server's System log: Service Control Manager,
 * DCOM, time, Group Policy, Windows Update, WAS and others, with about 5%
 * Schannel (36887, 36888, 36874, 36870) and a few HttpEvent 15021.  The
 * output is the same for the same arguments (a fixed seed).  SIZE takes a
 * K, M or G suffix; writing stops at the first event boundary past it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

struct kind {
	unsigned weight; /* per 1000 events */
	const char *provider, *guid, *source;
	unsigned id, qualifiers, level, task;
	const char *keywords;
	const char *user; /* Security/@UserID, NULL for <Security/> */
	const char *data; /* the EventData (or UserData) element */
	const char *message, *level_name, *task_name, *keyword_name;
};

#define EVNS "http://schemas.microsoft.com/win/2004/08/events/event"

/* clang-format off */
static const struct kind kinds[] = {
	{ 330, "Service Control Manager", "{555908d1-a6d7-4695-8e1e-26931d2012f4}",
	  "Service Control Manager", 7036, 16384, 4, 0, "0x8080000000000000", NULL,
	  "<EventData><Data Name='param1'>Windows Update</Data><Data Name='param2'>running</Data>"
	  "<Binary>770075006100750073007600630000000000</Binary></EventData>",
	  "The Windows Update service entered the running state.", "Information", "", "Classic" },
	{ 120, "Service Control Manager", "{555908d1-a6d7-4695-8e1e-26931d2012f4}",
	  "Service Control Manager", 7036, 16384, 4, 0, "0x8080000000000000", NULL,
	  "<EventData><Data Name='param1'>Background Intelligent Transfer Service</Data>"
	  "<Data Name='param2'>stopped</Data><Binary>42004900540053002F0031000000</Binary></EventData>",
	  "The Background Intelligent Transfer Service service entered the stopped state.",
	  "Information", "", "Classic" },
	{ 40, "Service Control Manager", "{555908d1-a6d7-4695-8e1e-26931d2012f4}",
	  "Service Control Manager", 7040, 16384, 4, 0, "0x8080000000000000", "S-1-5-18",
	  "<EventData><Data Name='param1'>Background Intelligent Transfer Service</Data>"
	  "<Data Name='param2'>demand start</Data><Data Name='param3'>auto start</Data>"
	  "<Data Name='param4'>BITS</Data></EventData>",
	  "The start type of the Background Intelligent Transfer Service service was changed from "
	  "demand start to auto start.", "Information", "", "Classic" },
	{ 150, "Microsoft-Windows-DistributedCOM", "{1B562E86-B7AA-4131-BADC-B6F3A001407E}",
	  "DCOM", 10016, 0, 3, 0, "0x8080000000000000", "S-1-5-20",
	  "<EventData><Data Name='param1'>application-specific</Data><Data Name='param2'>Local</Data>"
	  "<Data Name='param3'>Activation</Data><Data Name='param4'>{D63B10C5-BB46-4990-A94F-E40B9D520160}</Data>"
	  "<Data Name='param5'>{9CA88EE3-ACB7-47C8-AFC4-AB702511C276}</Data><Data Name='param6'>NT AUTHORITY</Data>"
	  "<Data Name='param7'>NETWORK SERVICE</Data><Data Name='param8'>S-1-5-20</Data>"
	  "<Data Name='param9'>LocalHost (Using LRPC)</Data><Data Name='param10'>Unavailable</Data>"
	  "<Data Name='param11'>Unavailable</Data></EventData>",
	  "The application-specific permission settings do not grant Local Activation permission for "
	  "the COM Server application with CLSID {D63B10C5-BB46-4990-A94F-E40B9D520160} and APPID "
	  "{9CA88EE3-ACB7-47C8-AFC4-AB702511C276} to the user NT AUTHORITY\\NETWORK SERVICE SID (S-1-5-20) "
	  "from address LocalHost (Using LRPC) running in the application container Unavailable SID "
	  "(Unavailable). This security permission can be modified using the Component Services "
	  "administrative tool.", "Warning", "", "Classic" },
	{ 60, "Microsoft-Windows-Kernel-General", "{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}", NULL,
	  16, 0, 4, 0, "0x8000000000000000", "S-1-5-18",
	  "<EventData><Data Name='HiveNameLength'>38</Data>"
	  "<Data Name='HiveName'>\\??\\C:\\Windows\\AppCompat\\Programs\\Amcache.hve</Data>"
	  "<Data Name='KeysUpdated'>45</Data><Data Name='DirtyPages'>38</Data></EventData>",
	  "The access history in hive \\??\\C:\\Windows\\AppCompat\\Programs\\Amcache.hve was cleared "
	  "updating 45 keys and creating 38 modified pages.", "Information", "", "" },
	{ 50, "Microsoft-Windows-Time-Service", "{06EDCFEB-0FD0-4E53-ACCA-A6F8BBF81BCB}", NULL,
	  37, 0, 4, 0, "0x8000000000000000", "S-1-5-19",
	  "<EventData><Data Name='TimeSource'>dc01.contoso.local (ntp.d|10.0.0.10:123-&gt;10.0.0.20:123)</Data>"
	  "</EventData>",
	  "The time provider NtpClient is currently receiving valid time data from dc01.contoso.local "
	  "(ntp.d|10.0.0.10:123->10.0.0.20:123).", "Information", "", "" },
	{ 30, "EventLog", NULL, "EventLog", 6013, 32768, 4, 0, "0x80000000000000", NULL,
	  "<EventData><Data></Data><Data></Data><Data></Data><Data></Data><Data>1214367</Data>"
	  "<Data>60</Data><Data>0 Coordinated Universal Time</Data></EventData>",
	  "The system uptime is 1214367 seconds.", "Information", "None", "Classic" },
	{ 50, "Microsoft-Windows-GroupPolicy", "{AEA1B4FA-97D1-45F2-A64C-4D69FFFD92C9}", NULL,
	  1502, 0, 4, 0, "0x8000000000000000", "S-1-5-18",
	  "<EventData><Data Name='SupportInfo1'>1</Data><Data Name='SupportInfo2'>4530</Data>"
	  "<Data Name='ProcessingMode'>0</Data><Data Name='ProcessingTimeInMilliseconds'>1219</Data>"
	  "<Data Name='NumberOfGroupPolicyObjects'>3</Data></EventData>",
	  "The Group Policy settings for the computer were processed successfully. New settings from "
	  "3 Group Policy objects were detected and applied.", "Information", "", "" },
	{ 40, "Microsoft-Windows-WindowsUpdateClient", "{945A8954-C147-4ACD-923F-40C45405A658}", NULL,
	  19, 0, 4, 1, "0x8000000000000018", "S-1-5-18",
	  "<EventData><Data Name='updateTitle'>Security Intelligence Update for Microsoft Defender "
	  "Antivirus - KB2267602 (Version 1.405.95.0)</Data>"
	  "<Data Name='updateGuid'>{c0fb2b30-4a3e-4f2c-8f5e-a7e1c87d6c0b}</Data>"
	  "<Data Name='updateRevisionNumber'>200</Data><Data Name='serviceGuid'>"
	  "{9482f4b4-e343-43b6-b170-9a65bc822c77}</Data></EventData>",
	  "Installation Successful: Windows successfully installed the following update: Security "
	  "Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.405.95.0)",
	  "Information", "Windows Update Agent", "Installation" },
	{ 30, "Tcpip", NULL, "Tcpip", 4227, 32768, 3, 0, "0x80000000000000", NULL,
	  "<EventData><Data></Data><Data>TCP</Data><Binary>0000000002003000000000008310008000000000"
	  "000000000000000000000000000000000000000000</Binary></EventData>",
	  "TCP/IP failed to establish an outgoing connection because the selected local endpoint was "
	  "recently used to connect to the same remote endpoint.", "Warning", "None", "Classic" },
	{ 35, "Microsoft-Windows-WAS", "{524B5D04-133C-4A62-8362-64E8EDB9CE40}", "WAS",
	  5186, 16384, 4, 0, "0x80000000000000", NULL,
	  "<EventData><Data Name='AppPoolID'>DefaultAppPool</Data><Data Name='ProcessID'>6748</Data>"
	  "<Data Name='MinutesIdle'>20</Data></EventData>",
	  "A worker process with process id of '6748' serving application pool 'DefaultAppPool' was "
	  "shutdown due to inactivity. Application Pool timeout configuration was set to 20 minutes. "
	  "A new worker process will be started when needed.", "Information", "None", "Classic" },
	{ 15, "Microsoft-Windows-Kernel-Power", "{331C3B3A-2005-44C2-AC5E-77220C37D6B4}", NULL,
	  172, 0, 4, 268, "0x8000000000000404", "S-1-5-18",
	  "<EventData><Data Name='State'>2</Data><Data Name='Reason'>0</Data></EventData>",
	  "Connectivity state in standby: Connected, Reason: NIC compliance", "Information",
	  "Connectivity State", "" },
	{ 20, "Schannel", "{1f678132-5938-4686-9fdc-c8ff68f15c85}", NULL,
	  36887, 0, 2, 0, "0x8000000000000000", "S-1-5-18",
	  "<EventData><Data Name='AlertDesc'>46</Data></EventData>",
	  "A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert "
	  "code is 46.", "Error", "", "" },
	{ 20, "Schannel", "{1f678132-5938-4686-9fdc-c8ff68f15c85}", NULL,
	  36888, 0, 2, 0, "0x8000000000000000", "S-1-5-18",
	  "<EventData><Data Name='AlertDesc'>40</Data><Data Name='ErrorState'>1205</Data></EventData>",
	  "A fatal alert was generated and sent to the remote endpoint. This may result in termination "
	  "of the connection. The TLS protocol defined fatal error code is 40. The Windows SChannel "
	  "error state is 1205.", "Error", "", "" },
	{ 6, "Schannel", "{1f678132-5938-4686-9fdc-c8ff68f15c85}", NULL,
	  36874, 0, 2, 0, "0x8000000000000000", "S-1-5-18",
	  "<EventData><Data Name='Protocol'>TLS 1.0</Data></EventData>",
	  "An TLS 1.0 connection request was received from a remote client application, but none of "
	  "the cipher suites supported by the client application are supported by the server. The "
	  "TLS connection request has failed.", "Error", "", "" },
	{ 4, "Schannel", "{1f678132-5938-4686-9fdc-c8ff68f15c85}", NULL,
	  36870, 0, 2, 0, "0x8000000000000000", "S-1-5-18",
	  "<EventData><Data Name='Type'>server</Data><Data Name='ErrorCode'>0x80090016</Data>"
	  "<Data Name='ErrorStatus'>10001</Data></EventData>",
	  "A fatal error occurred when attempting to access the TLS server credential private key. "
	  "The error code returned from the cryptographic module is 0x80090016. The internal error "
	  "state is 10001.", "Error", "", "" },
	{ 1, "Microsoft-Windows-HttpEvent", "{7b6bc78c-898b-4170-bbf8-1a469ea43fc5}", "HTTP",
	  15021, 49152, 2, 0, "0x80000000000000", NULL,
	  "<EventData><Data Name='DeviceObject'>\\Device\\Http\\ReqQueue</Data>"
	  "<Data Name='Endpoint'>0.0.0.0:443</Data><Binary>000004000200300000000000AD3A00C0"
	  "0000000000000000000000000000000000000000000000005F0000C0</Binary></EventData>",
	  "An error occurred while using SSL configuration for endpoint 0.0.0.0:443.  The error "
	  "status code is contained within the returned data.", "Error", "", "Classic" },
};
/* clang-format on */

static unsigned long long
parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	switch (*end) {
	case 'k':
	case 'K':
		v <<= 10;
		break;
	case 'm':
	case 'M':
		v <<= 20;
		break;
	case 'g':
	case 'G':
		v <<= 30;
		break;
	default:
		break;
	}
	return v;
}

/* Write s with the XML special characters escaped (for messages). */
static size_t
put_escaped(const char *s, FILE *f)
{
	size_t n = 0;

	for (; *s; s++) {
		switch (*s) {
		case '<':
			n += (size_t)fprintf(f, "&lt;");
			break;
		case '>':
			n += (size_t)fprintf(f, "&gt;");
			break;
		case '&':
			n += (size_t)fprintf(f, "&amp;");
			break;
		default:
			putc(*s, f);
			n++;
		}
	}
	return n;
}

int
main(int argc, char **argv)
{
	unsigned long long size, written = 0, record = 1187342;
	unsigned long long secs = 1709251200ULL; /* 2024-03-01 00:00 UTC */
	unsigned total = 0;
	int wrapped;
	static char out[1 << 20];

	if (argc != 3 ||
	    (strcmp(argv[1], "bare") != 0 && strcmp(argv[1], "wrapped") != 0)) {
		fprintf(stderr, "usage: genevents bare|wrapped SIZE\n");
		return 2;
	}
	wrapped = strcmp(argv[1], "wrapped") == 0;
	size = parse_size(argv[2]);
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		total += kinds[i].weight;
	if (wrapped)
		written +=
		    (size_t)printf("<?xml version=\"1.0\" encoding=\"utf-8\" "
				   "standalone=\"yes\"?>\r\n<Events>");
	while (written < size) {
		unsigned pick = rnd(total), d, h, mi, s, y, mo;
		const struct kind *k = kinds;
		unsigned long long t, days;

		while (pick >= k->weight) {
			pick -= k->weight;
			k++;
		}
		secs += rnd(40);
		t = secs;
		/* civil date from days since 1970 (Howard Hinnant's) */
		days = t / 86400;
		s = (unsigned)(t % 60);
		mi = (unsigned)(t / 60 % 60);
		h = (unsigned)(t / 3600 % 24);
		{
			long long z = (long long)days + 719468;
			long long era = z / 146097;
			unsigned doe = (unsigned)(z - era * 146097);
			unsigned yoe =
			    (doe - doe / 1460 + doe / 36524 - doe / 146096) /
			    365;
			unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
			unsigned mp = (5 * doy + 2) / 153;

			d = doy - (153 * mp + 2) / 5 + 1;
			mo = mp < 10 ? mp + 3 : mp - 9;
			y = (unsigned)(yoe + era * 400) + (mo <= 2);
		}
		written += (size_t)printf("<Event xmlns='" EVNS "'><System>"
					  "<Provider Name='%s'",
		    k->provider);
		if (k->guid != NULL)
			written += (size_t)printf(" Guid='%s'", k->guid);
		if (k->source != NULL)
			written +=
			    (size_t)printf(" EventSourceName='%s'", k->source);
		written += (size_t)printf("/>");
		if (k->qualifiers != 0 || k->source != NULL)
			written += (size_t)
			    printf("<EventID Qualifiers='%u'>%u</EventID>",
				k->qualifiers, k->id);
		else
			written +=
			    (size_t)printf("<EventID>%u</EventID>", k->id);
		written += (size_t)printf(
		    "<Version>0</Version><Level>%u</Level><Task>%u</Task>"
		    "<Opcode>0</Opcode><Keywords>%s</Keywords>"
		    "<TimeCreated SystemTime='%04u-%02u-%02uT%02u:%02u:%02u."
		    "%07u00Z'/><EventRecordID>%llu</EventRecordID>"
		    "<Correlation/><Execution ProcessID='%u' ThreadID='%u'/>"
		    "<Channel>System</Channel>"
		    "<Computer>WEB01.contoso.local</Computer>",
		    k->level, k->task, k->keywords, y, mo, d, h, mi, s,
		    rnd(10000000), record++, 600 + rnd(400) * 4,
		    1000 + rnd(9000) * 4);
		if (k->user != NULL)
			written +=
			    (size_t)printf("<Security UserID='%s'/></System>",
				k->user);
		else
			written += (size_t)printf("<Security/></System>");
		written += (size_t)printf("%s", k->data);
		if (wrapped) {
			written += (size_t)printf(
			    "<RenderingInfo Culture='en-US'><Message>");
			written += put_escaped(k->message, stdout);
			written += (size_t)printf(
			    "</Message><Level>%s</Level><Task>%s</Task>"
			    "<Opcode>Info</Opcode><Channel>System</Channel>"
			    "<Provider>%s</Provider><Keywords>",
			    k->level_name, k->task_name, k->provider);
			if (*k->keyword_name != '\0')
				written +=
				    (size_t)printf("<Keyword>%s</Keyword>",
					k->keyword_name);
			written += (size_t)printf(
			    "</Keywords></RenderingInfo></Event>");
		} else {
			written += (size_t)printf("</Event>\r\n");
		}
	}
	if (wrapped)
		printf("</Events>");
	return fflush(stdout) == 0 ? 0 : 1;
}
