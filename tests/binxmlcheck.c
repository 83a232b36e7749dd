/*
 * binxmlcheck [-m N] LOG.evtx...: for every record of each log, what
 * src/binxml.c reads from the record's bytes against what libevtx's record
 * API gives (through src/evtx.c): the check that counting a record
 * without libevtx counts it as libevtx would.
 *
 * Prints, per log, "FILE: N records, M read without libevtx, K differ"
 * and one line per difference; exits 1 when any differ.  A record the
 * reader accepts must be one libevtx decodes, with the same source name,
 * event id, qualifiers and computer.
 *
 * -m N changes N bytes of every chunk after its header before reading it
 * (the same bytes each run): damage, which must make the reader give up
 * where libevtx does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "binxml.h"
#include "evtx.h"

static unsigned long mutations;

/* Change `mutations` bytes of chunk c after its header, chosen from seed. */
static void
damage(unsigned char *c, unsigned long seed)
{
	uint64_t x = 0x9e3779b97f4a7c15ULL * (seed + 1);

	for (unsigned long i = 0; i < mutations; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		c[EVTX_FIRST_RECORD +
		    (x >> 16) % (EVTX_CHUNK_SIZE - EVTX_FIRST_RECORD)] =
		    (unsigned char)x;
	}
}

static int
check(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *hb = malloc(EVTX_HEADER_SIZE);
	unsigned long records = 0, read = 0, differ = 0;
	struct evtx *e;

	if (f == NULL || hb == NULL ||
	    fread(hb, 1, EVTX_HEADER_SIZE, f) != EVTX_HEADER_SIZE) {
		fprintf(stderr, "binxmlcheck: %s: cannot read\n", path);
		exit(2);
	}
	e = evtx_new(hb);
	free(hb);
	if (e == NULL) {
		fprintf(stderr, "binxmlcheck: built without libevtx\n");
		exit(2);
	}
	for (unsigned long chunk = 0;; chunk++) {
		unsigned char *c = evtx_chunk(e);
		struct evtx_chunk_info ci;
		uint32_t off = EVTX_FIRST_RECORD;

		if (fread(c, 1, EVTX_CHUNK_SIZE, f) != EVTX_CHUNK_SIZE)
			break;
		damage(c, chunk);
		if (evtx_open_chunk(e, &ci) < 0)
			continue;
		for (int i = 0; i < ci.records; i++, records++) {
			struct binxml_system s;
			struct evtx_quick q;
			bool ours = off != 0 && binxml_system(c, off, &s);
			const char *why = NULL;
			char libevtx[600] = "";

			if (off != 0)
				off = evtx_next_record(c, off);
			if (!ours)
				continue;
			read++;
			if (evtx_load_record(e, i) < 0) {
				why = evtx_error(e);
			} else {
				evtx_quick(e, &q, BINXML_VALUE - 1);
				snprintf(libevtx, sizeof(libevtx),
				    "; libevtx: %s %lld %d %s",
				    q.name != NULL ? q.name : "(none)", q.id,
				    q.qualifiers,
				    q.computer != NULL ? q.computer : "(none)");
				if (!q.complete)
					why = "libevtx's values incomplete";
				else if (q.id != s.id)
					why = "event id";
				else if (q.qualifiers != s.qualifiers)
					why = "qualifiers";
				else if (q.name == NULL ||
				    strcmp(q.name, s.name) != 0)
					why = "source name";
				else if (q.computer == NULL ||
				    strcmp(q.computer, s.computer) != 0)
					why = "computer";
			}
			if (why != NULL) {
				differ++;
				printf("%s: chunk %lu record #%d: %s (ours: %s "
				       "%lld %d %s%s)\n",
				    path, chunk, i + 1, why, s.name, s.id,
				    s.qualifiers, s.computer, libevtx);
			}
		}
		evtx_close_chunk(e);
	}
	fclose(f);
	evtx_free(e);
	printf("%s: %lu records, %lu read without libevtx, %lu differ\n", path,
	    records, read, differ);
	return differ > 0;
}

int
main(int argc, char **argv)
{
	int bad = 0, i = 1;

	if (argc > 2 && strcmp(argv[1], "-m") == 0) {
		mutations = strtoul(argv[2], NULL, 10);
		i = 3;
	}
	for (; i < argc; i++)
		bad |= check(argv[i]);
	return bad;
}
