// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Queries of the nvo family, doit or dump. The whole answer is collected
 * before any callback runs: a dump the kernel flags as inconsistent
 * (NLM_F_DUMP_INTR) is thrown away and repeated, so callers only ever see
 * one consistent table. libnvo.h tells what that costs in memory.
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
};

/*
 * The type is checked here rather than when the callbacks run: they may
 * make requests of their own, which may resolve the family id again.
 */
static int msgs_add(struct nvo *h, const struct nlmsghdr *nlh, void *arg)
{
	size_t len = MNL_ALIGN(nlh->nlmsg_len);
	struct msgs *m = arg;

	if (nlh->nlmsg_type != h->family ||
	    mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
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

static int msg_reply(struct nvo *h, const char *what,
		     const struct nlmsghdr *nlh, uint64_t required,
		     nvo_reply_fn fn, void *arg)
{
	const struct nlattr *tb[NVO_A_MAX + 1] = { NULL };
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	uint64_t present = 0;
	unsigned int type;

	if (nvo__attr_parse(&nvo__genl_space,
			    mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN),
			    len - GENL_HDRLEN, tb) < 0)
		return nvo__errf(h, -EPROTO, "%s: malformed attribute in reply",
				 what);
	for (type = 0; type <= NVO_A_MAX; type++)
		if (tb[type])
			present |= NVO_ATTR_BIT(type);
	if (required & ~present) {
		type = __builtin_ctzll(required & ~present);
		return nvo__errf(h, -EPROTO, "%s: reply without attribute \"%s\"",
				 what, nvo__genl_space.attrs[type].name);
	}
	return fn(h, tb, arg);
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
	struct msgs m = { NULL, 0, 0, what };
	bool intr = false;
	size_t off;
	int tries;
	int err;

	nvo__begin(h);
	for (tries = 1; ; tries++) {
		m.len = 0;
		err = nvo__genl_talk(h, what, cmd, dump ? NLM_F_DUMP : NLM_F_ACK,
				     req, msgs_add, &m, &intr);
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

		err = msg_reply(h, what, nlh, required, fn, arg);
		off += MNL_ALIGN(nlh->nlmsg_len);
	}
	free(m.buf);
	return err;
}
