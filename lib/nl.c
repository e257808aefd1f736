// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Netlink transport, the same for generic netlink and rtnetlink: send the
 * request built in h->tx, read until its ACK or NLMSG_DONE.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/netlink.h>

#include "internal.h"

static void sock_opt(struct nvo_sock *s, int opt, int val)
{
	/*
	 * Best effort: an older kernel without extended ACKs or strict
	 * checking still works, with plainer error messages.
	 */
	mnl_socket_setsockopt(s->nl, opt, &val, sizeof(val));
}

int nvo__sock_open(struct nvo_sock *s, int bus)
{
	s->bus = bus;
	s->nl = mnl_socket_open2(bus, SOCK_CLOEXEC);
	if (!s->nl)
		return -errno;
	sock_opt(s, NETLINK_EXT_ACK, 1);
	/*
	 * The request is kept in h->tx to resolve error offsets against, so
	 * the kernel need not copy it back into every error.
	 */
	sock_opt(s, NETLINK_CAP_ACK, 1);
	sock_opt(s, NETLINK_GET_STRICT_CHK, 1);
	if (mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = -errno;

		nvo__sock_close(s);
		return err;
	}
	s->portid = mnl_socket_get_portid(s->nl);
	return 0;
}

void nvo__sock_close(struct nvo_sock *s)
{
	if (s->nl)
		mnl_socket_close(s->nl);
	s->nl = NULL;
}

/* The calling thread's network namespace (its nsfs inode); 0: unknown. */
uint64_t nvo__netns(void)
{
	struct stat st;

	return stat("/proc/thread-self/ns/net", &st) ? 0 : st.st_ino;
}

/*
 * A socket closed after a failed receive is opened again, but a new
 * socket belongs to the thread's current namespace: it must be the
 * handle's, or the call would act on another namespace's devices.
 */
static int sock_reopen(struct nvo *h, struct nvo_sock *s, const char *what)
{
	int err;

	if (s->nl)
		return 0;
	if (!h->netns || nvo__netns() != h->netns)
		return nvo__errf(h, -ENOTCONN,
				 "%s: the netlink socket was closed after an error and cannot be reopened outside the network namespace of nvo_open()",
				 what);
	err = nvo__sock_open(s, s->bus);
	if (err)
		return nvo__errf(h, err, "%s: cannot open netlink socket: %s",
				 what, strerror(-err));
	return 0;
}

/*
 * Starts a request in h->tx: netlink header, then the family header hdr,
 * whose attributes are described by space (for naming them in errors).
 */
struct nlmsghdr *nvo__msg_start(struct nvo *h, uint16_t type, uint16_t flags,
				const void *hdr, size_t hdrlen,
				const struct nvo_attr_space *space)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(h->tx);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	memcpy(mnl_nlmsg_put_extra_header(nlh, hdrlen), hdr, hdrlen);
	h->tx_hdrlen = hdrlen;
	h->tx_space = space;
	return nlh;
}

/*
 * The ACK ends every doit; its extended ACK follows the request, of which
 * the kernel copies back at most the header (NETLINK_CAP_ACK).
 */
static int ack_parse(struct nvo *h, const struct nlmsghdr *nlh,
		     const char *what)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	size_t off = sizeof(*e);

	if (len < sizeof(*e))
		return nvo__errf(h, -EPROTO, "%s: truncated netlink ACK", what);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len >= sizeof(e->msg))
		off = MNL_ALIGN(off + e->msg.nlmsg_len - sizeof(e->msg));
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off > len)
		off = len;
	return nvo__ack(h, e->error < 0 ? e->error : -e->error, what,
			(const char *)e + off, len - off);
}

/* NLMSG_DONE ends a dump, with the dump's error and extended ACK if any. */
static int done_parse(struct nvo *h, const struct nlmsghdr *nlh,
		      const char *what)
{
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	const char *payload = mnl_nlmsg_get_payload(nlh);
	int err;

	if (len < sizeof(err))
		return 0;
	memcpy(&err, payload, sizeof(err));
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		len = sizeof(err);
	return nvo__ack(h, err < 0 ? err : -err, what,
			payload + sizeof(err), len - sizeof(err));
}

/*
 * Sends h->tx and hands every data message of the answer to fn, until the
 * ACK or NLMSG_DONE, and returns the first error. After a failure of fn or
 * of the request, the rest of the answer is read and thrown away, so that
 * the socket is clean for the next request. A failed receive is different:
 * what was lost may have been the end, so the socket is closed instead,
 * which also ends a dump still running in the kernel; it is reopened on
 * next use. *intr (if not NULL) tells whether any message of a dump
 * carried NLM_F_DUMP_INTR.
 *
 * libmnl's mnl_cb_run() is not used: it gives up at the first
 * NLM_F_DUMP_INTR and leaves the rest of the dump in the socket, while a
 * consistent reader has to finish the dump and start it again.
 */
int nvo__talk(struct nvo *h, struct nvo_sock *s, const char *what,
	      nvo_msg_fn fn, void *arg, bool *intr)
{
	struct nlmsghdr *req = (struct nlmsghdr *)h->tx;
	bool done = false;
	int err;

	h->ack_msg = false;
	if (intr)
		*intr = false;
	err = sock_reopen(h, s, what);
	if (err)
		return err;
	/* Never 0: mnl_nlmsg_seq_ok() takes any answer for sequence 0. */
	if (!++h->seq)
		++h->seq;
	req->nlmsg_seq = h->seq;
	if (mnl_socket_sendto(s->nl, req, req->nlmsg_len) < 0)
		return nvo__errf(h, -errno, "%s: netlink send: %s", what,
				 strerror(errno));

	while (!done) {
		const struct nlmsghdr *nlh = (const struct nlmsghdr *)h->rx;
		int len;

		len = mnl_socket_recvfrom(s->nl, h->rx, NVO_RX_SIZE);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			err = nvo__errf(h, -errno, "%s: netlink receive: %s",
					what, strerror(errno));
			nvo__sock_close(s);
			return err;
		}
		for (; !done && mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			/* Not for this socket, or not for this request. */
			if (!mnl_nlmsg_portid_ok(nlh, s->portid) ||
			    !mnl_nlmsg_seq_ok(nlh, req->nlmsg_seq))
				continue;
			if (intr && (nlh->nlmsg_flags & NLM_F_DUMP_INTR))
				*intr = true;

			/* After a failure, only the end is looked for. */
			switch (nlh->nlmsg_type) {
			case NLMSG_NOOP:
				break;
			case NLMSG_ERROR:
				done = true;
				if (!err)
					err = ack_parse(h, nlh, what);
				break;
			case NLMSG_DONE:
				done = true;
				if (!err)
					err = done_parse(h, nlh, what);
				break;
			case NLMSG_OVERRUN:
				if (!err)
					err = nvo__errf(h, -ENOBUFS,
							"%s: netlink overrun", what);
				break;
			default:
				if (!err && fn)
					err = fn(h, nlh, arg);
				break;
			}
		}
	}
	return err;
}
