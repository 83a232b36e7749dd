/*
 * The model: everything the parsers learned about one bundle.
 *
 * A model owns its artifacts, its records and every string reachable from
 * them; they live in one arena and die together in model_free().  Pointers
 * handed out by model_* functions are borrowed and stay valid until then.
 * Nothing in the model points into a libxml2 document, a PCRE2 match or a
 * cJSON tree: parsers copy what they keep.
 *
 * Records are typed C structs (struct binding, struct cert, ...).  Each type
 * also has a field table (struct rectype), so code that must stay generic,
 * such as `sslsift dump` and the rule engine, reads fields by name while
 * parsers keep their types.  Adding a field means adding it to the struct and
 * to its table in model.c; nothing else changes.
 */
#ifndef SSLSIFT_MODEL_H
#define SSLSIFT_MODEL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* Kinds of artifact, detected by content (see sniff.h). */
enum artifact_kind {
	KIND_UNKNOWN,
	KIND_APPHOST,  /* applicationHost.config */
	KIND_NETSH,    /* netsh http show sslcert / iplisten, httpcfg query */
	KIND_NETSTAT,  /* netstat -ano / -anob */
	KIND_EVENTS,   /* event XML exports and Event Viewer copies */
	KIND_CERTUTIL, /* certutil -store / -v / -dump / -repairstore */
	KIND_REG,      /* reg export / regedit .reg files */
	KIND_EVTX,     /* binary .evtx event logs */
	KIND__COUNT
};

/* "apphost", "netsh", ...: the names every output uses. */
const char *artifact_kind_name(enum artifact_kind k);
/* KIND__COUNT when the name is unknown. */
enum artifact_kind artifact_kind_from_name(const char *name);

enum parse_status {
	PARSE_NONE,    /* no parser ran (unknown kind, or no parser built in) */
	PARSE_OK,      /* every line/element understood */
	PARSE_PARTIAL, /* records added, some input skipped: see diagnostics */
	PARSE_FAILED,  /* nothing usable: as if the file were absent */
};

/* "none", "ok", "partial", "failed". */
const char *parse_status_name(enum parse_status s);

struct tally_entry {
	const char *provider; /* arena */
	long long id;
	unsigned long count;
};

struct artifact {
	const char *path; /* inside the bundle, '/'-separated; arena */
	enum artifact_kind kind;
	const char *encoding; /* text_format_name(), static */
	const char
	    *newline; /* decoder_newline_name(), static; NULL if binary */
	enum parse_status status;
	unsigned long long size; /* bytes as stored in the bundle */
	unsigned long seq;	 /* order of discovery, to break path ties */
	struct diag_list diags;	 /* owned; path is this artifact's */
	unsigned long records;	 /* records this artifact contributed */
	/* Event logs only (kind events or evtx). */
	unsigned long events_total;   /* events read */
	unsigned long events_kept;    /* turned into records */
	unsigned long events_skipped; /* unreadable */
	/* Events read but not kept, counted by provider and id. */
	struct tally_entry *tally;
	size_t ntally;
	size_t tally_slots; /* open-addressing table of tally indexes + 1 */
	size_t *tally_index;
	/*
	 * Artifacts read whole (every kind but events and evtx): the decoded
	 * text, kept so that findings can quote the lines they rest on.  See
	 * model_keep_text() and artifact_line().
	 */
	char *text; /* owned; NULL when not kept */
	size_t text_len;
	size_t *line_start; /* offset of line i+1 in text; owned */
	size_t nlines;
};

/* Where a record came from: the artifact path and the 1-based line. */
struct srcpos {
	const char *path;   /* borrowed from the artifact */
	unsigned long line; /* 0 when unknown (binary inputs) */
};

/* Every record starts with this. */
struct rec {
	struct srcpos pos;
	unsigned long seq; /* order of creation, for stable sorting */
	const struct artifact *artifact;
};

/* An ordered list of strings, e.g. a certificate's SANs. */
struct strlist {
	const char **v;
	size_t n;
	size_t alloc;
};

/* An ordered list of name/value pairs; names may repeat. */
struct kv {
	const char *name; /* NULL for unnamed values */
	const char *value;
};

struct kvlist {
	struct kv *v;
	size_t n;
	size_t alloc;
};

/* Absent integers and booleans; absent strings are NULL. */
#define INT_NONE LLONG_MIN
#define BOOL_NONE ((signed char)-1)

/* References from derived records to the records they were made from. */
struct reflist {
	const struct rec **v;
	size_t n;
	size_t alloc;
};

/*
 * Record types.  The order is the order of `sslsift dump` output.
 * Derived (joined) records made by combiners (combine.h) come after the
 * parsed ones, from REC__DERIVED on.
 */
enum rec_type {
	REC_HOST,
	REC_SITE,
	REC_BINDING,
	REC_ACCESS,
	REC_METADATA,
	REC_SSLCERT,
	REC_IPLISTEN,
	REC_SOCKET,
	REC_EVENT,
	REC_CERT,
	REC_REGVAL,
	/* Derived records, made once per bundle by combine_run(). */
	REC_ARTIFACT,
	REC_SYSTEM,
	REC_PROTOCOL,
	REC_SCHANNEL,
	REC_SERVED,
	REC_EFFBINDING,
	REC_LEGACYHASH,
	REC__COUNT
};

#define REC__DERIVED REC_ARTIFACT

/* What an artifact reveals about the host: computer name, OS/IIS version. */
struct host_fact {
	struct rec r;
	const char *name; /* "computer", "os_version", "os_build",
			     "iis_version", "iis_flavor" */
	const char *value;
};

/* applicationHost.config <site>. */
struct site {
	struct rec r;
	long long id;
	const char *name;
};

/* applicationHost.config <binding> (also under <siteDefaults>). */
struct binding {
	struct rec r;
	long long site_id;
	const char *site_name;	 /* NULL for siteDefaults */
	const char *protocol;	 /* "https", "http", "net.tcp", ... */
	const char *information; /* bindingInformation as written */
	const char *address;	 /* "*", "10.0.0.5", "[::1]", "" (http/https) */
	long long port;
	const char *host;	/* host header, "" when none */
	long long ssl_flags;	/* the sslFlags integer; INT_NONE if absent */
	signed char sni;	/* sslFlags bit 1 */
	signed char ccs;	/* sslFlags bit 2 */
	const char *cert_hash;	/* legacy certificateHash attribute */
	const char *cert_store; /* legacy certificateStoreName attribute */
};

/* <location path=...><system.webServer><security><access sslFlags=...>. */
struct access {
	struct rec r;
	const char *location;  /* "" for the server level */
	const char *ssl_flags; /* as written: "Ssl, SslNegotiateCert" */
	signed char ssl;
	signed char negotiate_cert;
	signed char require_cert;
};

/* applicationHost.config customMetadata/key/property (ABO mapper). */
struct metadata {
	struct rec r;
	const char *key;   /* "LM/W3SVC/1" */
	long long site_id; /* from the key path, INT_NONE if none */
	long long prop_id; /* 5506 = SSLCertHash */
	const char *data_type;
	const char *user_type;
	const char *attributes;
	const char *value;
	const char
	    *decoded_hex;      /* value as base64, in lowercase hex, if valid */
	long long decoded_len; /* bytes decoded; INT_NONE if not base64 */
};

/*
 * One http.sys SSL binding (netsh http show sslcert, httpcfg query ssl).
 *
 * hash_state says what cert_hash holds: "ok" (40 lowercase hex digits),
 * or the raw text of a hash that is "empty", "short" (fewer than 40 hex
 * digits), "long" (more), "nonhex" (anything but hex digits and blanks,
 * such as a redacted "<THUMBPRINT>") or "zero" (40 zeros).  NULL when the
 * record has no hash line at all.
 *
 * The booleans are 1 for "Enabled"/"Set", 0 for "Disabled"/"Not Set", and
 * BOOL_NONE when the line is absent (older Windows, a cut record) or its
 * value is not one of those words.  httpcfg prints numbers instead; its
 * CertCheckMode and Flags bits fill verify_revocation, usage_check,
 * ds_mapper and negotiate_client_cert.
 *
 * `listing` numbers the outputs in one file (1, 2, ...): a file with
 * "show sslcert" run before and after a change holds both, and the
 * highest listing is the latest state.
 */
struct sslcert {
	struct rec r;
	const char *type;     /* "ipport", "hostnameport", "ccs" */
	const char *endpoint; /* as written: "0.0.0.0:443", "www.x.com:443" */
	const char *address;  /* IP ("0.0.0.0", "[::]") or host name */
	long long port;
	const char *cert_hash;	/* 40 lowercase hex digits, or the raw text */
	const char *hash_state; /* see above */
	const char *app_id;	/* "{...}" lowercase; other text as written */
	const char *store;	/* Certificate Store Name, "(null)" kept */
	const char *source;	/* "netsh" or "httpcfg" */
	long long listing;
	signed char verify_revocation;	   /* Verify Client Cert. Revocation */
	signed char usage_check;	   /* Usage Check */
	signed char negotiate_client_cert; /* Negotiate Client Certificate */
	signed char ds_mapper;		   /* DS Mapper Usage */
	signed char reject;		   /* Reject Connections */
	signed char disable_http2;
	signed char disable_quic;
	signed char disable_tls12;
	signed char disable_tls13;
	signed char disable_legacy_tls; /* Disable Legacy TLS Versions */
	signed char disable_ocsp_stapling;
	signed char enable_session_ticket;
	const char *ctl_identifier; /* as written, "(null)" kept */
	const char *ctl_store;	    /* Ctl Store Name, as written */
	struct kvlist fields; /* every field, labels and values as written;
				 Extended Properties lines as
				 "Extended Properties/<label>" */
};

/* netsh http show iplisten, httpcfg query iplisten: one address. */
struct iplisten {
	struct rec r;
	const char *address; /* as written: "192.168.33.2", "::" */
	long long listing;   /* as in struct sslcert */
};

/*
 * One netstat row, with the -b lines under it.
 *
 * Addresses are as written: "0.0.0.0", "[::]", "[fe80::1%12]", or a host
 * name when netstat ran without -n ("orion"); remote_address is "*" for
 * UDP.  local_port is absent when the row names the port by service
 * ("epmap") instead of a number.  state is kept as written, localised
 * words included ("LISTENING", "ABHÖREN", "IN ASCOLTO").  pid is absent
 * when the listing has no PID column (no -o).
 *
 * owner_unavailable: true when -b printed "Can not obtain ownership
 * information" (or its translation) instead of a process, which is what
 * System (PID 4, http.sys) sockets show; false when -b named the process;
 * absent when the listing has no -b lines for the row.
 */
struct sock {
	struct rec r;
	const char *proto; /* "TCP", "UDP" */
	const char *local_address;
	long long local_port;
	const char *remote_address;
	const char *remote_port; /* text: "*", "0", "443", "https" (no -n) */
	const char *state;	 /* "LISTENING", ...; NULL for UDP */
	long long pid;
	const char *process;   /* -b: "[w3wp.exe]" without brackets */
	const char *component; /* -b: service name line, e.g. "RpcSs" */
	signed char owner_unavailable;
};

/*
 * Events from an XML export, an Event Viewer copy or an .evtx log.  One
 * record stands for every event of an artifact that is identical in all
 * fields but time, record_id and line (a log repeats the same Schannel
 * alert thousands of times): occurrences counts them, time, record_id and
 * line are those of the first one met, time_first and time_last the
 * earliest and latest time among them.  See event.h for each field.
 */
struct event {
	struct rec r;
	const char *format; /* "xml", "copy-details", "tree-view", "evtx" */
	const char *channel;
	const char *provider;	   /* Provider/@Name */
	const char *provider_guid; /* as written: "{1F678132-...}" */
	const char *source_name;   /* classic EventSourceName: "HTTP" */
	long long event_id;
	long long qualifiers;
	long long version;
	long long level;
	long long task;
	const char *keywords;
	const char *time; /* UTC, ISO-8601 "2022-10-16T20:27:36.2228549Z" */
	const char *time_first; /* earliest time of the occurrences */
	const char *time_last;	/* latest */
	long long record_id;
	const char *computer;
	const char *user_sid;
	struct kvlist data; /* EventData/Data by name (unnamed: name NULL) */
	struct kvlist user_data; /* UserData children, flattened "A/B" names */
	const char *binary;	 /* hex, as written */
	const char *message;	 /* rendered message, when present */
	const char
	    *error_code; /* normalised "0x80090016", when any field has one */
	const char *ntstatus;  /* decoded from Binary, "0xc000005f" */
	signed char truncated; /* true: the event was cut off (a pasted
				  excerpt); absent otherwise */
	long long occurrences; /* identical events this record stands for */
	const char *side;      /* Schannel's Type data, normalised: "client" or
				  "server" (Windows localizes the value) */
};

/*
 * One certificate from certutil output (-store, -v -store, -dump,
 * -repairstore, -exportPFX, -scinfo).
 *
 * key_state says whether the dump shows a usable private key:
 *   "no_key_provider"  "No key provider information" (the certificate has
 *                      no CERT_KEY_PROV_INFO property: no key is associated)
 *                      or "Cannot find the certificate and private key for
 *                      decryption." (CRYPT_E_NO_KEY_PROPERTY); wins over
 *                      "Missing stored keyset" printed after it
 *   "missing_keyset"   "Missing stored keyset": key provider information
 *                      names a container that cannot be opened
 *   "test_failed"      a key test line says FAILED (key there, unusable)
 *   "present"          a key test passed: "Encryption test passed",
 *                      "Signature test passed", their "(CNG)" forms,
 *                      "... test passed", "Public key matching test
 *                      succeeded" (or a localized equivalent)
 *   "unknown"          none of these lines: the excerpt or a -dump of a
 *                      .cer does not say, or key lines without a result
 * A root CA in the Root store normally shows "no_key_provider"; a rule
 * about served certificates should flag every state but "present", and
 * treat "unknown" as "not shown" rather than "missing".
 *
 * exportable: 0 for "Private key is NOT exportable"; 1 for "Private key is
 * NOT plain text exportable" (a KSP key that exports to a PFX, only not in
 * plain text); absent when no such line is printed.
 */
struct cert {
	struct rec r;
	const char *store;  /* first word of the store header: "My", "my",
			       "Root", "CA"; absent without a header */
	long long index;    /* N of the "Certificate N" banner; a certificate
			       in a -dump nesting level keeps its banner's N */
	const char *serial; /* lowercase hex, no blanks */
	const char *subject;
	const char *issuer;
	const char *not_before;	    /* "2026-04-25T19:26:00", local time, set
				       when the date order is known */
	const char *not_before_raw; /* as written */
	const char *not_after;
	const char *not_after_raw;
	const char *thumbprint; /* SHA-1, 40 lowercase hex digits */
	const char *key_state;	/* see above */
	const char *provider;
	const char *key_container;
	const char *unique_container;
	long long key_spec; /* 1 AT_KEYEXCHANGE, 2 AT_SIGNATURE, 0 none */
	signed char exportable;
	struct strlist key_tests;  /* each test line, blanks squeezed */
	struct strlist ekus;	   /* OIDs, e.g. "1.3.6.1.5.5.7.3.1" */
	struct strlist sans;	   /* DNS names */
	const char *sig_alg;	   /* "sha256RSA" */
	long long key_size;	   /* bits */
	const char *template_name; /* the template's name: "WebServer" */
	signed char root; /* "Root Certificate" / "Non-root Certificate" */
};

/*
 * One line of a .reg file under the SCHANNEL key, HKEY_LOCAL_MACHINE\SYSTEM\
 * CurrentControlSet\Control\SecurityProviders\SCHANNEL (parse_reg.c).
 *
 * op       "key"           [K]: the key exists (name "", no type or data)
 *          "set"           "N"=... or @=... (the default value, name "")
 *          "delete_value"  "N"=- (no type or data)
 *          "delete_key"    [-K] (name "", no type or data)
 * key      the root in full (HKLM\ becomes HKEY_LOCAL_MACHINE\) and
 *          SYSTEM\ControlSetNNN (or CurrentControlSet in any case) as
 *          SYSTEM\CurrentControlSet; every other part keeps its case as
 *          written.  Windows compares keys case-insensitively, and so must
 *          rules.
 * type     "REG_SZ" ("...", hex(1):), "REG_DWORD" (dword:, hex(4):),
 *          "REG_BINARY" (hex:, hex(3):), "REG_EXPAND_SZ" (hex(2):),
 *          "REG_MULTI_SZ" (hex(7):), "REG_QWORD" (hex(b):), "REG_NONE"
 *          (hex(0):), "REG_DWORD_BIG_ENDIAN" (hex(5):), "REG_LINK"
 *          (hex(6):), "REG_RESOURCE_LIST" (hex(8):),
 *          "REG_FULL_RESOURCE_DESCRIPTOR" (hex(9):),
 *          "REG_RESOURCE_REQUIREMENTS_LIST" (hex(a):); any other hex(N):
 *          is "REG_TYPE_N" with N in decimal.
 * data     the text after '=' as written, hex continuation lines joined
 *          without their '\' and indentation: "dword:ffffffff", "\"0\"",
 *          "hex(7):41,00,00,00,00,00".
 * num      the number of a REG_DWORD (dword:ffffffff is 4294967295),
 *          REG_DWORD_BIG_ENDIAN or REG_QWORD (up to 2^63-1); absent for
 *          other types, so also for a REG_SZ that holds digits ("0"), and
 *          when the data has the wrong length (a note says so).
 * text     the string of a REG_SZ ("..." with \\ and \" undone) or of
 *          a REG_EXPAND_SZ or hex(1): REG_SZ (hex decoded from UTF-16LE,
 *          or Windows-1252 in REGEDIT4 files, up to the first NUL;
 *          %variables% stay unexpanded).
 * strings  the strings of a REG_MULTI_SZ, decoded the same way, in order,
 *          up to the empty string that ends the list.
 */
struct regval {
	struct rec r;
	const char *key;
	const char *key_raw; /* as written between the brackets */
	const char *name;    /* as written, escapes undone */
	const char *op;
	const char *type;
	const char *data;
	long long num;
	const char *text;
	struct strlist strings;
};

/*
 * Derived records: what combiners (combine.h) compute once per bundle from
 * the parsed ones, so that rules needing a join stay declarative.  FT_REF
 * and FT_REFS fields point to the records a derived one was made from; they
 * are the finding's evidence.  Booleans are BOOL_NONE, and references NULL,
 * when the artifact that would decide them is not in the bundle: absent
 * artifacts are not evidence.
 */

/* One artifact of the bundle, for the input-health rules (INP). */
struct artifact_rec {
	struct rec r; /* at the artifact's first error or warning */
	const char *path;
	const char *kind;   /* artifact_kind_name() */
	const char *status; /* parse_status_name() */
	long long errors;   /* diagnostics at level error */
	long long warnings;
	const char *problem; /* the first error (else warning) message */
};

/* The server as the bundle describes it; exactly one per bundle. */
struct system {
	struct rec r;
	const char *computer;
	const char *os;		 /* "Windows Server 2016"; NULL: unknown */
	const char *os_release;	 /* "2008", "2008r2", ..., "2025", "win10" */
	const char *iis_version; /* "10.0"; from a host fact or the OS */
	signed char iis_old;	 /* IIS 7.5 or older (no SNI, no CCS) */
	struct reflist facts;	 /* the host facts used */
};

/* One cell of the protocol matrix: Server/Client x SSL 2.0..TLS 1.3. */
struct protocol {
	struct rec r; /* at the deciding registry value, if any */
	const char
	    *protocol;	     /* "SSL 2.0", "SSL 3.0", "TLS 1.0" ... "TLS 1.3" */
	const char *side;    /* "server", "client" */
	const char *state;   /* "enabled", "disabled", "disabled_by_default",
				"not_supported", "unknown" */
	signed char enabled; /* effective; BOOL_NONE when unknown */
	const char *source;  /* "registry", "os_default", "unknown" */
	signed char supported;	       /* by the OS; BOOL_NONE: OS unknown */
	long long enabled_value;       /* the Enabled DWORD, if set */
	long long disabled_by_default; /* the DisabledByDefault DWORD, if set */
	struct reflist values;	       /* the registry values read */
};

/* The server side of the protocol matrix, summed up; one per bundle. */
struct schannel {
	struct rec r;
	const char *os;		       /* as in struct system */
	struct strlist server_enabled; /* protocols a server can offer */
	long long server_enabled_count;
	struct strlist server_unknown; /* state unknown (OS unknown) */
	long long server_unknown_count;
	long long registry_values; /* SCHANNEL values in the bundle */
	struct reflist values;	   /* the Protocols\*\Server values */
};

/* One http.sys SSL entry joined with the certificate it names. */
struct served {
	struct rec r; /* at the entry */
	const struct sslcert *entry;
	const char *endpoint;  /* entry->endpoint */
	const char *cert_hash; /* entry->cert_hash */
	signed char iis;       /* the IIS application id */
	signed char used;      /* an IIS binding needs it; BOOL_NONE: no
				  applicationHost.config */
	long long bindings;    /* IIS bindings that need it */
	signed char in_store;  /* the hash is in the certutil dump of the
				  entry's store; BOOL_NONE: store not dumped */
	const struct cert *cert;
	signed char has_key;	 /* cert->key_state says a key is there */
	signed char server_auth; /* EKU allows Server Authentication;
				    BOOL_NONE without certutil -v */
	signed char weak_sig;	 /* SHA-1 or MD5 signature */
	signed char weak_key;	 /* RSA key under 2048 bits */
	struct strlist names;	 /* SAN DNS names, else the subject CN */
};

/* One IIS https binding, the http.sys entry serving it and its listener. */
struct effbinding {
	struct rec r; /* at the binding */
	const struct binding *binding;
	const char *site_name;
	const char *information; /* "*:443:shop.contoso.com" */
	const char *key;	 /* the same, lower case: "*:443:shop.x.com" */
	const char *host;	 /* host header, "" for none */
	long long port;
	const char *endpoint; /* the entry IIS writes for it: "0.0.0.0:443",
				 "shop.contoso.com:443", "ccs:443" */
	const struct sslcert *entry; /* that entry, if netsh lists it */
	const char *served_by;	/* the entry http.sys picks (selection order) */
	const char *served_via; /* "ip", "sni", "ccs", "ipv6_wildcard",
				   "ipv4_wildcard" */
	const struct sslcert *server; /* the entry served_by names */
	const struct served *served;
	const struct cert *cert;
	struct strlist names;
	long long listeners; /* TCP LISTENING sockets on its port (netstat) */
	const struct sock *listener; /* one not owned by System, else one */
	long long listener_pid;
	long long duplicates; /* other https bindings, same IP:port:host */
	struct reflist duplicate_bindings;
	struct strlist duplicate_sites; /* "Shop (*:443:shop.x.com)" */
	long long shared; /* other non-SNI bindings on this IP:port */
	struct reflist shared_bindings;
	struct strlist shared_sites;
	struct reflist shadowed_bindings; /* see shadows */
	struct strlist shadowed_sites;
	struct strlist disabled_protocols; /* by the entry's or binding's
					      flags */
	struct strlist usable_protocols;   /* server protocols left */
	long long usable_count;
	const struct system *system;
	signed char entry_found; /* BOOL_NONE: no netsh output */
	signed char fallback;	 /* served by another entry than its own */
	signed char in_store;
	signed char has_key;
	signed char names_cover_host; /* BOOL_NONE: no host or no names */
	signed char in_iplisten;      /* BOOL_NONE: no iplisten list */
	signed char shadows; /* specific IP; * or SNI bindings on its port */
	signed char iis_old;
};

/* customMetadata property 5506 (legacy SSL hash) against the store and
 * http.sys. */
struct legacyhash {
	struct rec r; /* at the property */
	const struct metadata *property;
	long long site_id;
	const char *site_name;
	const char *hash;     /* decoded, lowercase hex */
	signed char valid;    /* base64 of 20 bytes */
	signed char in_store; /* BOOL_NONE: no certutil dump */
	const struct cert *cert;
	struct strlist endpoints;     /* http.sys entries of the site's https
					 bindings */
	struct strlist served_hashes; /* hashes http.sys serves for them */
	signed char matches_served;   /* BOOL_NONE: no netsh output or no
					 https binding */
	struct reflist entries;
};

/* Field tables. */
enum ftype {
	FT_STR,	 /* const char *, NULL = absent */
	FT_INT,	 /* long long, INT_NONE = absent */
	FT_BOOL, /* signed char, BOOL_NONE = absent */
	FT_LIST, /* struct strlist */
	FT_KV,	 /* struct kvlist */
	FT_REF,	 /* const struct <ref> *, NULL = absent (derived records) */
	FT_REFS, /* struct reflist (derived records) */
};

struct field {
	const char *name;
	enum ftype type;
	enum rec_type ref; /* FT_REF: the type pointed to */
	size_t off;
};

struct rectype {
	const char *name;   /* "binding" */
	const char *plural; /* "bindings": the key in dump output */
	size_t size;
	const struct field *fields;
	size_t nfields;
};

const struct rectype *rectype_get(enum rec_type t);
/* By singular name; NULL if unknown. */
const struct rectype *rectype_find(const char *name, enum rec_type *t);
const struct field *rectype_field(const struct rectype *rt, const char *name);

/* Typed access through a field descriptor; the record must be of the type. */
const char *field_str(const struct field *f, const void *rec);
long long field_int(const struct field *f, const void *rec);
signed char field_bool(const struct field *f, const void *rec);
const struct strlist *field_list(const struct field *f, const void *rec);
const struct kvlist *field_kv(const struct field *f, const void *rec);
const struct rec *field_ref(const struct field *f, const void *rec);
const struct reflist *field_refs(const struct field *f, const void *rec);
/* true when the field has a value (non-NULL, not INT_NONE, non-empty list) */
bool field_present(const struct field *f, const void *rec);

/* Value of the first pair with this name (ASCII case-insensitive), or NULL. */
const char *kv_get(const struct kvlist *l, const char *name);

/*
 * Line `no` (1-based) of an artifact whose text was kept, without its
 * newline: false when the text was not kept or has no such line.
 */
bool artifact_line(const struct artifact *a, unsigned long no, const char **s,
    size_t *len);

struct recvec {
	void **v;
	size_t n;
	size_t alloc;
};

struct model {
	struct arena arena;
	const char *name;   /* the INPUT as given */
	const char *source; /* "directory", "archive", "file", "stdin" */
	struct artifact **artifacts;
	size_t nartifacts;
	size_t artifacts_alloc;
	struct recvec recs[REC__COUNT];
	struct diag_list diags; /* problems that belong to no single artifact */
	bool read_error;	/* the input could not be read completely */
	bool combined;		/* combine_run() has made the derived records */
	unsigned long seq;
};

struct model *model_new(const char *name);
void model_free(struct model *m); /* NULL is a no-op */

/* Copies into the model's arena; NULL gives NULL. */
const char *model_strdup(struct model *m, const char *s);
const char *model_strndup(struct model *m, const char *s, size_t n);

/* A new artifact entry; path is copied.  status starts as PARSE_NONE. */
struct artifact *model_add_artifact(struct model *m, const char *path);

/*
 * A new record of type t from artifact a at line, with every field absent
 * (NULL, INT_NONE, BOOL_NONE, empty lists).  The caller fills it in; the
 * record belongs to the model.  Cast the result to the type's struct.
 */
void *model_add(struct model *m, enum rec_type t, struct artifact *a,
    unsigned long line);
/* Remove the most recent record of type t (a half-filled one, say). */
void model_drop_last(struct model *m, enum rec_type t);

/*
 * A derived record of type t (>= REC__DERIVED) at the position of `at`
 * (a record it was made from; NULL for none).  Fields start absent, as with
 * model_add(); no artifact's record count changes.
 */
void *model_add_derived(struct model *m, enum rec_type t, const struct rec *at);
/* Append r (not NULL) to a derived record's reference list. */
void model_ref_add(struct model *m, struct reflist *l, const struct rec *r);

/*
 * Keep the decoded text of artifact a for evidence: the model takes
 * ownership of `text` (len bytes, NUL-terminated, LF newlines, as
 * text_read() makes it) and indexes its lines.
 */
void model_keep_text(struct model *m, struct artifact *a, char *text,
    size_t len);

/* Append copies of name/value (name may be NULL). */
void model_kv_add(struct model *m, struct kvlist *l, const char *name,
    const char *value);
void model_list_add(struct model *m, struct strlist *l, const char *s);

/* Record a host fact once per (name, value); both are copied. */
void model_host_fact(struct model *m, struct artifact *a, unsigned long line,
    const char *name, const char *value);

/* Count an event that was read but not kept. */
void model_tally_event(struct model *m, struct artifact *a,
    const char *provider, long long id);

/*
 * Put everything in a canonical order: artifacts by path, records by
 * (artifact path, creation order), diagnostics by line.  Call once, after
 * the last parser ran; output is then independent of the order in which a
 * directory or archive listed its files.
 */
void model_finish(struct model *m);

#endif /* SSLSIFT_MODEL_H */
