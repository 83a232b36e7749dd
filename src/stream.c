#include "compat.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stream.h"

long
stream_read_full(struct stream *s, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		long r = s->read(s, (char *)buf + got, n - got);

		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (long)got;
}

static long
mem_read(struct stream *s, void *buf, size_t n)
{
	struct memstream *ms = (struct memstream *)s;
	size_t left = ms->len - ms->off;

	if (n > left)
		n = left;
	if (n > 0)
		memcpy(buf, ms->p + ms->off, n);
	ms->off += n;
	return (long)n;
}

void
memstream_init(struct memstream *ms, const void *p, size_t len)
{
	memset(ms, 0, sizeof(*ms));
	ms->s.read = mem_read;
	ms->p = p;
	ms->len = len;
}

static long
fd_read(struct stream *s, void *buf, size_t n)
{
	struct fdstream *fs = (struct fdstream *)s;
	ssize_t r;

	if (n > (size_t)1 << 30)
		n = (size_t)1 << 30;
	do
		r = read(fs->fd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		snprintf(s->err, sizeof(s->err), "%s", strerror(errno));
		return -1;
	}
	return (long)r;
}

void
fdstream_init(struct fdstream *fs, int fd)
{
	memset(fs, 0, sizeof(*fs));
	fs->s.read = fd_read;
	fs->fd = fd;
}

static long
pre_read(struct stream *s, void *buf, size_t n)
{
	struct prestream *ps = (struct prestream *)s;
	long r;

	if (ps->off < ps->prelen) {
		size_t left = ps->prelen - ps->off;

		if (n > left)
			n = left;
		memcpy(buf, ps->pre + ps->off, n);
		ps->off += n;
		return (long)n;
	}
	if (ps->next == NULL)
		return 0;
	r = ps->next->read(ps->next, buf, n);
	if (r < 0)
		snprintf(s->err, sizeof(s->err), "%s", ps->next->err);
	return r;
}

void
prestream_init(struct prestream *ps, const void *pre, size_t prelen,
    struct stream *next)
{
	memset(ps, 0, sizeof(*ps));
	ps->s.read = pre_read;
	ps->pre = pre;
	ps->prelen = prelen;
	ps->next = next;
}
