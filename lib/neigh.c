// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The neighbour table of a VNI: the MAC of each tenant address, which nvo
 * gives in answer to ARP and ND so that the requests need not be flooded.
 */
#include <errno.h>
#include <string.h>
#include <linux/if_ether.h>

#include "internal.h"

struct neigh_walk {
	nvo_neigh_cb cb;
	void *arg;
};

static int neigh_reply(struct nvo *h, const struct nlattr *const *tb,
		       void *arg)
{
	const struct neigh_walk *w = arg;
	struct nvo_neigh_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.vni		= nvo_u32(tb[NVO_A_VNI]),
		.flags		= nvo_u32(tb[NVO_A_NEIGH_FLAGS]),
		.age		= nvo_u32(tb[NVO_A_AGE]),
		.port_ifindex	= nvo_u32(tb[NVO_A_PORT_IFINDEX]),
	};

	if (nvo__addr_get(&info.ip, tb[NVO_A_IP4], tb[NVO_A_IP6]) != 1)
		return nvo__errf(h, -EPROTO, "neighbour entry without exactly one address in reply");
	memcpy(info.mac, mnl_attr_get_payload(tb[NVO_A_MAC]), ETH_ALEN);
	nvo__ifname_get(info.port_ifname, tb[NVO_A_PORT_IFNAME]);
	return w->cb(&info, w->arg);
}

int nvo_neigh_add_flags(struct nvo *h, const char *dev, uint32_t vni,
			const struct nvo_addr *ip, const uint8_t mac[6],
			bool replace, uint32_t flags)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni, .ip = ip, .mac = mac,
		.flags = replace ? NVO_F_REPLACE : 0,
		.neigh_flags = flags,
	};
	const char *what = replace ? "cannot replace neighbour entry" :
				     "cannot add neighbour entry";

	nvo__begin(h);
	if (flags & ~NVO_NEIGH_F_ROUTER)
		return nvo__errf(h, -EINVAL, "%s: neighbour flags 0x%x cannot be set (only router, 0x%x)",
				 what, flags & ~NVO_NEIGH_F_ROUTER,
				 NVO_NEIGH_F_ROUTER);
	return nvo__genl_do(h, what, NVO_CMD_NEIGH_NEW, &req);
}

int nvo_neigh_add(struct nvo *h, const char *dev, uint32_t vni,
		  const struct nvo_addr *ip, const uint8_t mac[6],
		  bool replace)
{
	return nvo_neigh_add_flags(h, dev, vni, ip, mac, replace, 0);
}

int nvo_neigh_del(struct nvo *h, const char *dev, uint32_t vni,
		  const struct nvo_addr *ip)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni, .ip = ip,
	};

	return nvo__genl_do(h, "cannot delete neighbour entry",
			    NVO_CMD_NEIGH_DEL, &req);
}

int nvo_neigh_dump(struct nvo *h, const char *dev, int64_t vni,
		   nvo_neigh_cb cb, void *arg)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = vni >= 0, .vni = vni,
	};
	struct neigh_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list neighbour entries",
			     NVO_CMD_NEIGH_GET, &req, true,
			     NVO_ATTR_BIT(NVO_A_VNI) | NVO_ATTR_BIT(NVO_A_MAC),
			     neigh_reply, &w);
}
