/*
 * evtxxml: the XML of every record libevtx can read from an .evtx log, as
 * `evtxexport -f xml` prints it, for the tests that compare sslsift's
 * records from a log with its records from the log's XML export.
 *
 *   evtxxml LOG.evtx > LOG.xml
 *
 * It opens the log with libevtx's own file reader (not sslsift's chunk
 * by chunk reading, which the comparison is there to check) and prints,
 * for each record in order, the text evtxexport prints: the rendering and
 * an empty line, without evtxexport's two-line banner.  Unlike evtxexport,
 * which stops at the first record it cannot read (Debian's libevtx
 * 20181227 on newer CAPI2 logs), it says so on standard error and goes on;
 * the exit status is then 1.  Records libevtx recovers from free space are
 * not printed, as evtxexport does not print them by default.
 */
#include <libevtx.h>
#include <stdio.h>
#include <stdlib.h>

static void
fail(const char *what, libevtx_error_t **error)
{
	fprintf(stderr, "evtxxml: %s\n", what);
	if (*error != NULL) {
		libevtx_error_backtrace_fprint(*error, stderr);
		libevtx_error_free(error);
	}
}

int
main(int argc, char **argv)
{
	libevtx_file_t *file = NULL;
	libevtx_error_t *error = NULL;
	int n = 0, ret = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: evtxxml LOG.evtx\n");
		return 2;
	}
	if (libevtx_file_initialize(&file, &error) != 1 ||
	    libevtx_file_open(file, argv[1], LIBEVTX_OPEN_READ, &error) != 1 ||
	    libevtx_file_get_number_of_records(file, &n, &error) != 1) {
		fail("cannot open the log", &error);
		return 2;
	}
	for (int i = 0; i < n; i++) {
		libevtx_record_t *rec = NULL;
		size_t size = 0;
		uint8_t *xml;

		if (libevtx_file_get_record_by_index(file, i, &rec, &error) !=
		    1) {
			fprintf(stderr, "evtxxml: record %d: skipped\n", i);
			fail("cannot read the record", &error);
			ret = 1;
			continue;
		}
		if (libevtx_record_get_utf8_xml_string_size(rec, &size,
			&error) != 1 ||
		    (xml = malloc(size)) == NULL) {
			fail("cannot render a record", &error);
			return 2;
		}
		if (libevtx_record_get_utf8_xml_string(rec, xml, size,
			&error) != 1) {
			fail("cannot render a record", &error);
			return 2;
		}
		printf("%s\n", (const char *)xml);
		free(xml);
		if (libevtx_record_free(&rec, &error) != 1)
			fail("cannot free a record", &error);
	}
	if (libevtx_file_close(file, &error) != 0)
		fail("cannot close the log", &error);
	libevtx_file_free(&file, &error);
	if (fflush(stdout) != 0)
		return 2;
	return ret;
}
