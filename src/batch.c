/*
 * Worker processes for batches (batch.h).
 *
 * The parent forks up to `jobs` workers.  Each has a socket pair to the
 * parent, on which it receives the index of an item and answers with that
 * index and the item's status once its output is flushed, and two pipes,
 * its standard output and standard error.  The parent reads everything in
 * one poll(2) loop; when a worker says it is done, the parent drains its
 * pipes (they are non-blocking on the parent's side, and the worker writes
 * nothing more until it is given another item), and the item has ended.
 * A worker that dies (a signal, the exit status 1 AddressSanitizer uses,
 * valgrind's --error-exitcode, a kill for the deadline) fails the item it
 * had; the next item goes to a new worker.
 *
 * A worker serves several items in turn, so that the cost of starting one
 * (fork, copy-on-write faults, lazy binding, compiling the parsers'
 * patterns) is paid once per BATCH_RECYCLE items, not per bundle: that
 * cost was two thirds of the time per small bundle.  It leaves after
 * BATCH_RECYCLE items, or after an item that made it grow past
 * BATCH_RECYCLE_RSS, so that what one bundle leaves behind (a fragmented
 * heap) does not count against the next one's memory limit for long.
 */
#include "compat.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "buf.h"
#include "xalloc.h"

#define READ_CHUNK 65536

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* macOS: SO_NOSIGPIPE on the socket instead */
#endif

#if defined(__SANITIZE_ADDRESS__)
#define BATCH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BATCH_ASAN 1
#endif
#endif

/* What a worker says on its socket when an item has ended. */
struct done_msg {
	size_t index;
	int status;
	int last; /* the worker leaves after this item */
};

enum item_state {
	ITEM_RUNNING,
	ITEM_ENDED, /* not handed over yet */
};

struct item {
	enum item_state state;
	struct buf held[2]; /* report, messages */
	double start;
	bool streaming; /* its output is passed on as it comes */
	bool timed_out;
	bool too_big;
	bool crashed; /* its worker died: wstatus says how */
	int wstatus;
	int status;
	int fork_errno; /* no worker could be started */
	double seconds;
};

struct worker {
	pid_t pid; /* 0: none */
	int sock;  /* tasks out, done messages in */
	int fd[2]; /* its stdout, stderr; -1 at end of file */
	size_t item;
	bool busy;
	bool leaving; /* it said this item was its last */
	bool killed;
	unsigned served;
};

struct batch {
	const struct batch_opts *o;
	const struct batch_ops *ops;
	void *arg;
	size_t n;
	struct item **items; /* by index; NULL before start, after handover */
	struct worker *w;
	unsigned nw;
	size_t next; /* next item to start */
	size_t head; /* next item to hand over, when ordered */
	size_t handed;
	size_t held;	/* bytes held for all items */
	unsigned stray; /* workers that failed with no item */
	double t0;
	bool whole;
	char *chunk;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

unsigned
batch_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 && n < 4096 ? (unsigned)n : 1;
}

static int
read_full(int fd, void *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)p + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static int
write_full(int fd, const void *p, size_t n)
{
	size_t put = 0;

	while (put < n) {
		ssize_t r =
		    send(fd, (const char *)p + put, n - put, MSG_NOSIGNAL);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		put += (size_t)r;
	}
	return 0;
}

/* The peak resident size of this process, in bytes. */
static uint64_t
peak_rss(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) < 0)
		return 0;
#ifdef __APPLE__
	return (uint64_t)ru.ru_maxrss; /* bytes on macOS */
#else
	return (uint64_t)ru.ru_maxrss * 1024;
#endif
}

/* In the worker: the bounds, then items until told to stop. */
NORETURN static void
worker_main(struct batch *b, int sock, int out, int err)
{
	struct rlimit rl;
	struct done_msg d;
	unsigned served = 0;

	for (unsigned i = 0; i < b->nw; i++) {
		struct worker *o = &b->w[i];

		if (o->pid <= 0)
			continue;
		close(o->sock);
		for (int k = 0; k < 2; k++)
			if (o->fd[k] >= 0)
				close(o->fd[k]);
	}
	if (dup2(out, STDOUT_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0)
		_exit(127);
	close(out);
	close(err);
	rl.rlim_cur = rl.rlim_max = 0;
	(void)setrlimit(RLIMIT_CORE, &rl);
#ifndef BATCH_ASAN
	if (b->o->max_memory > 0) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)b->o->max_memory;
		(void)setrlimit(RLIMIT_DATA, &rl);
	}
#endif
	memset(&d, 0, sizeof(d));
	while (read_full(sock, &d.index, sizeof(d.index)) == 0) {
		if (b->o->timeout > 0)
			alarm(b->o->timeout + 5);
		d.status = b->ops->work(b->arg, d.index, stdout);
		if (fflush(stdout) != 0)
			_exit(127);
		alarm(0);
		served++;
		d.last =
		    served >= BATCH_RECYCLE || peak_rss() > BATCH_RECYCLE_RSS;
		if (write_full(sock, &d, sizeof(d)) < 0 || d.last)
			break;
	}
	_exit(0);
}

static void
close_worker_fds(struct worker *w)
{
	if (w->sock >= 0)
		close(w->sock);
	for (int k = 0; k < 2; k++)
		if (w->fd[k] >= 0)
			close(w->fd[k]);
	w->sock = w->fd[0] = w->fd[1] = -1;
}

/* Start a worker in slot w; -1 with errno when the system refuses. */
static int
spawn(struct batch *b, struct worker *w)
{
	int sv[2] = { -1, -1 }, p[2][2] = { { -1, -1 }, { -1, -1 } };
	int e;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || pipe(p[0]) < 0 ||
	    pipe(p[1]) < 0)
		goto fail;
#ifdef SO_NOSIGPIPE
	{
		int one = 1;

		(void)setsockopt(sv[0], SOL_SOCKET, SO_NOSIGPIPE, &one,
		    sizeof(one));
	}
#endif
	(void)fflush(stdout);
	(void)fflush(stderr);
	pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0) {
		close(sv[0]);
		close(p[0][0]);
		close(p[1][0]);
		worker_main(b, sv[1], p[0][1], p[1][1]);
	}
	close(sv[1]);
	close(p[0][1]);
	close(p[1][1]);
	memset(w, 0, sizeof(*w));
	w->pid = pid;
	w->sock = sv[0];
	w->fd[0] = p[0][0];
	w->fd[1] = p[1][0];
	for (int k = 0; k < 2; k++) {
		(void)fcntl(w->fd[k], F_SETFL,
		    fcntl(w->fd[k], F_GETFL) | O_NONBLOCK);
		(void)fcntl(w->fd[k], F_SETFD, FD_CLOEXEC);
	}
	(void)fcntl(w->sock, F_SETFD, FD_CLOEXEC);
	return 0;
fail:
	e = errno;
	for (int i = 0; i < 2; i++) {
		if (sv[i] >= 0)
			close(sv[i]);
		for (int k = 0; k < 2; k++)
			if (p[i][k] >= 0)
				close(p[i][k]);
	}
	errno = e;
	return -1;
}

static void
describe(const struct batch *b, const struct item *it, struct batch_status *st)
{
	int ws = it->wstatus;

	st->status = -1;
	st->seconds = it->seconds;
	if (it->fork_errno != 0)
		snprintf(st->why, sizeof(st->why), "cannot start a worker: %s",
		    strerror(it->fork_errno));
	else if (it->timed_out ||
	    (it->crashed && WIFSIGNALED(ws) && WTERMSIG(ws) == SIGALRM))
		snprintf(st->why, sizeof(st->why),
		    "stopped after the time limit of %u s (--timeout)",
		    b->o->timeout);
	else if (it->too_big)
		snprintf(st->why, sizeof(st->why),
		    "stopped: its report is larger than %zu bytes",
		    (size_t)BATCH_MAX_OUTPUT);
	else if (it->crashed && WIFSIGNALED(ws))
		snprintf(st->why, sizeof(st->why),
		    "its worker was killed by signal %d (%s)%s", WTERMSIG(ws),
		    strsignal(WTERMSIG(ws)),
		    WTERMSIG(ws) == SIGABRT ?
			", see the message above" :
			WTERMSIG(ws) == SIGKILL ?
			": the system may be out of memory" :
			"");
	else if (it->crashed)
		snprintf(st->why, sizeof(st->why),
		    "its worker exited with status %d",
		    WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
	else
		st->status = it->status;
}

static void
pass_held(struct batch *b, size_t index, struct item *it)
{
	for (int s = 1; s >= 0; s--) {
		if (it->held[s].len > 0)
			b->ops->output(b->arg, index, s + 1, it->held[s].data,
			    it->held[s].len);
		b->held -= it->held[s].len;
		buf_release(&it->held[s]);
	}
}

static void
hand_over(struct batch *b, size_t index)
{
	struct item *it = b->items[index];
	struct batch_status st;

	pass_held(b, index, it);
	memset(&st, 0, sizeof(st));
	describe(b, it, &st);
	b->items[index] = NULL;
	free(it);
	b->handed++;
	b->ops->done(b->arg, index, &st);
	if (b->ops->progress != NULL)
		b->ops->progress(b->arg, b->handed, b->n, now() - b->t0);
}

/* Ordered: hand over from the head while items have ended. */
static void
hand_over_ready(struct batch *b)
{
	while (b->head < b->next) {
		struct item *it = b->items[b->head];

		if (!b->whole && !it->streaming) {
			pass_held(b, b->head, it);
			it->streaming = true;
		}
		if (it->state != ITEM_ENDED)
			break;
		hand_over(b, b->head++);
	}
}

static void
end_item(struct batch *b, size_t index)
{
	struct item *it = b->items[index];

	it->state = ITEM_ENDED;
	it->seconds = now() - it->start;
	if (!b->o->ordered)
		hand_over(b, index);
}

/* What a worker's pipe s holds now goes to its item. */
static void
drain(struct batch *b, struct worker *w, int s)
{
	for (;;) {
		ssize_t r = read(w->fd[s], b->chunk, READ_CHUNK);
		struct item *it = w->busy ? b->items[w->item] : NULL;

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return;
		if (r <= 0) {
			close(w->fd[s]);
			w->fd[s] = -1;
			return;
		}
		if (it == NULL || it->too_big)
			continue; /* nothing may come from an idle worker */
		if (it->streaming) {
			b->ops->output(b->arg, w->item, s + 1, b->chunk,
			    (size_t)r);
			continue;
		}
		if (buf_add(&it->held[s], b->chunk, (size_t)r) < 0) {
			it->too_big = true;
			if (!w->killed)
				kill(w->pid, SIGKILL);
			w->killed = true;
			continue;
		}
		b->held += (size_t)r;
	}
}

/* The worker is gone (or going): reap it, and fail its item if any. */
static void
reap(struct batch *b, struct worker *w)
{
	int ws = 0;

	for (int s = 0; s < 2; s++)
		if (w->fd[s] >= 0)
			drain(b, w, s);
	close_worker_fds(w);
	while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (w->busy) {
		struct item *it = b->items[w->item];

		it->crashed = true;
		it->wstatus = ws;
		end_item(b, w->item);
	} else if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
		b->stray++; /* after its last item: valgrind's exit code */
	}
	w->pid = 0;
	w->busy = false;
}

/* A message (or the end) on a worker's socket. */
static void
on_socket(struct batch *b, struct worker *w)
{
	struct done_msg d;

	if (read_full(w->sock, &d, sizeof(d)) < 0 || !w->busy ||
	    d.index != w->item) {
		reap(b, w);
		return;
	}
	drain(b, w, 0);
	drain(b, w, 1);
	b->items[w->item]->status = d.status;
	w->busy = false;
	w->leaving = d.last != 0;
	w->served++;
	end_item(b, d.index);
	if (w->leaving)
		reap(b, w);
}

static unsigned
busy_workers(const struct batch *b)
{
	unsigned n = 0;

	for (unsigned i = 0; i < b->nw; i++)
		if (b->w[i].pid > 0 && b->w[i].busy)
			n++;
	return n;
}

static struct item *
new_item(struct batch *b, size_t index)
{
	struct item *it = xcalloc(1, sizeof(*it));

	buf_init(&it->held[0], BATCH_MAX_OUTPUT);
	buf_init(&it->held[1], BATCH_MAX_OUTPUT);
	it->start = now();
	it->state = ITEM_RUNNING;
	b->items[index] = it;
	return it;
}

/*
 * Give item `index` to an idle worker, starting one if needed.  Returns 0
 * (started, or failed and ended: no worker could be started), or 1 when
 * the system has no process to spare (EAGAIN) while other workers run:
 * nothing was done, try again when one is free.
 */
static int
assign(struct batch *b, size_t index)
{
	struct worker *w = NULL, *empty = NULL;

	for (unsigned i = 0; i < b->nw; i++) {
		struct worker *x = &b->w[i];

		if (x->pid > 0 && !x->busy) {
			w = x;
			break;
		}
		if (x->pid <= 0 && empty == NULL)
			empty = x;
	}
	if (w == NULL && empty == NULL)
		BUG("no idle worker for item %zu", index);
	if (w == NULL && spawn(b, empty) < 0) {
		int e = errno;

		if (e == EAGAIN && busy_workers(b) > 0)
			return 1;
		new_item(b, index)->fork_errno = e;
		end_item(b, index);
		return 0;
	}
	if (w == NULL)
		w = empty;
	new_item(b, index);
	w->busy = true;
	w->item = index;
	if (write_full(w->sock, &index, sizeof(index)) < 0) {
		/* It died while idle (killed from outside). */
		reap(b, w);
	}
	return 0;
}

static int
poll_once(struct batch *b, struct pollfd *pfd, unsigned *who, int *which)
{
	size_t np = 0;
	double t = now(), wait = -1;
	int timeout, r;

	for (unsigned i = 0; i < b->nw; i++) {
		struct worker *w = &b->w[i];

		if (w->pid <= 0)
			continue;
		if (w->busy && b->o->timeout > 0 && !w->killed) {
			struct item *it = b->items[w->item];
			double left = it->start + b->o->timeout - t;

			if (left <= 0) {
				it->timed_out = true;
				kill(w->pid, SIGKILL);
				w->killed = true;
			} else if (wait < 0 || left < wait) {
				wait = left;
			}
		}
		for (int s = -1; s < 2; s++) {
			int fd = s < 0 ? w->sock : w->fd[s];

			if (fd < 0)
				continue;
			pfd[np].fd = fd;
			pfd[np].events = POLLIN;
			pfd[np].revents = 0;
			who[np] = i;
			which[np] = s;
			np++;
		}
	}
	if (np == 0)
		return 0;
	timeout = wait < 0 ? -1 : (int)(wait * 1000) + 1;
	r = poll(pfd, (nfds_t)np, timeout);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	/* The pipes first, so that a worker's output precedes its end. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < np; k++) {
			struct worker *w = &b->w[who[k]];
			int s = which[k];

			if ((pass == 0) == (s < 0))
				continue;
			if (w->pid <= 0 ||
			    (s < 0 ? w->sock : w->fd[s]) != pfd[k].fd)
				continue;
			if (!(pfd[k].revents &
				(POLLIN | POLLHUP | POLLERR | POLLNVAL)))
				continue;
			if (s < 0)
				on_socket(b, w);
			else
				drain(b, w, s);
		}
	return 0;
}

int
batch_run(size_t n, const struct batch_opts *o, const struct batch_ops *ops,
    void *arg)
{
	struct batch b;
	unsigned jobs = o->jobs > 0 ? o->jobs : 1;
	struct pollfd *pfd;
	unsigned *who;
	int *which, ret = 0;

	if (jobs > BATCH_MAX_JOBS)
		jobs = BATCH_MAX_JOBS;
	if (n > 0 && jobs > n)
		jobs = (unsigned)n;
	memset(&b, 0, sizeof(b));
	b.o = o;
	b.ops = ops;
	b.arg = arg;
	b.n = n;
	b.items = xcalloc(n ? n : 1, sizeof(struct item *));
	b.nw = jobs;
	b.w = xcalloc(jobs, sizeof(*b.w));
	for (unsigned i = 0; i < jobs; i++)
		b.w[i].sock = b.w[i].fd[0] = b.w[i].fd[1] = -1;
	b.whole = o->whole || !o->ordered;
	b.chunk = xmalloc(READ_CHUNK);
	b.t0 = now();
	pfd = xcalloc((size_t)jobs * 3, sizeof(*pfd));
	who = xcalloc((size_t)jobs * 3, sizeof(*who));
	which = xcalloc((size_t)jobs * 3, sizeof(*which));
	while (b.handed < n) {
		while (b.next < n && busy_workers(&b) < jobs &&
		    b.held <= BATCH_MAX_HELD) {
			if (assign(&b, b.next) > 0)
				break; /* no process to spare: after a poll */
			b.next++;
		}
		if (o->ordered)
			hand_over_ready(&b);
		if (b.handed == n)
			break;
		if (poll_once(&b, pfd, who, which) < 0) {
			ret = -1;
			break;
		}
	}
	for (unsigned i = 0; i < b.nw; i++) {
		struct worker *w = &b.w[i];
		int ws = 0;

		if (w->pid <= 0)
			continue;
		if (w->busy)
			kill(w->pid, SIGKILL);
		close_worker_fds(w); /* an idle worker reads the end: exits */
		while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR)
			;
		if (!w->busy && (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0))
			b.stray++;
	}
	for (size_t i = 0; i < n; i++) {
		if (b.items[i] == NULL)
			continue;
		buf_release(&b.items[i]->held[0]);
		buf_release(&b.items[i]->held[1]);
		free(b.items[i]);
	}
	free(b.items);
	free(b.w);
	free(b.chunk);
	free(pfd);
	free(who);
	free(which);
	return ret < 0 ? ret : (int)b.stray;
}
