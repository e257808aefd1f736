// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The routes of tenant routers: connected ones, which come and go with
 * the router's interfaces, and static ones via a next hop.
 */
#include <errno.h>
#include <sys/socket.h>

#include "internal.h"

/*
 * "route add DEV router N PREFIX via ADDR": the destination and its
 * length are the one word PREFIX, without a keyword of its own.
 */
static const struct nvo_attr_desc route_attrs[] = {
	[NVO_A_IP4]		= { "prefix", MNL_TYPE_U32 },
	[NVO_A_IP6]		= { "prefix", MNL_TYPE_BINARY,
				    sizeof(struct in6_addr) },
	[NVO_A_PREFIX4]		= { "prefix", MNL_TYPE_U8 },
	[NVO_A_PREFIX6]		= { "prefix", MNL_TYPE_U8 },
};

static const struct nvo_attr_space route_space = {
	.max = sizeof(route_attrs) / sizeof(route_attrs[0]) - 1,
	.attrs = route_attrs, .base = &nvo__genl_space,
};

struct route_walk {
	nvo_route_cb cb;
	void *arg;
};

/*
 * A route has a VNI (connected) or a next hop (static), never both. A
 * destination without its length is a host, as for ACL entries.
 */
static int route_reply(struct nvo *h, const struct nlattr *const *tb,
		       void *arg)
{
	const struct route_walk *w = arg;
	struct nvo_route_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.router		= nvo_u32(tb[NVO_A_ROUTER_ID]),
		.connected	= tb[NVO_A_VNI] != NULL,
		.vni		= nvo_u32(tb[NVO_A_VNI]),
	};
	const struct nlattr *len;
	int vias;

	/* Past the 64 bits of nvo__genl_get()'s mask of required ones. */
	if (!tb[NVO_A_ROUTER_ID])
		return nvo__errf(h, -EPROTO, "route without a router in reply");
	if (nvo__addr_get(&info.dst, tb[NVO_A_IP4], tb[NVO_A_IP6]) != 1)
		return nvo__errf(h, -EPROTO, "route without exactly one destination in reply");
	vias = nvo__addr_get(&info.via, tb[NVO_A_VIA4], tb[NVO_A_VIA6]);
	if (vias > 1 || (vias == 1) == info.connected)
		return nvo__errf(h, -EPROTO, "route without exactly one of a VNI and a next hop in reply");
	if (info.dst.family == AF_INET) {
		len = tb[NVO_A_PREFIX4];
		info.prefix = len ? nvo_u8(len) : 32;
	} else {
		len = tb[NVO_A_PREFIX6];
		info.prefix = len ? nvo_u8(len) : 128;
	}
	return w->cb(&info, w->arg);
}

int nvo_route_add(struct nvo *h, const char *dev, uint32_t router,
		  const struct nvo_addr *dst, uint8_t prefix,
		  const struct nvo_addr *via, bool replace)
{
	const struct nvo_req req = {
		.dev = dev, .has_router = true, .router = router,
		.dst = dst, .prefix = prefix, .via = via,
		.flags = replace ? NVO_F_REPLACE : 0, .space = &route_space,
	};

	return nvo__genl_do(h, replace ? "cannot replace route" :
					 "cannot add route",
			    NVO_CMD_ROUTE_NEW, &req);
}

int nvo_route_del(struct nvo *h, const char *dev, uint32_t router,
		  const struct nvo_addr *dst, uint8_t prefix)
{
	const struct nvo_req req = {
		.dev = dev, .has_router = true, .router = router,
		.dst = dst, .prefix = prefix, .space = &route_space,
	};

	return nvo__genl_do(h, "cannot delete route", NVO_CMD_ROUTE_DEL,
			    &req);
}

int nvo_route_dump(struct nvo *h, const char *dev, int64_t router,
		   nvo_route_cb cb, void *arg)
{
	const struct nvo_req req = {
		.dev = dev, .has_router = router >= 0, .router = router,
	};
	struct route_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list routes", NVO_CMD_ROUTE_GET,
			     &req, true, 0, route_reply, &w);
}
