/*
 * Building event records, whatever the export format.
 *
 * Every reader of Windows events (XML exports, Event Viewer copies, the
 * binary .evtx reader) walks the same element tree, the event schema
 * (http://schemas.microsoft.com/win/2004/08/events/event):
 *
 *   Event
 *     System: Provider/@Name @Guid @EventSourceName, EventID/@Qualifiers,
 *             Version, Level, Task, Keywords, TimeCreated/@SystemTime,
 *             EventRecordID, Channel, Computer, Security/@UserID
 *     EventData: Data/@Name (or unnamed Data), Binary
 *     or UserData: one element named after the operation, any children
 *     or BinaryEventData (hex)
 *     RenderingInfo/Message (only in "rendered" exports)
 *
 * A reader hands that tree to an event builder, element by element, with
 * attributes and text as strings in the form Windows renders them (numbers
 * in decimal, FILETIME as ISO-8601, binary as hex).  The builder decides
 * whether the event is kept (through the evfilter, as soon as System is
 * read), makes a REC_EVENT record of a kept event and counts the others
 * with model_tally_event().  A kept event identical to one already
 * recorded from the same artifact in every field but time, record_id and
 * line is folded into that record: its occurrences grows, time_first and
 * time_last widen to include its time.  Two readers that walk the same
 * events therefore make identical records, and memory follows the number
 * of distinct events, not the size of the log.
 *
 * Field rules (the record is struct event in model.h):
 *   - data: EventData/Data by name, in document order; unnamed Data has a
 *     NULL name; values as written (not trimmed).
 *   - user_data: UserData flattened.  The name of an element's text is the
 *     path of element names below UserData joined with '/', starting with
 *     UserData's child: "CertGetCertificateChain/Result"; an attribute
 *     appends "/@name": "CertGetCertificateChain/Result/@value".  Text is
 *     kept only for elements without child elements.
 *   - binary: Binary (or BinaryEventData) text, trimmed, as written.
 *   - error_code: the first of these fields, in document order, whose
 *     value is a 32-bit code, as "0x" and 8 lowercase hex digits:
 *     Data named ErrorCode, Error, ReturnCode, Status, HResult or Result
 *     (any case), and in UserData an element with one of those names or
 *     its @value attribute (CAPI2's Result/@value).  See event_norm_code().
 *   - ntstatus: from Binary when it is a kernel IO_ERROR_LOG_PACKET whose
 *     ErrorCode matches the event id (HttpEvent 15021); see
 *     event_binary_ntstatus().
 *   - time: TimeCreated/@SystemTime normalised by event_norm_time(); left
 *     out, with a warning, when it is not ISO-8601 UTC.
 *   - provider_guid, keywords, channel, computer, user_sid: as written,
 *     trimmed.  Computer names also become host facts ("computer"), once
 *     each (at most 32 per artifact).
 *   - message: RenderingInfo/Message, else a message the reader found
 *     around the XML (the Description of an Event Viewer copy).
 *   - truncated: true for an event cut off after its System part (see
 *     event_cut()); absent otherwise.
 *   - occurrences: events folded into the record (1 or more); time,
 *     record_id and line are the first one's; time_first and time_last
 *     the earliest and latest time (set when the builder is freed).
 *
 * Counters of the artifact: events_total counts every event met,
 * events_kept those that went into records (the sum of occurrences),
 * events_skipped those that could not be read (the reader said so with
 * event_abort() or event_unreadable()); the rest are in the tally.
 */
#ifndef SSLSIFT_EVENT_H
#define SSLSIFT_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "evfilter.h"
#include "model.h"

struct event_builder;

/*
 * Records (distinct kept events) per artifact.  Kept events beyond that are
 * counted like the others, with one warning: memory stays bounded however
 * many different events a log holds.
 */
#define EVENT_MAX_RECORDS 20000

/*
 * A builder for the events of artifact `a`.  `keep` (NULL: the default
 * filter) is borrowed and must outlive the builder.
 */
struct event_builder *event_builder_new(struct model *m, struct artifact *a,
    const struct evfilter *keep);
/*
 * Completes the records (their time ranges) and frees the builder.  NULL
 * is a no-op.  An event still open is counted as unreadable.
 */
void event_builder_free(struct event_builder *b);

/*
 * An Event element starts at `line` (0 when the input has no lines).
 * `format` is a static string: "xml", "copy-details", "tree-view", "evtx".
 * An event still open is first counted as unreadable.
 */
void event_begin(struct event_builder *b, unsigned long line,
    const char *format);
/* Elements inside the Event element, in document order. */
void event_start(struct event_builder *b, const char *name);
/* An attribute of the element just started (value not terminated). */
void event_attr(struct event_builder *b, const char *name, const char *value,
    size_t len);
/* Character data of the current element; may come in pieces. */
void event_text(struct event_builder *b, const char *s, size_t len);
void event_end_element(struct event_builder *b);
/* A rendered message found outside the event's XML (kept if none inside). */
void event_set_message(struct event_builder *b, const char *s, size_t len);

enum event_outcome {
	EVENT_KEPT,    /* a record was added */
	EVENT_COUNTED, /* tallied by provider and id */
	EVENT_NONE,    /* no event was open */
};

/* The Event element ended. */
enum event_outcome event_end(struct event_builder *b);
/*
 * For readers that can tell an event's provider (Provider/@Name), classic
 * source (@EventSourceName), id and computer without walking the whole
 * event: when the filter does not keep such an event, it is counted right
 * here, exactly as event_begin() ... event_end() would count it, and
 * EVENT_COUNTED is returned.  Otherwise nothing happens, EVENT_NONE is
 * returned, and the reader walks the event as usual.  Values must be what
 * the walk would give: entities replaced, blanks trimmed, NULL when
 * absent; id INT_NONE when absent or not a number.
 */
enum event_outcome event_count_quick(struct event_builder *b,
    unsigned long line, const char *provider, const char *source, long long id,
    const char *computer);
/*
 * The open event was cut off before its end (a pasted excerpt ends, or
 * the next event starts).  If its System part was read, it is kept or
 * counted like a complete one, its record marked truncated; otherwise it
 * is aborted and EVENT_NONE returned.
 */
enum event_outcome event_cut(struct event_builder *b);
/*
 * The open event cannot be read (malformed): nothing of it is kept (a
 * record already started is dropped) and it counts as skipped.
 */
void event_abort(struct event_builder *b);
/* An event that was met but could not even begin (a headless fragment). */
void event_unreadable(struct event_builder *b);
/* true between event_begin() and event_end()/event_abort(). */
bool event_open(const struct event_builder *b);

/* A number field (EventID, Level, ...) as the builder reads it: blanks
 * around ignored, optional '-', decimal digits; INT_NONE otherwise. */
long long event_int(const char *s, size_t n);
/*
 * Normalise an error code written as "0x80090016" (any case),
 * "-2146893802" (signed 32-bit decimal), "2148073494" (unsigned decimal) or
 * "80090016" (exactly 8 hex digits without "0x", as CAPI2 writes them;
 * 8 decimal digits are read as hex too) into out: "0x80090016".  Blanks
 * around are ignored.  false (out untouched) for anything else, including
 * values that do not fit 32 bits.
 */
bool event_norm_code(const char *s, size_t n, char out[11]);
/*
 * The NTSTATUS in a kernel IO_ERROR_LOG_PACKET given as hex text: bytes
 * 2-3 DumpDataSize (little-endian), 12-15 ErrorCode, 40-43 DumpData[0].
 * Decoded only when the packet holds at least 4 bytes of dump data and its
 * ErrorCode's low 16 bits equal `event_id` (so other binary payloads are
 * not misread).  out: "0xc000005f".
 */
bool event_binary_ntstatus(const char *hex, long long event_id, char out[11]);
/*
 * TimeCreated/@SystemTime as ISO-8601 UTC with exactly 7 fraction digits
 * (FILETIME's 100 ns), the form the .evtx reader produces:
 * "2022-10-16T20:27:36.222854900Z" -> "2022-10-16T20:27:36.2228549Z".
 * Only obviously equivalent forms are normalised: a shorter fraction or
 * none is padded with zeros, zeros beyond the 7th digit are dropped, "t"
 * and "z" are upper-cased and "+00:00" becomes "Z".  false for anything
 * else (another zone, no zone, digits beyond the 7th that are not zero).
 * out must hold 29 bytes.
 */
bool event_norm_time(const char *s, size_t n, char out[29]);

#endif /* SSLSIFT_EVENT_H */
