// SPDX-License-Identifier: LGPL-2.1-or-later
/* The flood list of a VNI: remote VTEPs that get broadcast copies. */
#include <errno.h>

#include "internal.h"

struct flood_walk {
	nvo_flood_cb cb;
	void *arg;
};

static int flood_reply(struct nvo *h, const struct nlattr *const *tb,
		       void *arg)
{
	const struct flood_walk *w = arg;
	struct nvo_flood_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.vni		= nvo_u32(tb[NVO_A_VNI]),
	};

	if (nvo__remote_get(&info.remote, tb) != 1)
		return nvo__errf(h, -EPROTO, "flood entry without exactly one remote address in reply");
	return w->cb(&info, w->arg);
}

int nvo_flood_add(struct nvo *h, const char *dev, uint32_t vni,
		  const struct nvo_addr *remote)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni, .remote = remote,
	};

	return nvo__genl_do(h, "cannot add flood entry", NVO_CMD_FLOOD_NEW,
			    &req);
}

int nvo_flood_del(struct nvo *h, const char *dev, uint32_t vni,
		  const struct nvo_addr *remote)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni, .remote = remote,
	};

	return nvo__genl_do(h, "cannot delete flood entry", NVO_CMD_FLOOD_DEL,
			    &req);
}

int nvo_flood_dump(struct nvo *h, const char *dev, int64_t vni,
		   nvo_flood_cb cb, void *arg)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = vni >= 0, .vni = vni,
	};
	struct flood_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list flood entries", NVO_CMD_FLOOD_GET,
			     &req, true,
			     NVO_ATTR_BIT(NVO_A_VNI),
			     flood_reply, &w);
}
