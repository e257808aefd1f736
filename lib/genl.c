// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Generic netlink: resolving the nvo family, building its requests and
 * running the commands that only want an ACK.
 */
#include <errno.h>
#include <linux/genetlink.h>

#include "internal.h"

static const struct nvo_attr_desc ctrl_attrs[CTRL_ATTR_MAX + 1] = {
	[CTRL_ATTR_FAMILY_ID]	= { "family id", MNL_TYPE_U16 },
	[CTRL_ATTR_FAMILY_NAME]	= { "family name", MNL_TYPE_NUL_STRING },
};

static const struct nvo_attr_space ctrl_space = {
	.max = CTRL_ATTR_MAX, .attrs = ctrl_attrs,
};

static struct nlmsghdr *genl_start(struct nvo *h, uint16_t family,
				   uint8_t cmd, uint8_t version,
				   uint16_t flags,
				   const struct nvo_attr_space *space)
{
	const struct genlmsghdr genl = { .cmd = cmd, .version = version };

	return nvo__msg_start(h, family, flags, &genl, sizeof(genl), space);
}

static int family_reply(struct nvo *h __nvo_unused,
			const struct nlmsghdr *nlh, void *arg)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = { NULL };
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	uint16_t *id = arg;

	if (len >= GENL_HDRLEN)
		nvo__attr_parse(&ctrl_space,
				mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN),
				len - GENL_HDRLEN, tb);
	*id = nvo_u16(tb[CTRL_ATTR_FAMILY_ID]);
	return 0;
}

/*
 * The family id is looked up on first use, not in nvo_open(): creating
 * and deleting links works without it, and creating one may be what
 * loads nvo.ko.
 */
static int genl_family(struct nvo *h)
{
	const char *what = "cannot resolve the nvo generic netlink family";
	struct nlmsghdr *nlh;
	uint16_t id = 0;
	int err;

	nlh = genl_start(h, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_ACK,
			 &ctrl_space);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, NVO_GENL_NAME);
	err = nvo__talk(h, &h->genl, what, family_reply, &id, NULL);
	if (err == -ENOENT)
		return nvo__errf(h, err, "nvo generic netlink family not found (is nvo.ko loaded?)");
	if (err)
		return err;
	if (!id)
		return nvo__errf(h, -EPROTO, "%s: no family id in the reply", what);
	h->family = id;
	return 0;
}

/* Sends cmd with the attributes of req (NULL: none); see nvo__talk(). */
static int genl_send(struct nvo *h, const char *what, uint8_t cmd,
		     uint16_t flags, const struct nvo_req *req,
		     nvo_msg_fn fn, void *arg, bool *intr)
{
	struct nlmsghdr *nlh;
	int err;

	if (!h->family) {
		err = genl_family(h);
		if (err)
			return err;
	}
	nlh = genl_start(h, h->family, cmd, NVO_GENL_VERSION, flags,
			 req && req->space ? req->space : &nvo__genl_space);
	err = req ? nvo__req_put(h, nlh, req) : 0;
	if (err)
		return err;
	return nvo__talk(h, &h->genl, what, fn, arg, intr);
}

/*
 * genl_send(), with the family id refreshed if need be. Reloading nvo.ko
 * may give the family another id; the kernel answers the old one with
 * ENOENT and no text, whereas nvo's own ENOENTs always explain themselves.
 */
int nvo__genl_talk(struct nvo *h, const char *what, uint8_t cmd,
		   uint16_t flags, const struct nvo_req *req,
		   nvo_msg_fn fn, void *arg, bool *intr)
{
	uint16_t old = h->family;
	int err;

	err = genl_send(h, what, cmd, flags, req, fn, arg, intr);
	if (err != -ENOENT || h->ack_msg || !old)
		return err;
	/* The message of the first answer stands if the id is the same. */
	h->family = 0;
	err = genl_family(h);
	if (err || h->family == old)
		return err ? err : -ENOENT;
	nvo__begin(h);
	return genl_send(h, what, cmd, flags, req, fn, arg, intr);
}

/* A command whose only answer is its ACK. */
int nvo__genl_do(struct nvo *h, const char *what, uint8_t cmd,
		 const struct nvo_req *req)
{
	nvo__begin(h);
	return nvo__genl_talk(h, what, cmd, NLM_F_ACK, req, NULL, NULL, NULL);
}
