/*
 * mkevtx: build a large, valid .evtx log for `make bench` out of real ones.
 *
 *   mkevtx SIZE LOG.evtx... > big.evtx
 *
 * There is no generator for binary logs, and concatenating .evtx files does
 * not make one (each has its own file header).  But a log's chunks are
 * self-contained: a record refers only to the string and template tables
 * of its own chunk.  So this takes every intact chunk of the given logs
 * (chunk signature, header and records CRC-32s all valid; only chunks the
 * log counts as in use, or all of a dirty log's) and writes them in turn,
 * again and again, behind a new file header that counts them (CRC-32
 * recomputed, not dirty), until the file reaches SIZE.  Each copy of a
 * chunk decodes exactly as in its own log; record ids repeat from copy to
 * copy, which neither libevtx nor Windows' readers check.  SIZE takes a K,
 * M or G suffix; the header's chunk count is 16 bits, so the output stops
 * at 65535 chunks (4 GiB).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER 4096
#define CHUNK 65536

static uint32_t tab[256];

static uint32_t
crc32(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n-- > 0)
		crc = tab[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void
put(unsigned char *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static int
intact(const unsigned char *c)
{
	uint32_t free_off = le32(c + 48);

	return memcmp(c, "ElfChnk", 8) == 0 &&
	    crc32(crc32(0, c, 120), c + 128, 384) == le32(c + 124) &&
	    free_off >= 512 && free_off <= CHUNK &&
	    crc32(0, c + 512, free_off - 512) == le32(c + 52);
}

int
main(int argc, char **argv)
{
	unsigned char head[HEADER], *chunks = NULL;
	unsigned long long size;
	size_t n = 0, want;
	uint64_t next_id = 0;
	char *end;

	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
		tab[i] = c;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: mkevtx SIZE LOG.evtx...\n");
		return 2;
	}
	size = strtoull(argv[1], &end, 10);
	if (*end == 'K')
		size <<= 10;
	else if (*end == 'M')
		size <<= 20;
	else if (*end == 'G')
		size <<= 30;
	for (int a = 2; a < argc; a++) {
		FILE *f = fopen(argv[a], "rb");
		unsigned char c[CHUNK];
		unsigned used, k = 0;
		int dirty;

		if (f == NULL || fread(head, 1, HEADER, f) != HEADER ||
		    memcmp(head, "ElfFile", 8) != 0) {
			fprintf(stderr, "mkevtx: %s: not an .evtx log\n",
			    argv[a]);
			return 1;
		}
		used = (unsigned)head[42] | (unsigned)head[43] << 8;
		dirty = head[120] & 1;
		for (; fread(c, 1, CHUNK, f) == CHUNK; k++) {
			if ((k >= used && !dirty) || !intact(c))
				continue;
			chunks = realloc(chunks, (n + 1) * CHUNK);
			if (chunks == NULL) {
				fprintf(stderr, "mkevtx: out of memory\n");
				return 1;
			}
			memcpy(chunks + n * CHUNK, c, CHUNK);
			if (le64(c + 32) + 1 > next_id)
				next_id = le64(c + 32) + 1;
			n++;
		}
		fclose(f);
	}
	if (n == 0) {
		fprintf(stderr, "mkevtx: no intact chunk in the logs given\n");
		return 1;
	}
	want =
	    size > HEADER ? (size_t)((size - HEADER + CHUNK - 1) / CHUNK) : 1;
	if (want > 65535)
		want = 65535;
	memset(head, 0, sizeof(head));
	memcpy(head, "ElfFile", 8);
	put(head + 16, want - 1, 8); /* last chunk number */
	put(head + 24, next_id, 8);
	put(head + 32, 128, 4); /* header size */
	put(head + 36, 1, 2);	/* version 3.1 */
	put(head + 38, 3, 2);
	put(head + 40, HEADER, 2);
	put(head + 42, want, 2);
	put(head + 124, crc32(0, head, 120), 4);
	if (fwrite(head, 1, HEADER, stdout) != HEADER)
		return 1;
	for (size_t i = 0; i < want; i++)
		if (fwrite(chunks + (i % n) * CHUNK, 1, CHUNK, stdout) != CHUNK)
			return 1;
	free(chunks);
	return fflush(stdout) != 0;
}
