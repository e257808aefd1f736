// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Queries, doit or dump, of the nvo family and of rtnetlink links. The
 * whole answer is collected before any callback runs: a dump the kernel
 * flags as inconsistent (NLM_F_DUMP_INTR) is thrown away and repeated, so
 * callers only ever see one consistent table. libnvo.h tells what that
 * costs in memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>

#include "internal.h"

#define MSGS_MIN_SIZE	65536

/* The data messages of one answer, back to back, each 4-byte aligned. */
struct msgs {
	char *buf;
	size_t len, size;
	const char *what;
	uint16_t type;			/* 0: the nvo family */
	size_t hdrlen;			/* of the family header */
};

/*
 * The type is checked here rather than when the callbacks run: they may
 * make requests of their own, which may resolve the family id again.
 */
static int msgs_add(struct nvo *h, const struct nlmsghdr *nlh, void *arg)
{
	size_t len = MNL_ALIGN(nlh->nlmsg_len);
	struct msgs *m = arg;

	if (nlh->nlmsg_type != (m->type ? m->type : h->family) ||
	    mnl_nlmsg_get_payload_len(nlh) < m->hdrlen)
		return nvo__errf(h, -EPROTO, "%s: unexpected netlink message type %u",
				 m->what, nlh->nlmsg_type);
	if (m->size - m->len < len) {
		size_t size = m->size ? m->size : MSGS_MIN_SIZE;
		char *buf;

		while (size - m->len < len)
			size *= 2;
		buf = realloc(m->buf, size);
		if (!buf)
			return nvo__errf(h, -ENOMEM, "%s: out of memory for a %zu-byte reply",
					 m->what, size);
		m->buf = buf;
		m->size = size;
	}
	memcpy(m->buf + m->len, nlh, nlh->nlmsg_len);
	m->len += len;
	return 0;
}

/*
 * Runs talk, again while the dump it makes comes back flagged inconsistent
 * (NLM_F_DUMP_INTR), keeping the data messages of the last answer: of the
 * given type (0: the nvo family), with at least a family header of hdrlen
 * bytes. Only then is each called for each of them, in order, until one
 * returns non-zero, which is returned. The caller has called nvo__begin().
 */
int nvo__collect(struct nvo *h, const char *what, uint16_t type,
		 size_t hdrlen, nvo_talk_fn talk, void *ctx,
		 nvo_msg_fn each, void *arg)
{
	struct msgs m = { NULL, 0, 0, what, type, hdrlen };
	bool intr = false;
	size_t off;
	int tries;
	int err;

	for (tries = 1; ; tries++) {
		m.len = 0;
		err = talk(h, what, ctx, msgs_add, &m, &intr);
		if (err || !intr || tries == NVO_DUMP_TRIES)
			break;
		/* Let the change that got in the way finish: 1, 2, 4, 8 ms. */
		nanosleep(&(struct timespec){ .tv_nsec = 500000L << tries },
			  NULL);
	}
	if (!err && intr)
		err = nvo__errf(h, -EAGAIN,
				"%s: the table kept changing, %d dumps were inconsistent",
				what, NVO_DUMP_TRIES);

	for (off = 0; !err && off < m.len;) {
		const struct nlmsghdr *nlh = (const void *)(m.buf + off);

		err = each(h, nlh, arg);
		off += MNL_ALIGN(nlh->nlmsg_len);
	}
	free(m.buf);
	return err;
}

/* What one genl query asks for and does with each object. */
struct genl_query {
	const char *what;
	uint8_t cmd;
	bool dump;
	const struct nvo_req *req;
	uint64_t required;
	nvo_reply_fn fn;
	void *arg;
};

static int genl_query_talk(struct nvo *h, const char *what, void *ctx,
			   nvo_msg_fn fn, void *arg, bool *intr)
{
	const struct genl_query *q = ctx;

	return nvo__genl_talk(h, what, q->cmd,
			      q->dump ? NLM_F_DUMP : NLM_F_ACK, q->req,
			      fn, arg, intr);
}

static int genl_query_reply(struct nvo *h, const struct nlmsghdr *nlh,
			    void *arg)
{
	const struct genl_query *q = arg;
	const struct nlattr *tb[NVO_A_MAX + 1] = { NULL };
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	uint64_t required;
	unsigned int type;

	if (nvo__attr_parse(&nvo__genl_space,
			    mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN),
			    len - GENL_HDRLEN, tb) < 0)
		return nvo__errf(h, -EPROTO, "%s: malformed attribute in reply",
				 q->what);
	/* Types go beyond the mask's 64 bits: only its own are looked up. */
	for (required = q->required; required; required &= required - 1) {
		type = __builtin_ctzll(required);
		if (!tb[type])
			return nvo__errf(h, -EPROTO, "%s: reply without attribute \"%s\"",
					 q->what,
					 nvo__genl_space.attrs[type].name);
	}
	return q->fn(h, tb, q->arg);
}

/*
 * Runs cmd with the attributes of req (NULL: none), as a dump or a doit,
 * and calls fn for every object of the answer once it is complete and
 * consistent. Objects lacking an attribute of the required mask are a
 * protocol error. A non-zero return of fn stops the walk and is returned.
 */
int nvo__genl_get(struct nvo *h, const char *what, uint8_t cmd,
		  const struct nvo_req *req, bool dump, uint64_t required,
		  nvo_reply_fn fn, void *arg)
{
	struct genl_query q = { what, cmd, dump, req, required, fn, arg };

	nvo__begin(h);
	return nvo__collect(h, what, 0, GENL_HDRLEN, genl_query_talk, &q,
			    genl_query_reply, &q);
}
