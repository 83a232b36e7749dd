#include "compat.h"

#include <string.h>

#include "evsax.h"

void
evsax_region(struct evsax *s, unsigned long line, const char *format,
    const char *msg, size_t msglen)
{
	s->began = s->ended = false;
	s->ignore = false;
	s->line = line;
	s->format = format;
	s->msg = msg;
	s->msglen = msglen;
}

void
evsax_start(struct evsax *s, const char *name, const struct xml_attr *attr,
    size_t nattr)
{
	s->depth++;
	if (s->depth < 2)
		return;
	if (s->depth == 2) {
		s->ignore = strcmp(name, "Event") != 0 || s->began;
		if (s->ignore)
			return;
		s->began = true;
		event_begin(s->eb, s->line, s->format);
		if (s->msg != NULL)
			event_set_message(s->eb, s->msg, s->msglen);
		return;
	}
	if (s->ignore)
		return;
	event_start(s->eb, name);
	for (size_t i = 0; i < nattr; i++)
		event_attr(s->eb, attr[i].name, attr[i].value, attr[i].len);
}

void
evsax_end(struct evsax *s)
{
	if (s->depth == 2 && !s->ignore) {
		event_end(s->eb);
		s->ended = true;
	} else if (s->depth > 2 && !s->ignore) {
		event_end_element(s->eb);
	}
	if (s->depth > 0)
		s->depth--;
}

void
evsax_text(struct evsax *s, const char *text, size_t n)
{
	if (s->depth > 2 && !s->ignore)
		event_text(s->eb, text, n);
}
