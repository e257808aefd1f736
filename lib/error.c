// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Error messages: the library's own, and the kernel's extended ACK turned
 * into words a user of nvctl can act on.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>

#include "internal.h"

static const struct nvo_attr_desc policy_attrs[NL_POLICY_TYPE_ATTR_MAX + 1] = {
	[NL_POLICY_TYPE_ATTR_TYPE]		= { .type = MNL_TYPE_U32 },
	[NL_POLICY_TYPE_ATTR_MIN_VALUE_U]	= { .type = MNL_TYPE_U64 },
	[NL_POLICY_TYPE_ATTR_MAX_VALUE_U]	= { .type = MNL_TYPE_U64 },
};

static const struct nvo_attr_space policy_space = {
	.max = NL_POLICY_TYPE_ATTR_MAX, .attrs = policy_attrs,
};

static const struct nvo_attr_desc ext_ack_attrs[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG]		= { .type = MNL_TYPE_NUL_STRING },
	[NLMSGERR_ATTR_OFFS]		= { .type = MNL_TYPE_U32 },
	[NLMSGERR_ATTR_POLICY]		= { .type = MNL_TYPE_NESTED,
					    .nest = &policy_space },
	[NLMSGERR_ATTR_MISS_TYPE]	= { .type = MNL_TYPE_U32 },
	[NLMSGERR_ATTR_MISS_NEST]	= { .type = MNL_TYPE_U32 },
};

static const struct nvo_attr_space ext_ack_space = {
	.max = NLMSGERR_ATTR_MAX, .attrs = ext_ack_attrs,
};

static void errmsg_vadd(struct nvo *h, const char *fmt, va_list ap)
{
	size_t len = strlen(h->errmsg);

	vsnprintf(h->errmsg + len, sizeof(h->errmsg) - len, fmt, ap);
}

/*
 * Each public call starts here, so that its messages are its own even
 * when it makes several requests.
 */
void nvo__begin(struct nvo *h)
{
	h->errmsg[0] = '\0';
	h->warning[0] = '\0';
}

/* Sets the handle's message and returns err, for "return nvo__errf(...)". */
int nvo__errf(struct nvo *h, int err, const char *fmt, ...)
{
	va_list ap;

	h->errmsg[0] = '\0';
	va_start(ap, fmt);
	errmsg_vadd(h, fmt, ap);
	va_end(ap);
	return err;
}

/* Adds to the handle's message, e.g. a hint for the errno at hand. */
void nvo__err_append(struct nvo *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errmsg_vadd(h, fmt, ap);
	va_end(ap);
}

/*
 * The description of the attribute at byte offset off of the last request,
 * descending into nests the attribute spaces know about. Offsets count
 * from the start of the netlink header, as NLMSGERR_ATTR_OFFS does.
 */
static const struct nvo_attr_desc *tx_attr_at(const struct nvo *h, size_t off)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)h->tx;
	const struct nvo_attr_space *space = h->tx_space;
	size_t pos = MNL_NLMSG_HDRLEN + MNL_ALIGN(h->tx_hdrlen);
	size_t end = nlh->nlmsg_len;

	while (space && pos + MNL_ATTR_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)(h->tx + pos);
		const struct nvo_attr_desc *d;

		if (a->nla_len < MNL_ATTR_HDRLEN || pos + a->nla_len > end)
			return NULL;
		d = nvo__attr_desc(space, mnl_attr_get_type(a));
		if (off == pos)
			return d;
		if (off < pos + a->nla_len) {
			if (!d)
				return NULL;
			space = d->nest;
			end = pos + a->nla_len;
			pos += MNL_ATTR_HDRLEN;
			continue;
		}
		pos += MNL_ALIGN(a->nla_len);
	}
	return NULL;
}

/*
 * The attribute the error is about. A missing one is said to be missing,
 * unless the kernel's own text said so already.
 */
static void errmsg_add_attr(struct nvo *h, const struct nlattr *const *tb)
{
	const struct nlattr *offs = tb[NLMSGERR_ATTR_OFFS];
	const struct nlattr *miss = tb[NLMSGERR_ATTR_MISS_TYPE];
	const struct nlattr *nest = tb[NLMSGERR_ATTR_MISS_NEST];
	const struct nvo_attr_space *space = h->tx_space;
	const struct nvo_attr_desc *d;

	if (offs) {
		d = tx_attr_at(h, mnl_attr_get_u32(offs));
		if (d && d->name)
			nvo__err_append(h, " (attribute \"%s\")", d->name);
		return;
	}
	if (!miss)
		return;
	if (nest) {
		d = tx_attr_at(h, mnl_attr_get_u32(nest));
		space = d ? d->nest : NULL;
	}
	d = nvo__attr_desc(space, mnl_attr_get_u32(miss));
	if (d && d->name)
		nvo__err_append(h, " (%sattribute \"%s\")",
				tb[NLMSGERR_ATTR_MSG] ? "" : "missing ", d->name);
}

static uint64_t type_max(uint32_t type)
{
	switch (type) {
	case NL_ATTR_TYPE_U8:
		return UINT8_MAX;
	case NL_ATTR_TYPE_U16:
		return UINT16_MAX;
	case NL_ATTR_TYPE_U32:
		return UINT32_MAX;
	default:
		return UINT64_MAX;
	}
}

/*
 * The policy of a rejected attribute tells its valid range. A range that
 * is the whole type says nothing, so it is left out.
 */
static void errmsg_add_policy(struct nvo *h, const struct nlattr *nest)
{
	const struct nlattr *tb[NL_POLICY_TYPE_ATTR_MAX + 1] = { NULL };
	const struct nlattr *type, *min, *max;

	nvo__attr_parse_nested(&policy_space, nest, tb);
	type = tb[NL_POLICY_TYPE_ATTR_TYPE];
	min = tb[NL_POLICY_TYPE_ATTR_MIN_VALUE_U];
	max = tb[NL_POLICY_TYPE_ATTR_MAX_VALUE_U];
	if (!min || !max)
		return;
	if (!mnl_attr_get_u64(min) &&
	    mnl_attr_get_u64(max) == type_max(nvo_u32(type)))
		return;
	nvo__err_append(h, ", valid %" PRIu64 "..%" PRIu64,
			mnl_attr_get_u64(min), mnl_attr_get_u64(max));
}

/*
 * Reads the extended ACK attributes (tlvs, len bytes, may be NULL) that end
 * a request with err (0: success). A failure gets its message: the
 * kernel's text, or the errno with what was being done; then the attribute
 * it points at and its valid range. A success may carry a warning.
 */
int nvo__ack(struct nvo *h, int err, const char *what,
	     const void *tlvs, size_t len)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };
	const char *msg;

	if (tlvs)
		nvo__attr_parse(&ext_ack_space, tlvs, len, tb);
	msg = tb[NLMSGERR_ATTR_MSG] ? mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]) :
				      NULL;
	h->ack_msg = msg != NULL;
	if (!err) {
		if (msg)
			snprintf(h->warning, sizeof(h->warning), "%s", msg);
		return 0;
	}
	if (msg)
		nvo__errf(h, err, "%s", msg);
	else
		nvo__errf(h, err, "%s: %s", what, strerror(-err));
	errmsg_add_attr(h, tb);
	if (tb[NLMSGERR_ATTR_POLICY])
		errmsg_add_policy(h, tb[NLMSGERR_ATTR_POLICY]);
	return err;
}

const char *nvo_errmsg(const struct nvo *h)
{
	return h->errmsg;
}

const char *nvo_warning(const struct nvo *h)
{
	return h->warning;
}
