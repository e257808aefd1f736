// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz's netlink transport: one request out, every answer to it in.
 *
 * A garbled request may get no answer at all (the kernel silently skips a
 * message whose nlmsg_len overruns the write), so each request is followed
 * by a NOOP with NLM_F_ACK, which the kernel always acknowledges: its ACK
 * marks the end of the answers, without a timeout.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nlfuzz.h"

#define RX_SIZE		32768
#define SENTINEL_SEQ	0x5e000000u

static void opt(struct mnl_socket *nl, int level, int name, int val)
{
	/* Best effort: each only makes answers more useful. */
	setsockopt(mnl_socket_get_fd(nl), level, name, &val, sizeof(val));
}

int nls_open(struct nls *s, int bus)
{
	struct timeval tv = { .tv_sec = 30 };

	s->nl = mnl_socket_open2(bus == BUS_GENL ? NETLINK_GENERIC :
				 NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!s->nl)
		return -errno;
	opt(s->nl, SOL_NETLINK, NETLINK_EXT_ACK, 1);
	/* We keep our requests: no need to have them copied back. */
	opt(s->nl, SOL_NETLINK, NETLINK_CAP_ACK, 1);
	opt(s->nl, SOL_SOCKET, SO_RCVBUF, 1 << 20);
	/* A kernel that never answers is a finding, not a hang. */
	setsockopt(mnl_socket_get_fd(s->nl), SOL_SOCKET, SO_RCVTIMEO, &tv,
		   sizeof(tv));
	if (mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = -errno;

		mnl_socket_close(s->nl);
		s->nl = NULL;
		return err;
	}
	s->seq = 1;
	return 0;
}

void nls_close(struct nls *s)
{
	if (s->nl)
		mnl_socket_close(s->nl);
	s->nl = NULL;
}

/* Whether an error or DONE carries an extack message; its text in text. */
static bool ext_msg(const struct nlmsghdr *nlh, size_t off, char *text,
		    size_t size)
{
	const struct nlattr *attr;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return false;
	off = MNL_ALIGN(off);
	if (off >= nlh->nlmsg_len)
		return false;
	mnl_attr_for_each(attr, nlh, off - NLMSG_HDRLEN) {
		if (mnl_attr_get_type(attr) != NLMSGERR_ATTR_MSG)
			continue;
		if (text && size)
			snprintf(text, size, "%.*s",
				 (int)mnl_attr_get_payload_len(attr),
				 (const char *)mnl_attr_get_payload(attr));
		return true;
	}
	return false;
}

static void add_err(struct answer *a, int err, bool msg, const char *text)
{
	if (!a->nerr && text)
		snprintf(a->text, sizeof(a->text), "%s", text);
	if (a->nerr < MAX_ERRS) {
		a->err[a->nerr] = err;
		a->msg[a->nerr] = msg;
	}
	a->nerr++;
}

/*
 * Reads answers into a until the sentinel's ACK has come and no dump is
 * left open. Returns 0, or -errno if reading failed.
 */
static int read_answers(struct nls *s, uint32_t sseq, struct answer *a)
{
	static char buf[RX_SIZE];
	bool sentinel = false, dump_open = false;
	bool other_open = s->other_seq && s->other_open;

	while (!sentinel || dump_open || other_open) {
		const struct nlmsghdr *nlh;
		int len;

		len = mnl_socket_recvfrom(s->nl, buf, sizeof(buf));
		if (len < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				a->timeout = true;
			return -errno;
		}
		for (nlh = (void *)buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			char text[160] = "";
			bool m;

			if (s->other_seq && nlh->nlmsg_seq == s->other_seq) {
				if (nlh->nlmsg_type == NLMSG_DONE ||
				    nlh->nlmsg_type == NLMSG_ERROR)
					other_open = false;
				continue;
			}
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				a->nintr++;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
				size_t off = NLMSG_HDRLEN + sizeof(*e);

				if (nlh->nlmsg_len < off)
					continue;
				if (e->msg.nlmsg_type == NLMSG_NOOP &&
				    e->msg.nlmsg_seq == sseq) {
					sentinel = true;
					continue;
				}
				if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
					off += e->msg.nlmsg_len - sizeof(e->msg);
				if (!e->error) {
					a->nack++;
					continue;
				}
				m = ext_msg(nlh, off, text, sizeof(text));
				add_err(a, e->error, m, text);
			} else if (nlh->nlmsg_type == NLMSG_DONE) {
				const int *err = mnl_nlmsg_get_payload(nlh);

				dump_open = false;
				if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int) &&
				    *err < 0) {
					m = ext_msg(nlh, NLMSG_HDRLEN + sizeof(int),
						    text, sizeof(text));
					add_err(a, *err, m, text);
				}
			} else if (nlh->nlmsg_type >= NLMSG_MIN_TYPE) {
				a->ndata++;
				if (nlh->nlmsg_flags & NLM_F_MULTI)
					dump_open = true;
			}
		}
	}
	return 0;
}

/* Answers left after a failed read must not pass for the next ones. */
static void drain(struct nls *s)
{
	static char buf[RX_SIZE];

	while (recv(mnl_socket_get_fd(s->nl), buf, sizeof(buf), MSG_DONTWAIT) >= 0 ||
	       errno == ENOBUFS)
		;
}

int nls_xchg(struct nls *s, struct wire *w, struct answer *a)
{
	struct nlmsghdr noop = {
		.nlmsg_len = NLMSG_HDRLEN,
		.nlmsg_type = NLMSG_NOOP,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		.nlmsg_seq = SENTINEL_SEQ | (s->seq++ & 0xffffff),
	};
	int err;

	memset(a, 0, sizeof(*a));
	if (mnl_socket_sendto(s->nl, w->b, w->len) < 0 ||
	    mnl_socket_sendto(s->nl, &noop, noop.nlmsg_len) < 0)
		err = -errno;
	else
		err = read_answers(s, noop.nlmsg_seq, a);
	s->other_seq = 0;
	if (err)
		drain(s);
	return err;
}

/*
 * A complete dump (or a doit and its ACK): cb for each message. Returns
 * 0, -EINTR if the kernel flagged the dump inconsistent (the caller
 * repeats it), or -errno.
 */
int nls_dump(struct nls *s, uint16_t type, uint16_t flags,
	     const void *hdr, size_t hlen, const struct fattr *attrs,
	     unsigned int n, int (*cb)(const struct nlmsghdr *, void *),
	     void *arg)
{
	static char buf[RX_SIZE];
	struct nlmsghdr *nlh = (void *)buf;
	uint32_t seq = s->seq++;
	bool intr = false;
	unsigned int i;
	int len;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq;
	memcpy(mnl_nlmsg_put_extra_header(nlh, hlen), hdr, hlen);
	for (i = 0; i < n; i++)
		mnl_attr_put(nlh, attrs[i].type, attrs[i].len, attrs[i].d);
	if (mnl_socket_sendto(s->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		len = mnl_socket_recvfrom(s->nl, buf, sizeof(buf));
		if (len < 0)
			return -errno;
		for (nlh = (void *)buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				intr = true;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

				if (e->error)
					return e->error;
				return intr ? -EINTR : 0;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				const int *err = mnl_nlmsg_get_payload(nlh);

				if (*err < 0)
					return *err;
				return intr ? -EINTR : 0;
			}
			if (cb(nlh, arg) < 0)
				return -EPROTO;
			/* A doit answer: one message, then its ACK if asked. */
			if (!(nlh->nlmsg_flags & NLM_F_MULTI) &&
			    !(flags & NLM_F_ACK))
				return intr ? -EINTR : 0;
		}
	}
}

struct family_arg {
	struct world *w;
};

static int family_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct world *w = ((struct family_arg *)arg)->w;
	const struct nlattr *attr, *op, *a;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		switch (mnl_attr_get_type(attr)) {
		case CTRL_ATTR_FAMILY_ID:
			w->family = mnl_attr_get_u16(attr);
			break;
		case CTRL_ATTR_OPS:
			mnl_attr_for_each_nested(op, attr) {
				uint32_t id = 0, flags = 0;

				mnl_attr_for_each_nested(a, op) {
					if (mnl_attr_get_type(a) == CTRL_ATTR_OP_ID)
						id = mnl_attr_get_u32(a);
					else if (mnl_attr_get_type(a) == CTRL_ATTR_OP_FLAGS)
						flags = mnl_attr_get_u32(a);
				}
				if (id < 256)
					w->ops[id] = flags;
			}
			break;
		}
	}
	return 0;
}

/* The family's id, and which commands have a doit and a dumpit. */
int resolve_family(struct nls *s, struct world *w)
{
	struct genlmsghdr g = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 };
	struct fattr name = { .type = CTRL_ATTR_FAMILY_NAME, .len = 4 };
	struct family_arg arg = { w };

	memcpy(name.d, NVO_GENL_NAME, 4);
	return nls_dump(s, GENL_ID_CTRL, NLM_F_ACK, &g, sizeof(g),
			&name, 1, family_cb, &arg);
}

/*
 * How the kernel will split a write into messages (netlink_rcv_skb()):
 * returns how many it processes (NLM_F_REQUEST, not a control type) in
 * *nproc, and the number of messages it reads at all.
 */
size_t wire_walk(const struct wire *w, int *nproc)
{
	size_t off = 0, n = 0;

	*nproc = 0;
	while (w->len - off >= NLMSG_HDRLEN) {
		const struct nlmsghdr *nlh = (const void *)(w->b + off);
		size_t msglen;

		if (nlh->nlmsg_len < NLMSG_HDRLEN ||
		    w->len - off < nlh->nlmsg_len)
			break;
		n++;
		if ((nlh->nlmsg_flags & NLM_F_REQUEST) &&
		    nlh->nlmsg_type >= NLMSG_MIN_TYPE)
			(*nproc)++;
		msglen = NLMSG_ALIGN(nlh->nlmsg_len);
		if (msglen > w->len - off)
			msglen = w->len - off;
		off += msglen;
	}
	return n;
}
