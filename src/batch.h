/*
 * Batches: analyse many bundles in worker processes, a few at a time.
 * Part of the command layer (cmd_scan.c and cmd_test.c use it): the engine
 * never forks, and this file never prints.
 *
 * The parent forks up to `jobs` workers and hands them items one at a
 * time; a worker runs the work function with its standard output and
 * standard error connected to pipes, says when the item is done, and
 * takes the next one.  A bundle that crashes sslsift, aborts it (xmalloc's
 * out of memory) or hangs it takes its worker down, and only its own item
 * with it: the parent reports that item as failed, starts a new worker and
 * goes on.  The worker boundary also enforces the per-bundle bounds:
 *
 *   max_memory   setrlimit(RLIMIT_DATA) in the worker: heap and private
 *                mappings (Linux 4.7 and later).  Not applied in
 *                AddressSanitizer builds, whose shadow memory needs
 *                terabytes of address space; macOS does not enforce it.
 *                A worker leaves after an item that made it grow past
 *                BATCH_RECYCLE_RSS, so the limit is what one bundle may use.
 *   timeout      the parent kills a worker (SIGKILL) whose item has run
 *                longer; the worker also sets an alarm a little later, in
 *                case the parent is gone.
 *
 * Workers never dump core: a core file would hold a customer's data.
 *
 * The parent hands each item's output to the caller in input order
 * (`ordered`) or as each finishes.  With `whole`, an item's output comes in
 * one piece when it has finished; otherwise the oldest unfinished item's
 * output is passed on as the worker writes it, and only the others are
 * held in memory.  Items whose output is held stop new items from starting
 * once BATCH_MAX_HELD bytes are waiting.
 */
#ifndef SSLSIFT_BATCH_H
#define SSLSIFT_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The defaults of scan and test, documented in sslsift(1) under LIMITS. */
#define BATCH_DEFAULT_MEMORY (2ULL << 30)
#define BATCH_DEFAULT_TIMEOUT 600U

/* Workers at most (each has three descriptors in the parent). */
#define BATCH_MAX_JOBS 256U
/* A worker serves this many items, then a fresh one takes over. */
#define BATCH_RECYCLE 200U
/* ... or fewer, once it has grown past this (peak resident size). */
#define BATCH_RECYCLE_RSS ((uint64_t)256 << 20)

/* Output held for items not yet handed over, before starts pause. */
#define BATCH_MAX_HELD ((size_t)256 << 20)
/* Output of one item held in memory at most; beyond, it is stopped. */
#define BATCH_MAX_OUTPUT ((size_t)1 << 30)

struct batch_opts {
	unsigned jobs;	     /* workers at once, at least 1 */
	uint64_t max_memory; /* bytes per worker; 0: no limit */
	unsigned timeout;    /* seconds per item; 0: no limit */
	bool ordered;	     /* hand over in input order */
	bool whole;	     /* hand over an item's output in one piece */
};

/* How an item ended. */
struct batch_status {
	int status;	/* what the work function returned, or -1 */
	char why[160];	/* when status is -1: "killed by signal 11 ..." */
	double seconds; /* how long its worker ran */
};

struct batch_ops {
	/*
	 * In a worker: do item `index`, writing its report to `out` (the
	 * worker's standard output) and messages to stderr, and return its
	 * status (0 or more).  Everything allocated must be freed: the worker
	 * goes on with other items (and valgrind follows it).
	 */
	int (*work)(void *arg, size_t index, FILE *out);
	/* In the parent: output of item `index`; stream 1 is its report, 2
	 * its messages.  Messages come before the report of the same
	 * moment. */
	void (*output)(void *arg, size_t index, int stream, const char *p,
	    size_t n);
	/* In the parent: item `index` has ended, after its last output. */
	void (*done)(void *arg, size_t index, const struct batch_status *st);
	/* In the parent, after each done(); may be NULL. */
	void (*progress)(void *arg, size_t done, size_t total, double seconds);
};

/*
 * Run items 0..n-1.  Returns 0 when every item was handed over (whatever
 * its status); the number of workers that ended abnormally when they had
 * no item (valgrind's --error-exitcode after a leak in a worker), which
 * the caller should report; or -1 with errno set when the parent itself
 * failed (pipe, poll), and items not handed over are lost.  The parent's
 * stdout is flushed before each fork.
 */
int batch_run(size_t n, const struct batch_opts *o, const struct batch_ops *ops,
    void *arg);

/* The number of online processors, at least 1 (for -j 0). */
unsigned batch_cpus(void);

#endif /* SSLSIFT_BATCH_H */
