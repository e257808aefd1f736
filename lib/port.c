// SPDX-License-Identifier: LGPL-2.1-or-later
/* Ports: local Ethernet devices attached to one VNI of an nvo device. */
#include "internal.h"

struct port_walk {
	nvo_port_cb cb;
	void *arg;
};

static int port_reply(struct nvo *h, const struct nlattr *const *tb,
		      void *arg)
{
	const struct port_walk *w = arg;
	struct nvo_port_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.port_ifindex	= nvo_u32(tb[NVO_A_PORT_IFINDEX]),
		.vni		= nvo_u32(tb[NVO_A_VNI]),
		.id		= nvo_u32(tb[NVO_A_PORT_ID]),
	};
	int err;

	nvo__ifname_get(info.port_ifname, tb[NVO_A_PORT_IFNAME]);
	err = nvo__stats_parse(h, tb[NVO_A_STATS], &info.stats,
				&info.learn_limit);
	return err ? err : w->cb(&info, w->arg);
}

/* An id of 0 is not put: it is what the kernel assumes without one. */
int nvo_port_add(struct nvo *h, const char *dev, const char *port,
		 uint32_t vni, uint32_t id)
{
	const struct nvo_req req = {
		.dev = dev, .port = port, .has_vni = true, .vni = vni,
		.port_id = id,
	};

	return nvo__genl_do(h, "cannot add port", NVO_CMD_PORT_NEW, &req);
}

int nvo_port_del(struct nvo *h, const char *dev, const char *port)
{
	const struct nvo_req req = { .dev = dev, .port = port };

	return nvo__genl_do(h, "cannot delete port", NVO_CMD_PORT_DEL, &req);
}

int nvo_port_dump(struct nvo *h, const char *dev, int64_t vni,
		  nvo_port_cb cb, void *arg)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = vni >= 0, .vni = vni,
	};
	struct port_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list ports", NVO_CMD_PORT_GET, &req,
			     true,
			     NVO_ATTR_BIT(NVO_A_VNI) |
			     NVO_ATTR_BIT(NVO_A_PORT_IFINDEX) |
			     NVO_ATTR_BIT(NVO_A_PORT_IFNAME),
			     port_reply, &w);
}
