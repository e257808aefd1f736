// SPDX-License-Identifier: LGPL-2.1-or-later
/* Security groups of an nvo device: ids, names, and how much uses them. */
#include <string.h>

#include "internal.h"

_Static_assert(NVO_SG_NAME_LEN <= LIBNVO_SG_NAME_LEN,
	       "struct nvo_sg_info must hold every name of <linux/nvo.h>");

struct sg_walk {
	nvo_sg_cb cb;
	void *arg;
};

/* Validated replies hold names shorter than NVO_SG_NAME_LEN. */
static int sg_reply(struct nvo *h __nvo_unused,
		    const struct nlattr *const *tb, void *arg)
{
	const struct sg_walk *w = arg;
	struct nvo_sg_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.id		= nvo_u16(tb[NVO_A_SG_ID]),
		.rule_count	= nvo_u32(tb[NVO_A_RULE_COUNT]),
		.port_count	= nvo_u32(tb[NVO_A_PORT_COUNT]),
	};

	if (tb[NVO_A_SG_NAME])
		strncat(info.name, mnl_attr_get_str(tb[NVO_A_SG_NAME]),
			sizeof(info.name) - 1);
	return w->cb(&info, w->arg);
}

int nvo_sg_add(struct nvo *h, const char *dev, uint16_t id, const char *name)
{
	const struct nvo_req req = {
		.dev = dev, .has_sg = true, .sg = id, .sg_name = name,
	};

	return nvo__genl_do(h, "cannot add security group", NVO_CMD_SG_NEW,
			    &req);
}

int nvo_sg_set(struct nvo *h, const char *dev, uint16_t id, const char *name)
{
	const struct nvo_req req = {
		.dev = dev, .has_sg = true, .sg = id, .sg_name = name,
		.flags = NVO_F_REPLACE,
	};

	return nvo__genl_do(h, "cannot change security group",
			    NVO_CMD_SG_NEW, &req);
}

int nvo_sg_del(struct nvo *h, const char *dev, uint16_t id)
{
	const struct nvo_req req = { .dev = dev, .has_sg = true, .sg = id };

	return nvo__genl_do(h, "cannot delete security group", NVO_CMD_SG_DEL,
			    &req);
}

int nvo_conn_flush(struct nvo *h, const char *dev)
{
	const struct nvo_req req = { .dev = dev };

	return nvo__genl_do(h, "cannot flush connections", NVO_CMD_CONN_FLUSH,
			    &req);
}

int nvo_sg_get(struct nvo *h, const char *dev, uint16_t id,
	       nvo_sg_cb cb, void *arg)
{
	const struct nvo_req req = { .dev = dev, .has_sg = true, .sg = id };
	struct sg_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot get security group", NVO_CMD_SG_GET,
			     &req, false, NVO_ATTR_BIT(NVO_A_SG_ID),
			     sg_reply, &w);
}

int nvo_sg_dump(struct nvo *h, const char *dev, nvo_sg_cb cb, void *arg)
{
	const struct nvo_req req = { .dev = dev };
	struct sg_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list security groups", NVO_CMD_SG_GET,
			     &req, true, NVO_ATTR_BIT(NVO_A_SG_ID),
			     sg_reply, &w);
}
